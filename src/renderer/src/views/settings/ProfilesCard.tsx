import { useState } from 'react';
import { ActionIcon, Badge, Button, Card, Group, Menu, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDots, IconEdit, IconPlugConnected, IconPlus, IconServer, IconTrash, IconSwitchHorizontal } from '@tabler/icons-react';
import type { z } from 'zod';
import type { ConnectionReport, ProfileView } from '../../../../shared/schemas/profile';
import { useOp, useOpMutation } from '../../api/hooks';
import { ActionMenu, EmptyState, ErrorState, TableSkeleton } from '../../components';
import { ConnectionResult } from './ConnectionResult';
import { ProfileForm } from './ProfileForm';
import { keyStatus, keyStorage } from './key-status';
import { useActivateProfile, useRefreshProfiles } from './use-profile-actions';

type View = z.infer<typeof ProfileView>;
const kindLabel: Record<View['kind'], string> = { 'markket-default': "Markket's Odoo", 'own-odoo': 'Own Odoo', demo: 'Demo' };

function ProfileRow({ profile, active, onEdit, onDelete }: { profile: View; active: boolean; onEdit: () => void; onDelete: () => void }) {
  const [report, setReport] = useState<z.infer<typeof ConnectionReport> | null>(null);
  const test = useOpMutation('profiles.testConnection', { onSuccess: setReport });
  const activate = useActivateProfile();
  return (
    <Card withBorder padding="md" aria-label={`Profile ${profile.name}`} component="section">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Group gap="sm" wrap="nowrap" align="flex-start">
          <IconServer size={20} style={{ marginTop: 2, flexShrink: 0 }} />
          <div>
            <Group gap="xs">
              <Text fw={600}>{profile.name}</Text>
              <Badge color="gray">{kindLabel[profile.kind]}</Badge>
              {active && <Badge color="teal">Active</Badge>}
              {profile.hipaa.enabled && <Badge color="orange">HIPAA</Badge>}
            </Group>
            <Text size="sm" c="dimmed">
              {profile.kind === 'demo' ? 'Built-in demo workspace on this computer' : `${profile.odoo.url} · ${profile.odoo.database} · ${profile.odoo.login}`}
            </Text>
            {profile.kind !== 'demo' && (
              <Text size="xs" c={profile.secrets.odooApiKey ? 'dimmed' : 'red'}>
                {keyStatus(profile.secrets, keyStorage(window))}
              </Text>
            )}
          </div>
        </Group>
        <Group gap="xs" wrap="nowrap">
          <Button size="xs" variant="default" leftSection={<IconPlugConnected size={14} />} loading={test.isPending} onClick={() => { setReport(null); test.mutate({ id: profile.id }); }}>
            Test connection
          </Button>
          {!active && (
            <Button size="xs" variant="light" leftSection={<IconSwitchHorizontal size={14} />} loading={activate.isPending} onClick={() => activate.mutate({ id: profile.id })}>
              Use
            </Button>
          )}
          <ActionMenu position="bottom-end">
            <Menu.Target>
              <ActionIcon variant="subtle" color="gray" aria-label={`More actions for ${profile.name}`}>
                <IconDots size={16} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item leftSection={<IconEdit size={14} />} onClick={onEdit}>Edit</Menu.Item>
              <Menu.Item leftSection={<IconTrash size={14} />} color="red" onClick={onDelete}>Delete</Menu.Item>
            </Menu.Dropdown>
          </ActionMenu>
        </Group>
      </Group>
      {(report || test.error) && (
        <Stack mt="md">{report ? <ConnectionResult report={report} /> : <ErrorState error={test.error} title="The test could not run" />}</Stack>
      )}
    </Card>
  );
}

export function ProfilesCard() {
  const profiles = useOp('profiles.list', {});
  const refresh = useRefreshProfiles();
  const [editing, setEditing] = useState<View | 'new' | null>(null);
  const [deleting, setDeleting] = useState<View | null>(null);
  const remove = useOpMutation('profiles.delete', {
    onSuccess: () => {
      refresh();
      notifications.show({ color: 'teal', title: 'Profile deleted', message: `${deleting?.name ?? 'The profile'} and its keychain entries are gone.` });
      setDeleting(null);
    },
  });

  return (
    <Card>
      <Group justify="space-between" mb="md">
        <div>
          <Text fw={600}>Profiles</Text>
          <Text size="sm" c="dimmed">Which Odoo the console works with. API keys stay in your keychain.</Text>
        </div>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>Add profile</Button>
      </Group>
      {profiles.error ? (
        <ErrorState error={profiles.error} title="Could not load profiles" onRetry={() => void profiles.refetch()} />
      ) : profiles.isPending ? (
        <TableSkeleton rows={2} />
      ) : profiles.data.profiles.length === 0 ? (
        <EmptyState framed={false} icon={<IconServer size={28} />} title="No profile yet" description="Add your Odoo to work with your own data." />
      ) : (
        <Stack gap="sm">
          {profiles.data.profiles.map((p) => (
            <ProfileRow key={p.id} profile={p} active={p.id === profiles.data.activeProfileId} onEdit={() => setEditing(p)} onDelete={() => { remove.reset(); setDeleting(p); }} />
          ))}
        </Stack>
      )}
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? 'Add profile' : 'Edit profile'} size="lg">
        {editing !== null && (
          <ProfileForm
            profile={editing === 'new' ? undefined : editing}
            onCancel={() => setEditing(null)}
            onSaved={(saved) => {
              refresh();
              setEditing(null);
              notifications.show({ color: 'teal', title: 'Profile saved', message: `${saved.name} is saved.` });
            }}
          />
        )}
      </Modal>
      <Modal opened={deleting !== null} onClose={() => setDeleting(null)} title="Delete this profile?" centered>
        {deleting && (
          <Stack>
            <Text size="sm">
              <Text span fw={600}>{deleting.name}</Text> and its API keys will be removed from this computer. Nothing in Odoo is deleted.
            </Text>
            {remove.error && <ErrorState error={remove.error} title="The profile was not deleted" />}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setDeleting(null)}>Cancel</Button>
              <Button color="red" loading={remove.isPending} onClick={() => remove.mutate({ id: deleting.id })}>Delete profile</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Card>
  );
}
