import { useState } from 'react';
import { Alert, Button, Checkbox, Group, Modal, PasswordInput, SegmentedControl, SimpleGrid, Stack, Switch, Text } from '@mantine/core';
import { IconAlertTriangle, IconDownload } from '@tabler/icons-react';
import type { OpInput } from '../../api/hooks';
import { useOp } from '../../api/hooks';
import { ExportProgressModal, formatNumber, useExport } from '../../components';

type Input = OpInput<'export.subscribers'>;
type Column = NonNullable<Input['columns']>[number];
type Format = Input['format'];

const columnLabels: Record<Column, string> = {
  email: 'Email', name: 'Name', subscribed_date: 'Subscribed date', tags: 'Tags', lists: 'Lists', status: 'Status',
  campaigns_received: 'Campaigns received', opened: 'Opened', clicked: 'Clicked', last_opened: 'Last opened',
};
const allColumns = Object.keys(columnLabels) as Column[];

export interface ExportSelection {
  list_id?: number;
  search?: string;
  tag?: string;
  status?: Input['status'];
}

/** Export the subscriber browser's current selection: format, columns, BOM, encryption. */
export function ExportDialog({ storeId, opened, onClose, selection, matching }: { storeId: string; opened: boolean; onClose: () => void; selection: ExportSelection; matching: number | null }) {
  const active = useOp('profiles.active', {});
  const hipaa = active.data?.profile?.hipaa.enabled === true;
  const [format, setFormat] = useState<Format>('csv');
  const [columns, setColumns] = useState<Column[]>(allColumns);
  const [bom, setBom] = useState(true);
  const [encrypted, setEncrypted] = useState<boolean | null>(null);
  const [password, setPassword] = useState('');
  const exporter = useExport();
  const encrypt = encrypted ?? hipaa;
  const passwordError = encrypt && password.length < 8 ? 'At least 8 characters' : undefined;

  const start = async () => {
    const input: Input = { storeId, ...selection, format, ...(format !== 'pdf' ? { columns } : {}), csvBom: format === 'csv' && bom, encrypted: encrypt, ...(encrypt ? { password } : {}) };
    onClose();
    await exporter.run('export.subscribers', input, { title: `Exporting ${matching !== null ? formatNumber(matching) : ''} subscribers`, // "filtered", never the filter's text: the name shows in the save dialog and recent files (issue 18).
      suggestedName: `subscribers${selection.search || selection.tag || selection.status ? '-filtered' : ''}.${encrypt ? 'zip' : format}` });
    setPassword('');
  };

  const filters = [selection.search && `search “${selection.search}”`, selection.tag && `tag “${selection.tag}”`, selection.status && `status ${selection.status}`, selection.list_id && 'one list'].filter(Boolean);
  return (
    <>
      <Modal opened={opened} onClose={onClose} title="Export subscribers" size="lg">
        <Stack>
          <Text size="sm">
            {matching !== null ? <Text span fw={600}>{formatNumber(matching)} subscribers</Text> : 'The subscribers'}{filters.length > 0 ? ` matching ${filters.join(', ')}` : ' of this store'}.
          </Text>
          <div>
            <Text size="sm" fw={500} mb={4}>Format</Text>
            <SegmentedControl fullWidth value={format} onChange={(v) => setFormat(v as Format)} aria-label="Format" data={[{ value: 'csv', label: 'CSV' }, { value: 'xlsx', label: 'Excel (XLSX)' }, { value: 'pdf', label: 'PDF summary' }]} />
          </div>
          {format !== 'pdf' ? (
            <Checkbox.Group label="Columns" value={columns} onChange={(v) => setColumns(v as Column[])} error={columns.length === 0 ? 'Pick at least one column' : undefined}>
              <SimpleGrid cols={{ base: 2, sm: 3 }} mt="xs" spacing="xs">
                {allColumns.map((c) => <Checkbox key={c} value={c} label={columnLabels[c]} />)}
              </SimpleGrid>
            </Checkbox.Group>
          ) : (
            <Text size="xs" c="dimmed">A report for boards and accountants: list figures, growth, engagement by campaign and the most engaged subscribers, with charts.</Text>
          )}
          {format === 'csv' && <Switch label="Add a byte-order mark (opens correctly in Excel)" checked={bom} onChange={(e) => setBom(e.currentTarget.checked)} />}
          <Switch label="Encrypt the file (password-protected ZIP, AES-256)" checked={encrypt} onChange={(e) => setEncrypted(e.currentTarget.checked)} />
          {encrypt && <PasswordInput label="Password" description="Share it with the recipient separately, never in the same email." value={password} onChange={(e) => setPassword(e.currentTarget.value)} error={password ? passwordError : undefined} autoComplete="new-password" />}
          {(hipaa || encrypt) && (
            <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} title="This file contains personal data">
              {hipaa ? 'This is a HIPAA profile: the export is recorded in the audit log. Keep the file encrypted and delete it when it is no longer needed.' : 'Store and share it as carefully as the data in Odoo.'}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>Cancel</Button>
            <Button leftSection={<IconDownload size={16} />} disabled={(format !== 'pdf' && columns.length === 0) || passwordError !== undefined} onClick={() => void start()}>Export</Button>
          </Group>
        </Stack>
      </Modal>
      <ExportProgressModal state={exporter.progress} onCancel={exporter.cancel} />
    </>
  );
}
