import { useState } from 'react';
import { Alert, Button, Card, Divider, FileInput, Group, List, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconCheck, IconFileImport, IconRefresh } from '@tabler/icons-react';
import { FIGURE_QUERIES, useOpMutation, type OpOutput } from '../../api/hooks';
import { ErrorState, formatNumber } from '../../components';

type SyncReport = OpOutput<'suppressions.sync'>;

function Figure({ label, value }: { label: string; value: number }) {
  return (
    <div>
      <Text size="xs" c="dimmed">{label}</Text>
      <Text fw={600} style={{ fontVariantNumeric: 'tabular-nums' }}>{formatNumber(value)}</Text>
    </div>
  );
}

function SyncResult({ report }: { report: SyncReport }) {
  const b = report.blacklist;
  return (
    <Alert color="teal" variant="light" icon={<IconCheck size={18} />} title={report.changed ? 'Odoo’s blacklist is up to date' : 'Nothing new: Odoo already had every suppression'} role="status">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 3, sm: 5 }} spacing="xs">
          <Figure label="Bounces" value={report.pulled.bounces} />
          <Figure label="Blocks" value={report.pulled.blocks} />
          <Figure label="Spam reports" value={report.pulled.spam_reports} />
          <Figure label="Invalid emails" value={report.pulled.invalid_emails} />
          <Figure label="Unsubscribes" value={report.pulled.unsubscribes} />
        </SimpleGrid>
        <Text size="sm">
          {b.readable
            ? <>Blacklisted in Odoo: {formatNumber(b.added)} added, {formatNumber(b.revived)} restored, {formatNumber(b.already)} already there.</>
            : <>Your store’s subscribers: {formatNumber(b.added)} added to Odoo’s blacklist, {formatNumber(b.already)} already there{b.kept_off > 0 ? <>, {formatNumber(b.kept_off)} kept off by Markket’s Odoo administrator (ask them to put these back)</> : null}. {formatNumber(b.unconfirmed)} other addresses were handed to the blacklist too; it is shared by every store on Markket’s Odoo, so your key may add to it but not see whether they were already there.</>}
          {' '}Temporary problems (not blacklisted): {formatNumber(report.temporary.blocks)} blocks, {formatNumber(report.temporary.soft_bounces)} soft bounces.
        </Text>
        {report.unusable.length > 0 && <Text size="xs" c="dimmed">{formatNumber(report.unusable.length)} entries were not email addresses and were left out.</Text>}
      </Stack>
    </Alert>
  );
}

/** SendGrid housekeeping: pull its suppressions into Odoo, and apply a saved event file. */
export function SendgridCard({ storeId }: { storeId: string }) {
  const sync = useOpMutation('suppressions.sync', { invalidates: FIGURE_QUERIES });
  const [file, setFile] = useState<File | null>(null);
  // Imported events are opens, clicks, bounces and unsubscribes: every figure may move.
  const importEvents = useOpMutation('events.import', { invalidates: FIGURE_QUERIES });
  const runImport = async () => {
    if (!file) return;
    importEvents.mutate({ storeId, text: await file.text() });
  };
  return (
    <Card component="section" aria-label="SendGrid">
      <Text fw={600}>SendGrid</Text>
      <Text size="sm" c="dimmed" mb="md">Keep Odoo from mailing addresses SendGrid refuses, and bring in events relayed to you as files.</Text>
      <Stack>
        <Group justify="space-between" wrap="wrap">
          <div>
            <Text size="sm" fw={500}>Suppressions</Text>
            <Text size="xs" c="dimmed">Bounces, spam reports, invalid addresses and global unsubscribes go onto Odoo’s blacklist.</Text>
          </div>
          <Button leftSection={<IconRefresh size={16} />} onClick={() => sync.mutate({})} loading={sync.isPending} variant="light">Sync suppressions</Button>
        </Group>
        {sync.error && <ErrorState error={sync.error} title="The sync did not run" />}
        {sync.data && <SyncResult report={sync.data} />}
        <Divider />
        <Group align="flex-end" wrap="wrap">
          <FileInput label="Import a SendGrid event file" description="A JSON array or NDJSON, as the Event Webhook posts it" placeholder="Choose a file" accept=".json,.ndjson,application/json" value={file} onChange={(f) => { setFile(f); importEvents.reset(); }} leftSection={<IconFileImport size={16} />} clearable w={360} />
          <Button onClick={() => void runImport()} disabled={!file} loading={importEvents.isPending} variant="light">Apply events</Button>
        </Group>
        {importEvents.error && <ErrorState error={importEvents.error} title="The events were not applied" />}
        {importEvents.data && (
          <Alert color={importEvents.data.runs.every((r) => r.success) ? 'teal' : 'orange'} variant="light" title={`${formatNumber(importEvents.data.events)} events read`} role="status">
            {importEvents.data.runs.length === 0 ? (
              <Text size="sm">No active statistics extension took them: turn one on under Extensions.</Text>
            ) : (
              <List size="sm">
                {importEvents.data.runs.map((r) => (
                  <List.Item key={r.extensionId}>{r.success ? (r.summary ?? 'Applied.') : `${r.error?.message ?? 'Failed.'}`}</List.Item>
                ))}
              </List>
            )}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}
