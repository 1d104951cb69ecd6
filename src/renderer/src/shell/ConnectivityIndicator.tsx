import { Badge, Button, Group, Popover, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconCloudOff, IconCloudCheck, IconRefresh } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { opQueryKey, useOp, useOpMutation } from '../api/hooks';
import { formatDateTime, formatNumber } from '../components';

const pollMs = 15_000;

/**
 * Whether Odoo answers, in the header. Offline the console keeps working on what it has (drafts,
 * the last lists and templates) and says so; the popover tells what is waiting to be pushed.
 */
export function ConnectivityIndicator() {
  const queryClient = useQueryClient();
  const status = useOp('connectivity.status', { probe: false }, { refetchInterval: pollMs, staleTime: 0 });
  // While changes wait, look more often so "to sync" clears soon after the push.
  const outbox = useOp('outbox.list', {}, { refetchInterval: (q) => ((q.state.data?.items.length ?? 0) > 0 ? 3_000 : pollMs), staleTime: 0 });
  const probe = useOpMutation('connectivity.status', {
    invalidates: [],
    onSuccess: (fresh) => queryClient.setQueryData(opQueryKey('connectivity.status', { probe: false }), fresh),
  });
  const sync = useOpMutation('drafts.sync', { invalidates: ['outbox.list', 'drafts.list', 'drafts.get'] });
  if (!status.data) return null;
  const online = status.data.online;
  const waiting = outbox.data?.items.length ?? 0;
  const failed = outbox.data?.items.filter((i) => i.state === 'failed').length ?? 0;
  const label = online ? (waiting > 0 ? `${waiting} to sync` : 'Online') : 'Offline';
  return (
    <Popover position="bottom-end" width={320} shadow="md" withArrow>
      <Popover.Target>
        <UnstyledButton aria-label={online ? (waiting > 0 ? `${label}: ${waiting === 1 ? 'one change waits' : `${waiting} changes wait`} to reach Odoo` : 'Online: connected to Odoo') : 'Offline: changes are saved locally and will sync'}>
          <Badge
            size="lg"
            variant={online ? 'light' : 'filled'}
            color={online ? (failed > 0 ? 'orange' : 'teal') : 'orange'}
            leftSection={online ? <IconCloudCheck size={14} /> : <IconCloudOff size={14} />}
            style={{ textTransform: 'none', cursor: 'pointer' }}
          >
            {label}
          </Badge>
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <Text fw={600} size="sm">{online ? 'Connected to Odoo' : 'Offline — changes are saved locally and will sync'}</Text>
          <Text size="xs" c="dimmed">
            {online ? 'Connected' : 'Unreachable'} since {formatDateTime(status.data.since)}
            {!online && status.data.lastError && ` · ${status.data.lastError.message}`}
          </Text>
          {!online && <Text size="xs">Drafts keep saving on this computer. Sending and scheduling need a connection.</Text>}
          <Text size="xs">
            {waiting === 0 ? 'Every change is in Odoo.' : `${formatNumber(waiting)} ${waiting === 1 ? 'change' : 'changes'} waiting for Odoo${failed > 0 ? `, ${failed} refused — open the draft to fix it` : ''}.`}
          </Text>
          {sync.data && <Text size="xs" c="dimmed">Last sync: {sync.data.pushed} pushed, {sync.data.remaining} left{sync.data.stoppedBy ? ` (${sync.data.stoppedBy.message})` : ''}.</Text>}
          <Group gap="xs" justify="flex-end">
            <Button size="xs" variant="default" leftSection={<IconRefresh size={14} />} loading={probe.isPending} onClick={() => probe.mutate({ probe: true })}>Check now</Button>
            {waiting > 0 && <Button size="xs" loading={sync.isPending} onClick={() => sync.mutate({})} disabled={!online}>Sync now</Button>}
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
