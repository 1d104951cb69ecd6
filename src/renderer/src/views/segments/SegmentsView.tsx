import { useState } from 'react';
import { Button, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { IconFilter, IconPencil, IconTrash } from '@tabler/icons-react';
import { useOp, useOpMutation, type OpOutput } from '../../api/hooks';
import { EmptyState, ErrorState, LoadingState, PageHeader, StaleBadge, formatNumber } from '../../components';
import { SegmentBuilder } from './SegmentBuilder';
import { describeRule } from './conditions';

type Saved = OpOutput<'marketing.segments.list'>['segments'][number];

/**
 * Segments: the builder, and the store's saved segments (Odoo favourite filters the builder wrote,
 * so Odoo's own mailing form and another computer see them), each with Odoo's count of who it
 * reaches now. Offline the list is the last one Odoo gave, marked "as of".
 */
export function SegmentsView({ storeId }: { storeId: string }) {
  const lists = useOp('marketing.lists', { storeId });
  const segments = useOp('marketing.segments.list', { storeId });
  const sent = useOp('marketing.campaigns.list', { storeId, status: 'sent', limit: 200 }, { staleTime: 60_000 });
  const [editing, setEditing] = useState<Saved | null>(null);
  const [builderKey, setBuilderKey] = useState(0);
  const [deleting, setDeleting] = useState<Saved | null>(null);
  const remove = useOpMutation('marketing.segments.delete', { invalidates: ['marketing.segments.list'] });

  const listName = (id: number) => lists.data?.lists.find((l) => l.id === id)?.name ?? `list ${id}`;
  const campaignName = (id: number) => {
    const c = sent.data?.campaigns.find((x) => x.odoo_campaign_id === id);
    return c ? `“${c.subject}”` : `campaign ${id}`;
  };
  const restart = (to: Saved | null) => {
    setEditing(to);
    setBuilderKey((k) => k + 1);
  };

  return (
    <>
      <PageHeader title="Segments" description="Pick subscribers by tags, lists, dates and what they opened or clicked. Odoo counts each condition as you build; saved segments appear in the campaign editor’s audience picker." />
      <Stack gap="xl">
        {lists.error ? (
          <ErrorState error={lists.error} title="Could not load your lists" onRetry={() => void lists.refetch()} />
        ) : !lists.data ? (
          <LoadingState />
        ) : lists.data.lists.length === 0 ? (
          <EmptyState icon={<IconFilter size={28} />} title="No mailing list yet" description="A segment picks subscribers of one of the store’s lists. Set the store up in Settings first." />
        ) : (
          <SegmentBuilder key={builderKey} storeId={storeId} lists={lists.data.lists} editing={editing} onDone={() => restart(null)} />
        )}
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={2} fz="lg">Saved segments</Title>
            <StaleBadge data={segments.data} what="These segments and counts" />
          </Group>
          {segments.error ? (
            <ErrorState error={segments.error} title="Could not load the saved segments" onRetry={() => void segments.refetch()} />
          ) : !segments.data ? (
            <LoadingState />
          ) : segments.data.segments.length === 0 ? (
            <EmptyState icon={<IconFilter size={28} />} title="No saved segment yet" description="Build one above and save it under a name to use it as a campaign’s audience." />
          ) : (
            <Table.ScrollContainer minWidth={640}>
              <Table verticalSpacing="sm" aria-label="Saved segments">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Name</Table.Th>
                    <Table.Th>Who</Table.Th>
                    <Table.Th style={{ textAlign: 'right' }}>Recipients</Table.Th>
                    <Table.Th><Text span size="sm" fw={700}>Actions</Text></Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {segments.data.segments.map((s) => (
                    <Table.Tr key={s.id}>
                      <Table.Td>
                        <Text size="sm" fw={600}>{s.name}</Text>
                        <Text size="xs" c="dimmed">{listName(s.list_id)}{s.saved_by ? ` · saved by ${s.saved_by}` : ''}</Text>
                      </Table.Td>
                      <Table.Td><Text size="sm">{describeRule(s.rule, { list: listName, campaign: campaignName })}</Text></Table.Td>
                      <Table.Td style={{ textAlign: 'right' }}><Text size="sm" fw={600}>{formatNumber(s.recipients)}</Text></Table.Td>
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <Button size="xs" variant="default" leftSection={<IconPencil size={14} />} onClick={() => restart(s)} aria-label={`Change ${s.name}`}>Change</Button>
                          <Button size="xs" variant="subtle" color="red" leftSection={<IconTrash size={14} />} onClick={() => setDeleting(s)} aria-label={`Delete ${s.name}`}>Delete</Button>
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      </Stack>
      <Modal opened={deleting !== null} onClose={() => { setDeleting(null); remove.reset(); }} title={`Delete “${deleting?.name ?? ''}”?`}>
        <Stack gap="md">
          <Text size="sm">The segment is deleted from Odoo’s favourite filters, for every computer. Campaigns already written with it keep their audience.</Text>
          {remove.error && <ErrorState error={remove.error} title="The segment was not deleted" />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => { setDeleting(null); remove.reset(); }}>Keep it</Button>
            <Button color="red" loading={remove.isPending} onClick={() => deleting && remove.mutate({ storeId, id: deleting.id }, { onSuccess: () => { if (editing?.id === deleting.id) restart(null); setDeleting(null); } })}>Delete segment</Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
