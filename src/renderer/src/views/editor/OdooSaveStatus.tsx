import { Group, Loader, Text } from '@mantine/core';
import { IconAlertTriangle, IconCloudCheck } from '@tabler/icons-react';

/** For drafts that live in Odoo: edits are written there directly. */
export function OdooSaveStatus({ pending, error, saved }: { pending: boolean; error: unknown; saved: boolean }) {
  return (
    <Group gap={6} wrap="nowrap" role="status">
      {pending ? <Loader size={12} /> : error ? <IconAlertTriangle size={14} color="var(--mantine-color-red-6)" /> : <IconCloudCheck size={14} color="var(--mantine-color-dimmed)" />}
      <Text size="xs" c={error ? 'red' : 'dimmed'}>{pending ? 'Saving to Odoo…' : error ? 'Not saved to Odoo' : saved ? 'Saved in Odoo' : 'Draft in Odoo · edits save as you type'}</Text>
    </Group>
  );
}
