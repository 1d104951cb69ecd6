import { Badge, Drawer, Group, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import type { z } from 'zod';
import type { Subscriber } from '../../../../shared/schemas/marketing';
import { useOp } from '../../api/hooks';
import { ErrorState, formatDate, formatDateTime, formatNumber } from '../../components';
import { hrefFor } from '../../router';
import { SubscriberActions } from './SubscriberActions';
import { SubscriberStatusBadge } from './SubscriberStatusBadge';

type Row = z.infer<typeof Subscriber>;

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" mb={2}>{label}</Text>
      <Text size="sm" fw={500} component="div">{children}</Text>
    </div>
  );
}

const historyColor: Record<string, string> = { clicked: 'teal', opened: 'markket', replied: 'teal', bounced: 'red', failed: 'red', sent: 'blue', queued: 'gray', canceled: 'dark' };

function History({ storeId, id, onDeleted }: { storeId: string; id: number; onDeleted: () => void }) {
  const detail = useOp('marketing.subscribers.get', { storeId, id });
  if (detail.error) return <ErrorState error={detail.error} title="Could not load this subscriber's history" onRetry={() => void detail.refetch()} retrying={detail.isFetching} />;
  if (detail.isPending) return <Stack gap="xs">{[0, 1, 2].map((i) => <Skeleton key={i} height={28} />)}</Stack>;
  const d = detail.data;
  return (
    <Stack gap="lg">
      <SubscriberActions storeId={storeId} d={d} onDeleted={onDeleted} />
      {d.bounces > 0 && <Group gap="xs"><Badge color="orange">{formatNumber(d.bounces)} bounces</Badge></Group>}
      <div>
        <Text size="sm" fw={600} mb={4}>Campaign history</Text>
        {d.campaigns.length === 0 ? (
          <Text size="sm" c="dimmed">No campaign has reached this person yet.</Text>
        ) : (
          <Table aria-label="Campaign history" verticalSpacing={6} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Campaign</Table.Th>
                <Table.Th>Sent</Table.Th>
                <Table.Th>Result</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.campaigns.map((c) => (
                <Table.Tr key={c.campaign_id}>
                  <Table.Td maw={200}>
                    <Text size="sm" truncate component="a" href={hrefFor({ name: 'campaign-stats', campaignId: c.campaign_id })} c="inherit" style={{ textDecoration: 'none' }}>{c.subject}</Text>
                  </Table.Td>
                  <Table.Td><Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>{formatDate(c.sent_at)}</Text></Table.Td>
                  <Table.Td><Badge color={historyColor[c.status] ?? 'gray'}>{c.status}</Badge></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </div>
    </Stack>
  );
}

export function SubscriberDrawer({ storeId, subscriber, onClose }: { storeId: string; subscriber: Row | null; onClose: () => void }) {
  return (
    <Drawer opened={subscriber !== null} onClose={onClose} position="right" size="lg" title="Subscriber">
      {subscriber && (
        <Stack gap="lg">
          <div>
            <Title order={3} fz="lg" style={{ wordBreak: 'break-all' }}>{subscriber.email}</Title>
            <Text c="dimmed" size="sm">{subscriber.name || 'No name on file'}</Text>
          </div>
          <SimpleGrid cols={2} spacing="lg">
            <Field label="Status"><SubscriberStatusBadge status={subscriber.status} /></Field>
            <Field label="Subscribed">{formatDateTime(subscriber.subscribed_date)}</Field>
            <Field label="Campaigns received">{formatNumber(subscriber.campaigns_received)}</Field>
            <Field label="Last opened">{subscriber.last_opened ? formatDateTime(subscriber.last_opened) : 'Never'}</Field>
          </SimpleGrid>
          <History storeId={storeId} id={subscriber.id} onDeleted={onClose} />
          <Text size="xs" c="dimmed">Odoo contact #{subscriber.id}</Text>
        </Stack>
      )}
    </Drawer>
  );
}
