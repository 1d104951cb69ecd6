import { Alert, Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconDeviceFloppy, IconEdit } from '@tabler/icons-react';
import { useOp } from '../../api/hooks';
import { formatDateTime } from '../../components';
import { hrefFor } from '../../router';
import { draftsOnlyHere } from './draft-rows';

/** How a draft's sync state reads, here and on its campaign's row. */
export const stateLook = {
  local: { label: 'Not in Odoo yet', color: 'gray' },
  pending: { label: 'Sync pending', color: 'yellow' },
  synced: { label: 'Synced', color: 'teal' },
  conflict: { label: 'Conflict', color: 'red' },
  error: { label: 'Refused by Odoo', color: 'red' },
} as const;

/**
 * Drafts kept on this computer (written offline, or still being edited), so none is forgotten. A draft
 * Odoo holds is its campaign's row in the list instead (see draft-rows.ts), unless it needs the person
 * and its row is on another page.
 */
export function LocalDraftsCard({ storeId, shownCampaignIds }: { storeId: string; shownCampaignIds: ReadonlySet<string> }) {
  const drafts = useOp('drafts.list', { storeId });
  const list = draftsOnlyHere(drafts.data?.drafts ?? [], shownCampaignIds);
  const unreadable = drafts.data?.unreadable ?? [];
  if (list.length === 0 && unreadable.length === 0) return null;
  return (
    <Card component="section" aria-label="Drafts on this computer">
      <Group gap="xs" mb="sm">
        <IconDeviceFloppy size={18} />
        <Text fw={600}>Drafts on this computer</Text>
        <Text size="sm" c="dimmed">Saved as you type, synced to Odoo when it answers</Text>
      </Group>
      {unreadable.length > 0 && (
        <Alert color="orange" icon={<IconAlertTriangle size={16} />} mb="sm" title={`${unreadable.length} draft file${unreadable.length === 1 ? '' : 's'} could not be read`}>
          {/* Kept, not deleted: support can often recover them. */}
          The other drafts are listed below. The damaged file{unreadable.length === 1 ? ' was' : 's were'} moved to the drafts folder&apos;s quarantine for recovery:{' '}
          {unreadable.map((u) => u.file).join(', ')}.
        </Alert>
      )}
      <Stack gap={6}>
        {list.slice(0, 6).map((d) => (
          <Group key={d.id} justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
              <Badge color={stateLook[d.sync.state].color} style={{ textTransform: 'none' }}>{stateLook[d.sync.state].label}</Badge>
              <Text size="sm" fw={500} truncate>{d.subject || 'Untitled campaign'}</Text>
              <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>edited {formatDateTime(d.updatedAt)}</Text>
            </Group>
            <Button component="a" href={d.campaignId && d.sync.odooId !== undefined ? hrefFor({ name: 'campaign-edit', campaignId: d.campaignId }) : hrefFor({ name: 'campaign-new', draftId: d.id })} size="xs" variant="subtle" leftSection={<IconEdit size={14} />} aria-label={`Continue editing ${d.subject || 'untitled campaign'}`}>
              Continue
            </Button>
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
