import { Badge, Button, Menu, Text } from '@mantine/core';
import { IconCheck, IconChevronDown, IconServer, IconSettings } from '@tabler/icons-react';
import { useOp } from '../api/hooks';
import { ActionMenu } from '../components';
import { navigate } from '../router';
import { useActivateProfile } from '../views/settings/use-profile-actions';

/** The active profile, and a quick switch to the others. */
export function ProfileSlot() {
  const profiles = useOp('profiles.list', {});
  const activate = useActivateProfile();
  if (!profiles.data) return null;
  const active = profiles.data.profiles.find((p) => p.id === profiles.data.activeProfileId);
  return (
    <ActionMenu position="bottom-end" width={260}>
      <Menu.Target>
        <Button variant="default" size="sm" leftSection={<IconServer size={16} />} rightSection={<IconChevronDown size={14} />} aria-label={`Profile: ${active?.name ?? 'none'}. Switch profile`} loading={activate.isPending} maw={340}>
          <Text size="sm" fw={500} truncate>{active?.name ?? 'No profile'}</Text>
          {active?.kind === 'demo' && <Badge ml={8} size="sm" color="grape" style={{ textTransform: 'none' }}>Sample data</Badge>}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Profiles</Menu.Label>
        {profiles.data.profiles.map((p) => (
          <Menu.Item key={p.id} leftSection={p.id === active?.id ? <IconCheck size={14} /> : <span style={{ width: 14 }} />} onClick={() => p.id !== active?.id && activate.mutate({ id: p.id })}>
            {p.name}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item leftSection={<IconSettings size={14} />} onClick={() => navigate({ name: 'settings' })}>Manage profiles</Menu.Item>
      </Menu.Dropdown>
    </ActionMenu>
  );
}
