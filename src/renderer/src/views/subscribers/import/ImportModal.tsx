import { useRef, useState } from 'react';
import { Alert, Button, FileInput, Group, Modal, Progress, ScrollArea, Select, Stack, Table, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { IconCheck, IconFileTypeCsv, IconUpload } from '@tabler/icons-react';
import { AppError } from '../../../../../shared/errors';
import { api } from '../../../api';
import { useOp, type OpOutput } from '../../../api/hooks';
import { ErrorState, formatNumber } from '../../../components';
import { guessMapping, parseCsv, tagsByRow, toImportCsv, type ColumnMapping, type ParsedCsv } from './csv';
import { ImportReport } from './ImportReport';

type Report = OpOutput<'subscribers.import'>;
type Step = { kind: 'pick' } | { kind: 'map'; file: File; parsed: ParsedCsv } | { kind: 'running'; done: number; total: number; phase: string } | { kind: 'done'; report: Report };

const previewRows = 5;
const maxBytes = 20 * 1024 * 1024;

/** subscribers.import takes email and name; a mapped tags column is applied afterwards to the contacts it created or matched. */
async function applyTags(storeId: string, report: Report, tags: Map<number, string[]>): Promise<void> {
  const idsByTag = new Map<string, number[]>();
  for (const row of report.rows) {
    if (row.contact_id === undefined || row.outcome === 'invalid' || row.outcome === 'skipped') continue;
    for (const tag of tags.get(row.row) ?? []) idsByTag.set(tag, [...(idsByTag.get(tag) ?? []), row.contact_id]);
  }
  for (const [tag, ids] of idsByTag) {
    for (let i = 0; i < ids.length; i += 5000) await api.call('marketing.subscribers.bulk', { storeId, ids: ids.slice(i, i + 5000), action: 'tag', tag });
  }
}

/** Pick a CSV, check its first rows and which column is which, import, then read the per-row report. */
export function ImportModal({ storeId, opened, onClose }: { storeId: string; opened: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const lists = useOp('marketing.lists', { storeId });
  const [step, setStep] = useState<Step>({ kind: 'pick' });
  const [mapping, setMapping] = useState<ColumnMapping>({ email: null, name: null, tags: null });
  const [listId, setListId] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const abort = useRef<AbortController | null>(null);

  const close = () => {
    abort.current?.abort();
    setStep({ kind: 'pick' });
    setFailure(null);
    onClose();
  };

  const pick = async (file: File | null) => {
    setFailure(null);
    if (!file) return setStep({ kind: 'pick' });
    if (file.size > maxBytes) return setFailure(new AppError('payload_too_large', 'This file is larger than 20 MB. Split it into smaller files and import them one by one.'));
    const parsed = parseCsv(await file.text());
    setMapping(guessMapping(parsed.header));
    setStep({ kind: 'map', file, parsed });
  };

  const run = async (parsed: ParsedCsv) => {
    setFailure(null);
    const controller = new AbortController();
    abort.current = controller;
    setStep({ kind: 'running', done: 0, total: parsed.rows.length, phase: 'parsed' });
    try {
      const report = await api.call(
        'subscribers.import',
        { storeId, csv: toImportCsv(parsed, mapping), ...(listId ? { list_id: Number(listId) } : {}) },
        { signal: controller.signal, onEvent: (e) => setStep({ kind: 'running', done: e.done, total: e.total, phase: e.phase }) },
      );
      await applyTags(storeId, report, tagsByRow(parsed, mapping));
      setStep({ kind: 'done', report });
      void queryClient.invalidateQueries({ predicate: (q) => typeof q.queryKey[0] === 'string' && q.queryKey[0].startsWith('marketing.') });
    } catch (error) {
      setFailure(error);
      setStep({ kind: 'map', file: (step as { file: File }).file, parsed });
    } finally {
      abort.current = null;
    }
  };

  const columnOptions = step.kind === 'map' ? step.parsed.header.map((h, i) => ({ value: String(i), label: h || `Column ${i + 1}` })) : [];
  const listOptions = (lists.data?.lists ?? []).map((l) => ({ value: String(l.id), label: l.name }));

  return (
    <Modal opened={opened} onClose={close} title="Import subscribers from a CSV file" size="xl" closeOnClickOutside={step.kind !== 'running'}>
      <Stack>
        {(step.kind === 'pick' || step.kind === 'map') && (
          <FileInput
            label="CSV file"
            description="One subscriber per row, with a header row (e.g. email,name). Up to 20 MB."
            placeholder="Choose a .csv file"
            accept=".csv,text/csv"
            leftSection={<IconFileTypeCsv size={16} />}
            value={step.kind === 'map' ? step.file : null}
            onChange={(f) => void pick(f)}
            clearable
            data-autofocus
          />
        )}
        {failure !== null && <ErrorState error={failure} title="The import did not run" />}
        {step.kind === 'map' && (
          <>
            {step.parsed.rows.length === 0 ? (
              <Alert color="orange" variant="light" title="No rows">This file has a header but no subscribers under it.</Alert>
            ) : (
              <>
                <Text size="sm">
                  <Text span fw={600}>{formatNumber(step.parsed.rows.length)}</Text> rows found. The first {Math.min(previewRows, step.parsed.rows.length)}:
                </Text>
                <ScrollArea>
                  <Table aria-label="File preview" withTableBorder fz="xs" verticalSpacing={4}>
                    <Table.Thead>
                      <Table.Tr>
                        {step.parsed.header.map((h, i) => (
                          <Table.Th key={i} bg={i === mapping.email ? 'var(--mantine-primary-color-light)' : undefined}>{h || `Column ${i + 1}`}</Table.Th>
                        ))}
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {step.parsed.rows.slice(0, previewRows).map((row, r) => (
                        <Table.Tr key={r}>
                          {step.parsed.header.map((_, i) => (
                            <Table.Td key={i} maw={220} style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>{row[i] ?? ''}</Table.Td>
                          ))}
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </ScrollArea>
              </>
            )}
            <Group grow align="flex-start">
              <Select label="Email column" data={columnOptions} value={mapping.email === null ? null : String(mapping.email)} onChange={(v) => setMapping((m) => ({ ...m, email: v === null ? null : Number(v) }))} required error={mapping.email === null ? 'Say which column holds the email addresses' : undefined} />
              <Select label="Name column" placeholder="None" data={columnOptions} value={mapping.name === null ? null : String(mapping.name)} onChange={(v) => setMapping((m) => ({ ...m, name: v === null ? null : Number(v) }))} clearable />
 <Select label="Tags column" placeholder="None" description="Several tags in a cell: separate with ;" data={columnOptions} value={mapping.tags === null ? null : String(mapping.tags)} onChange={(v) => setMapping((m) => ({ ...m, tags: v === null ? null : Number(v) }))} clearable />
              <Select label="Add to list" placeholder="The store's newsletter list" data={listOptions} value={listId} onChange={setListId} clearable />
            </Group>
            <Text size="xs" c="dimmed">Existing contacts are matched by email and updated, never duplicated. People who opted out are not resubscribed.</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>Cancel</Button>
              <Button leftSection={<IconUpload size={16} />} disabled={mapping.email === null || step.parsed.rows.length === 0} onClick={() => void run(step.parsed)}>
                Import {formatNumber(step.parsed.rows.length)} rows
              </Button>
            </Group>
          </>
        )}
        {step.kind === 'running' && (
          <Stack gap="xs" py="md" aria-live="polite">
            <Text size="sm" fw={500}>{step.phase === 'syncing' ? 'Adding subscribers to Odoo…' : step.phase === 'done' ? 'Finishing…' : 'Reading the file…'}</Text>
            <Progress value={step.total > 0 ? (step.done / step.total) * 100 : 0} animated size="lg" aria-label="Import progress" />
            <Text size="xs" c="dimmed">{formatNumber(step.done)} of {formatNumber(step.total)} rows</Text>
            <Group justify="flex-end"><Button variant="default" onClick={close}>Cancel</Button></Group>
          </Stack>
        )}
        {step.kind === 'done' && (
          <>
            <Alert color={step.report.counts.invalid + step.report.counts.skipped > 0 ? 'orange' : 'teal'} variant="light" icon={<IconCheck size={18} />} title="Import finished">
              {formatNumber(step.report.counts.created + step.report.counts.updated + step.report.counts.resubscribed + step.report.counts.unchanged)} of {formatNumber(step.report.rows.length)} rows are on the list now.
              {step.report.counts.invalid + step.report.counts.skipped > 0 && ` Not imported: ${formatNumber(step.report.counts.invalid + step.report.counts.skipped)}; the reasons are below.`}
            </Alert>
            <ImportReport report={step.report} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setStep({ kind: 'pick' })}>Import another file</Button>
              <Button onClick={close}>Done</Button>
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}
