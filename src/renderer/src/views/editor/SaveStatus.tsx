import { Badge, Group, Loader, Text, Tooltip } from '@mantine/core';
import { IconCloudCheck, IconCloudUp, IconAlertTriangle, IconDeviceFloppy, IconGitCompare } from '@tabler/icons-react';
import type { OpOutput } from '../../api/hooks';
import { formatDateTime } from '../../components';

type Draft = OpOutput<'drafts.save'>;

const look = {
  local: { label: 'not in Odoo yet', color: 'gray', icon: IconDeviceFloppy, hint: 'Kept on this computer only; it goes to Odoo when you save it to Odoo or review it.' },
  pending: { label: 'sync pending', color: 'yellow', icon: IconCloudUp, hint: 'Waiting to be pushed to Odoo — it will sync when Odoo answers.' },
  synced: { label: 'synced', color: 'teal', icon: IconCloudCheck, hint: 'Odoo holds the same version as this computer.' },
  conflict: { label: 'conflict', color: 'red', icon: IconGitCompare, hint: 'Changed in Odoo too: pick a version below.' },
  error: { label: 'not synced', color: 'red', icon: IconAlertTriangle, hint: 'Odoo refused the last push; see below.' },
} as const;

/** "Saved locally · synced / pending / conflict", so nobody wonders whether their edits are safe. */
export function SaveStatus({ draft, saving, failed }: { draft: Draft | null; saving: boolean; failed: boolean }) {
  if (failed)
    return (
      <Badge color="red" variant="light" leftSection={<IconAlertTriangle size={12} />} style={{ textTransform: 'none' }} role="status">
        Not saved — your edits are only in this window
      </Badge>
    );
  if (!draft)
    return (
      <Text size="xs" c="dimmed" role="status">
        {saving ? 'Saving…' : 'Saved on this computer as you type'}
      </Text>
    );
  const l = look[draft.sync.state];
  return (
    <Tooltip label={`${l.hint} Last saved ${formatDateTime(draft.updatedAt)} (version ${draft.version}).`} multiline w={280}>
      <Group gap={6} wrap="nowrap" role="status" aria-label={`Saved locally, ${l.label}`} data-sync-state={draft.sync.state}>
        {saving ? <Loader size={12} /> : <IconDeviceFloppy size={14} color="var(--mantine-color-dimmed)" />}
        <Text size="xs" c="dimmed">Saved locally</Text>
        <Text size="xs" c="dimmed">·</Text>
        <Badge size="sm" color={l.color} variant="light" leftSection={<l.icon size={11} />} style={{ textTransform: 'none' }}>
          {l.label}
        </Badge>
      </Group>
    </Tooltip>
  );
}
