import { Select, Table, Text } from '@mantine/core';
import { roleOptions, sampleOf, type ColumnRole, type ImportField, type ParsedCsv } from './csv';

/** One line per column of the file: its header, what it holds, and what it becomes (or "Skipped"). */
export function ColumnMapping({ parsed, roles, fields, onChange }: { parsed: ParsedCsv; roles: ColumnRole[]; fields: ImportField[]; onChange: (roles: ColumnRole[]) => void }) {
  const options = roleOptions(fields);
  return (
    <Table aria-label="Column mapping" withTableBorder verticalSpacing={4} fz="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Column in the file</Table.Th>
          <Table.Th>For example</Table.Th>
          <Table.Th w={240}>Import as</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {parsed.header.map((header, i) => {
          const name = header || `Column ${i + 1}`;
          return (
            <Table.Tr key={i}>
              <Table.Td fw={500}>{name}</Table.Td>
              <Table.Td maw={260}><Text size="xs" c="dimmed" truncate>{sampleOf(parsed, i) || '(empty)'}</Text></Table.Td>
              <Table.Td>
                <Select
                  aria-label={`Import ${name} as`}
                  size="xs"
                  data={options}
                  value={roles[i] ?? 'skip'}
                  allowDeselect={false}
                  searchable
                  onChange={(v) => onChange(roles.map((r, at) => (at === i ? ((v ?? 'skip') as ColumnRole) : r)))}
                />
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
