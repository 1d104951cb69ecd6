import { useRef, useState } from 'react';
import { Alert, Button, Checkbox, FileInput, Group, Modal, Progress, ScrollArea, Select, Stack, Table, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { IconCheck, IconFileTypeCsv, IconUpload } from '@tabler/icons-react';
import { AppError } from '../../../../../shared/errors';
import { api } from '../../../api';
import { useOp, type OpOutput } from '../../../api/hooks';
import { ErrorState, formatNumber } from '../../../components';
import { guessColumns, mappingProblems, parseCsv, type ColumnRole, type ParsedCsv } from './csv';
import { ColumnMapping } from './ColumnMapping';
import { ImportReport } from './ImportReport';

type Report = OpOutput<'subscribers.import'>;
type Step = { kind: 'pick' } | { kind: 'map'; file: File; text: string; parsed: ParsedCsv } | { kind: 'running'; done: number; total: number; phase: string } | { kind: 'done'; report: Report };

const previewRows = 5;
const maxBytes = 20 * 1024 * 1024;

/** Pick a CSV, check its first rows and which column is which, import, then read the per-row report. */
export function ImportModal({ storeId, opened, onClose }: { storeId: string; opened: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const lists = useOp('marketing.lists', { storeId });
  const importFields = useOp('subscribers.importFields', { storeId }, { enabled: opened });
  const fields = importFields.data?.fields ?? [];
  const [step, setStep] = useState<Step>({ kind: 'pick' });
  const [roles, setRoles] = useState<ColumnRole[]>([]);
  const [permission, setPermission] = useState(false);
  const [listId, setListId] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  // Only a failed run is offered again as it was; a file refused on picking needs another file.
  const [runFailed, setRunFailed] = useState(false);
  const abort = useRef<AbortController | null>(null);

  const close = () => {
    abort.current?.abort();
    setStep({ kind: 'pick' });
    setFailure(null);
    setPermission(false);
    onClose();
  };

  const pick = async (file: File | null) => {
    setFailure(null);
    setRunFailed(false);
    if (!file) return setStep({ kind: 'pick' });
    if (file.size > maxBytes) return setFailure(new AppError('payload_too_large', 'This file is larger than 20 MB. Split it into smaller files and import them one by one.'));
    const text = await file.text();
    const parsed = parseCsv(text);
    setRoles(guessColumns(parsed.header, fields));
    setStep({ kind: 'map', file, text, parsed });
  };

  const run = async ({ file, text, parsed }: { file: File; text: string; parsed: ParsedCsv }) => {
    setFailure(null);
    setRunFailed(false);
    const controller = new AbortController();
    abort.current = controller;
    setStep({ kind: 'running', done: 0, total: parsed.rows.length, phase: 'parsed' });
    try {
      const report = await api.call(
        'subscribers.import',
        { storeId, csv: text, columns: roles, permission: true, ...(listId ? { list_id: Number(listId) } : {}) },
        { signal: controller.signal, onEvent: (e) => setStep({ kind: 'running', done: e.done, total: e.total, phase: e.phase }) },
      );
      setStep({ kind: 'done', report });
      void queryClient.invalidateQueries({ predicate: (q) => typeof q.queryKey[0] === 'string' && q.queryKey[0].startsWith('marketing.') });
    } catch (error) {
      setFailure(error);
      setRunFailed(true);
      setStep({ kind: 'map', file, text, parsed });
    } finally {
      abort.current = null;
    }
  };

  const problems = step.kind === 'map' ? [...(step.parsed.problem ? [step.parsed.problem.message] : []), ...mappingProblems(roles)] : [];
  const emailColumn = roles.indexOf('email');
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
        {/* Safe to repeat: rows already in Odoo are found by their address and reported unchanged. */}
        {failure !== null && <ErrorState error={failure} title="The import did not run" onRetry={runFailed && step.kind === 'map' ? () => void run(step) : undefined} />}
        {step.kind === 'map' && (
          <>
            {step.parsed.rows.length === 0 ? (
              <Alert color="orange" variant="light" title="No rows">This file has a header but no subscribers under it.</Alert>
            ) : (
              <>
                <Text size="sm">
                  <Text span fw={600}>{formatNumber(step.parsed.rows.length)}</Text> rows found
                  {step.parsed.blankLines > 0 && ` (and ${formatNumber(step.parsed.blankLines)} blank ${step.parsed.blankLines === 1 ? 'line' : 'lines'}, left out)`}. The first {Math.min(previewRows, step.parsed.rows.length)}:
                </Text>
                <ScrollArea>
                  <Table aria-label="File preview" withTableBorder fz="xs" verticalSpacing={4}>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Row</Table.Th>
                        {step.parsed.header.map((h, i) => (
                          <Table.Th key={i} bg={i === emailColumn ? 'var(--mantine-primary-color-light)' : undefined}>{h || `Column ${i + 1}`}</Table.Th>
                        ))}
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {step.parsed.rows.slice(0, previewRows).map((row) => (
                        <Table.Tr key={row.line}>
                          <Table.Td style={{ fontVariantNumeric: 'tabular-nums' }}>{row.line}</Table.Td>
                          {step.parsed.header.map((_, i) => (
                            <Table.Td key={i} maw={220} style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>{row.cells[i] ?? ''}</Table.Td>
                          ))}
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </ScrollArea>
              </>
            )}
            <Text size="sm" fw={600}>What each column becomes</Text>
            <ColumnMapping parsed={step.parsed} roles={roles} fields={fields} onChange={setRoles} />
            <Text size="xs" c="dimmed">Several tags in one cell: separate them with ; or |. New contacts get every mapped column; existing contacts are matched by email and get the list and tags, never a duplicate, and keep their name and other fields. People who opted out are not resubscribed.</Text>
            <Select label="Add to list" placeholder="The store's newsletter list" data={listOptions} value={listId} onChange={setListId} clearable maw={360} />
            {problems.length > 0 && (
              <Alert color="orange" variant="light" title="Before importing">
                {problems.map((p) => <Text key={p} size="sm">{p}</Text>)}
              </Alert>
            )}
            <Checkbox
              checked={permission}
              onChange={(e) => setPermission(e.currentTarget.checked)}
              label="I have permission to email these people"
              description="They agreed to receive your emails (for example by signing up, or as customers who did not opt out). The confirmation is kept in the audit log."
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>Cancel</Button>
              <Button leftSection={<IconUpload size={16} />} disabled={problems.length > 0 || !permission || step.parsed.rows.length === 0} onClick={() => void run(step)}>
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
