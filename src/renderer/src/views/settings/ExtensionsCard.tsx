import { Badge, Card, Code, Group, Stack, Switch, Table, Text } from '@mantine/core';
import { IconPlugConnected } from '@tabler/icons-react';
import { useOp, useOpMutation, type OpOutput } from '../../api/hooks';
import { EmptyState, ErrorState, TableSkeleton, formatDateTime, formatNumber } from '../../components';

type Extension = OpOutput<'extensions.list'>['extensions'][number];

const names: Record<Extension['key'], { title: string; what: string }> = {
  'markket:odoo:newsletter': { title: 'Newsletter sign-ups', what: 'New subscribers go to the Odoo list, tagged and deduplicated.' },
  'markket:odoo:campaign': { title: 'Campaigns', what: 'Creates, sends and schedules Odoo mailings from SendGrid templates.' },
  'markket:sendgrid:stats': { title: 'SendGrid statistics', what: 'Delivery, opens, clicks, bounces and opt-outs from SendGrid flow into Odoo.' },
};

/** What started a run, as the store owner would say it (the log keeps Odoo-side trigger names). */
const triggerWords: Record<string, string> = {
  'trigger:new_subscriber': 'A new subscriber signed up',
  'trigger:sendgrid_webhook': 'SendGrid reported deliveries',
  'trigger:manual': 'Run from the console',
};

const statusColor = { success: 'teal', sent: 'teal', scheduled: 'blue', error: 'red', skipped: 'gray' } as const;

function ExtensionRow({ storeId, extension }: { storeId: string; extension: Extension }) {
  const update = useOpMutation('extensions.update', { invalidates: ['extensions.list'] });
  const runs = [...extension.meta.execution_log].reverse().slice(0, 5);
  const label = names[extension.key];
  return (
    <Card withBorder padding="md" component="section" aria-label={`Extension ${label.title}`}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <div>
          <Text fw={600}>{label.title}</Text>
          <Text size="sm" c="dimmed">{label.what}</Text>
          <Group gap={6} mt={6}>
            <Badge color="gray" variant="light" style={{ textTransform: 'none' }}>{'url' in extension.credentials ? `Own Odoo: ${extension.credentials.url}` : 'use_default' in extension.credentials ? 'Profile’s Odoo' : 'Profile’s Odoo, own SendGrid key'}</Badge>
          </Group>
          {/* The record's key and triggers are for administrators and support, not the store owner. */}
          <Text component="details" size="xs" c="dimmed" mt={6}>
            <summary style={{ cursor: 'pointer' }}>Details</summary>
            <Group gap={6} mt={4}>
              <Code fz="xs">{extension.key}</Code>
              {extension.triggers.map((t) => <Code key={t} fz="xs">{t}</Code>)}
            </Group>
          </Text>
        </div>
        <Switch
          label={extension.active ? 'Active' : 'Off'}
          checked={extension.active}
          disabled={update.isPending}
          onChange={(e) => update.mutate({ storeId, extensionId: extension.id, active: e.currentTarget.checked })}
          aria-label={`${label.title} active`}
        />
      </Group>
      {update.error && <ErrorState error={update.error} title="The change was not saved" />}
      <Text size="xs" c="dimmed" mt="sm" mb={4} fw={600} tt="uppercase">Last runs</Text>
      {runs.length === 0 ? (
        <Text size="sm" c="dimmed">Not run yet.</Text>
      ) : (
        <Table verticalSpacing={4} fz="sm" aria-label={`Last runs of ${label.title}`} highlightOnHover={false}>
          <Table.Tbody>
            {runs.map((r, i) => (
              <Table.Tr key={`${r.timestamp}-${i}`}>
                <Table.Td w={170} c="dimmed" style={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.timestamp)}</Table.Td>
                <Table.Td w={90}><Badge color={statusColor[r.status]}>{r.status}</Badge></Table.Td>
                <Table.Td><Text size="sm" lineClamp={2}>{r.error ? r.error.message : (r.summary ?? triggerWords[r.trigger] ?? 'Ran')}</Text></Table.Td>
                <Table.Td w={80} ta="right" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }}>{formatNumber(Math.round(r.duration_ms))} ms</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}

/** The store's extensions: which are on, and how their last runs went. */
export function ExtensionsCard({ storeId }: { storeId: string }) {
  const extensions = useOp('extensions.list', { storeId });
  return (
    <Card component="section" aria-label="Extensions">
      <Text fw={600}>Extensions</Text>
      <Text size="sm" c="dimmed" mb="md">The store’s automations. Turning one off stops it without losing its settings.</Text>
      {extensions.error ? (
        <ErrorState error={extensions.error} title="Could not load the extensions" onRetry={() => void extensions.refetch()} retrying={extensions.isFetching} />
      ) : extensions.isPending ? (
        <TableSkeleton rows={3} />
      ) : extensions.data.extensions.length === 0 ? (
        <EmptyState framed={false} icon={<IconPlugConnected size={28} />} title="No extensions for this store" description="The newsletter, campaign and statistics extensions are added when the store is set up." />
      ) : (
        <Stack gap="sm">
          {extensions.data.extensions.map((e) => <ExtensionRow key={e.id} storeId={storeId} extension={e} />)}
        </Stack>
      )}
    </Card>
  );
}
