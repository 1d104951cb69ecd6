import { useState } from 'react';
import { Badge, Button, Card, Group, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData } from '@tanstack/react-query';
import { IconDownload, IconSearch, IconUsers } from '@tabler/icons-react';
import { useOp, type OpOutput } from '../../api/hooks';
import { EmptyState, ErrorState, ExportProgressModal, TableSkeleton, formatDateTime, formatNumber, useExport , Pager } from '../../components';

type Filter = 'all' | 'opened' | 'clicked' | 'bounced' | 'not_opened';
type Status = OpOutput<'marketing.campaigns.recipients'>['recipients'][number]['status'];
const pageSize = 25;

const statusColor: Record<Status, string> = { queued: 'gray', sent: 'blue', opened: 'markket', clicked: 'teal', replied: 'teal', bounced: 'red', failed: 'red', canceled: 'dark' };
const filters: { value: Filter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'opened', label: 'Opened' },
  { value: 'clicked', label: 'Clicked' },
  { value: 'bounced', label: 'Bounced' },
  { value: 'not_opened', label: 'Not opened' },
];

/** Who received the campaign and what each of them did, filterable, searchable, exportable. */
export function RecipientsCard({ storeId, campaignId, subject }: { storeId: string; campaignId: string; subject: string }) {
  const [filter, setFilter] = useState<Filter>('all');
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const [page, setPage] = useState(1);
  const input = { storeId, campaignId, filter, limit: pageSize, offset: (page - 1) * pageSize, ...(debounced ? { search: debounced } : {}) };
  const recipients = useOp('marketing.campaigns.recipients', input, { placeholderData: keepPreviousData });
  const exporter = useExport();
  const pages = recipients.data ? Math.max(1, Math.ceil(recipients.data.total / pageSize)) : 1;

  const runExport = () =>
    void exporter.run('export.campaignRecipients', { storeId, campaignId, format: 'csv', csvBom: true }, { title: `Exporting the recipients of “${subject}”`, suggestedName: `recipients-${campaignId}.csv` });

  return (
    <Card p={0} component="section" aria-label="Recipients">
      <Group justify="space-between" p="md" gap="sm" wrap="wrap">
        <div>
          <Text fw={600}>Recipients</Text>
          <Text size="xs" c="dimmed">{recipients.data ? `${formatNumber(recipients.data.total)} ${filter === 'all' ? 'people received it' : 'match'}` : 'Who opened, clicked or bounced'}</Text>
        </div>
        <Group gap="sm" wrap="wrap">
          <SegmentedControl size="xs" aria-label="Show recipients" value={filter} onChange={(v) => { setFilter(v as Filter); setPage(1); }} data={filters} />
          <TextInput size="xs" aria-label="Search recipients" placeholder="Search email or name" leftSection={<IconSearch size={14} />} value={search} onChange={(e) => { setSearch(e.currentTarget.value); setPage(1); }} w={220} />
          <Button size="xs" variant="default" leftSection={<IconDownload size={14} />} onClick={runExport} loading={exporter.progress !== null}>Export CSV</Button>
        </Group>
      </Group>
      {recipients.error ? (
        <Stack p="md"><ErrorState error={recipients.error} title="Could not load the recipients" onRetry={() => void recipients.refetch()} retrying={recipients.isFetching} /></Stack>
      ) : recipients.isPending ? (
        <Stack p="md"><TableSkeleton rows={6} /></Stack>
      ) : recipients.data.recipients.length === 0 ? (
        <EmptyState framed={false} icon={<IconUsers size={28} />} title={debounced || filter !== 'all' ? 'Nobody matches' : 'No recipients yet'} description={debounced || filter !== 'all' ? 'Try another filter or search.' : 'Recipients appear once the campaign is sent.'} />
      ) : (
        <>
          {/* A long bounce reason can make the table wider than the card: the part that scrolls then takes focus, so the keyboard can scroll it too. */}
          <Table.ScrollContainer minWidth={760} scrollAreaProps={{ viewportProps: { tabIndex: 0, role: 'region', 'aria-label': 'Recipients, scrolls sideways' } }}>
            <Table aria-label="Recipients table" verticalSpacing="xs" style={{ opacity: recipients.isPlaceholderData ? 0.6 : 1 }}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th pl="md">Recipient</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Sent</Table.Th>
                  <Table.Th>Opened</Table.Th>
                  <Table.Th>Clicked</Table.Th>
                  <Table.Th pr="md">Bounce</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {recipients.data.recipients.map((r, i) => (
                  <Table.Tr key={`${r.email}-${i}`}>
                    <Table.Td pl="md" maw={280}>
                      <Text size="sm" fw={500} truncate>{r.email}</Text>
                      <Text size="xs" c="dimmed" truncate>{r.name || '—'}</Text>
                    </Table.Td>
                    <Table.Td><Badge color={statusColor[r.status]}>{r.status}</Badge></Table.Td>
                    <Table.Td><Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.sent_at)}</Text></Table.Td>
                    <Table.Td><Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.opened_at)}</Text></Table.Td>
                    <Table.Td><Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.clicked_at)}</Text></Table.Td>
                    <Table.Td pr="md"><Text size="xs" c="var(--mantine-color-red-light-color)" maw={220} truncate title={r.bounce_reason ?? undefined}>{r.bounce_reason ?? ''}</Text></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Group justify="space-between" p="md">
            <Text size="sm" c="dimmed" aria-live="polite">
              {formatNumber(input.offset + 1)}–{formatNumber(input.offset + recipients.data.recipients.length)} of {formatNumber(recipients.data.total)}
            </Text>
            <Pager total={pages} value={page} onChange={setPage} of="Recipients" />
          </Group>
        </>
      )}
      <ExportProgressModal state={exporter.progress} onCancel={exporter.cancel} />
    </Card>
  );
}
