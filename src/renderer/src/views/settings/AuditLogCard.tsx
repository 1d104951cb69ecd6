import { useState } from 'react';
import { Badge, Button, Card, Code, Group, Table, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { keepPreviousData } from '@tanstack/react-query';
import { IconDownload, IconShieldCheck, IconShieldX } from '@tabler/icons-react';
import { useOp, useOpMutation } from '../../api/hooks';
import { EmptyState, ErrorState, TableSkeleton, deliverFile, formatDateTime, formatNumber , Pager } from '../../components';

const pageSize = 25;

const actionLabels: Record<string, string> = {
  'profile.connect': 'Connected to Odoo',
  'profile.switched': 'Switched profile',
  'subscribers.list_viewed': 'Viewed subscriber list',
  'subscriber.opened': 'Opened a subscriber',
  'export.created': 'Exported a file',
  'campaign.sent': 'Sent a campaign',
  'campaign.scheduled': 'Scheduled a campaign',
  'campaign.test_sent': 'Sent a test of a campaign',
  'campaign.queue_processed': "Ran Odoo's queue for a sending campaign",
  'setup.changed': 'Changed Odoo setup',
  'delivery.sendgrid_acknowledged': 'Acknowledged SendGrid has no BAA',
  'audit.exported': 'Exported the audit log',
  'session.locked': 'Console locked',
  'session.unlocked': 'Console unlocked',
};

function detailsText(details: Record<string, unknown>): string {
  return Object.entries(details)
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(' · ');
}

/** The HIPAA audit log: who did what when, whether its sealed chain is intact, and an export for auditors. */
export function AuditLogCard() {
  const [page, setPage] = useState(1);
  const log = useOp('audit.list', { limit: pageSize, offset: (page - 1) * pageSize }, { placeholderData: keepPreviousData });
  const verify = useOp('audit.verify', {});
  const exportLog = useOpMutation('audit.export', {
    invalidates: ['audit.list', 'audit.verify'],
    onSuccess: (r) => notifications.show({ color: 'teal', title: `Audit log exported (${formatNumber(r.entries)} entries)`, message: deliverFile(r) }),
  });
  const pages = log.data ? Math.max(1, Math.ceil(log.data.total / pageSize)) : 1;
  return (
    <Card component="section" aria-label="Audit log">
      <Group justify="space-between" mb="md" wrap="wrap">
        <div>
          <Group gap="xs">
            <Text fw={600}>Audit log</Text>
            {verify.data &&
              (verify.data.ok ? (
                <Tooltip label={verify.data.keyed ? 'Sealed with a key kept in the OS keychain, which also records the newest entry' : 'No lasting keychain here: only a plain hash chain protects this log, so cutting entries off its end would not show'}>
                  <Badge color={verify.data.keyed ? 'teal' : 'yellow'} leftSection={<IconShieldCheck size={12} />}>
                    {verify.data.keyed ? 'Sealed and intact' : 'Chain intact, not sealed'} · {formatNumber(verify.data.entries)} entries
                  </Badge>
                </Tooltip>
              ) : (
                <Tooltip label={verify.data.reason ?? 'An entry was changed, removed or moved'}>
                  <Badge color="red" leftSection={<IconShieldX size={12} />}>Tampered at entry {verify.data.brokenAt ?? '?'}</Badge>
                </Tooltip>
              ))}
            {verify.error && <Badge color="gray">Could not verify</Badge>}
          </Group>
          <Text size="sm" c="dimmed">Every entry is sealed with a key in your OS keychain and chained to the one before, and the keychain records the newest one, so an edited, removed, reordered or cut-off entry shows.</Text>
        </div>
        <Button variant="default" leftSection={<IconDownload size={16} />} loading={exportLog.isPending} onClick={() => exportLog.mutate({})}>Export log</Button>
      </Group>
      {exportLog.error && <ErrorState error={exportLog.error} title="The log was not exported" />}
      {log.error ? (
        <ErrorState error={log.error} title="Could not read the audit log" onRetry={() => void log.refetch()} retrying={log.isFetching} />
      ) : log.isPending ? (
        <TableSkeleton rows={5} />
      ) : log.data.entries.length === 0 ? (
        <EmptyState framed={false} icon={<IconShieldCheck size={28} />} title="Nothing recorded yet" description="Entries appear as people view subscribers, export, send and change the setup." />
      ) : (
        <>
          <Table.ScrollContainer minWidth={720}>
            <Table aria-label="Audit entries" verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={60}>#</Table.Th>
                  <Table.Th w={180}>When</Table.Th>
                  <Table.Th>Who</Table.Th>
                  <Table.Th>What</Table.Th>
                  <Table.Th>Details</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {log.data.entries.map((e) => (
                  <Table.Tr key={e.seq}>
                    <Table.Td c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }}>{e.seq}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at)}</Table.Td>
                    <Table.Td><Text size="sm" truncate maw={180}>{e.actor}</Text></Table.Td>
                    <Table.Td>
                      <Text size="sm">{actionLabels[e.action] ?? e.action}</Text>
                      <Code fz={10}>{e.action}</Code>
                    </Table.Td>
                    <Table.Td><Text size="xs" c="dimmed" lineClamp={2}>{detailsText(e.details)}</Text></Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Group justify="space-between" mt="sm">
            <Text size="sm" c="dimmed">{formatNumber(log.data.total)} entries</Text>
            <Pager total={pages} value={page} onChange={setPage} of="Audit log" />
          </Group>
        </>
      )}
    </Card>
  );
}
