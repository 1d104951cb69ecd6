import { Alert, Group, List, Stack, Table, Text, ThemeIcon } from '@mantine/core';
import { IconCheck, IconQuestionMark, IconX } from '@tabler/icons-react';
import type { z } from 'zod';
import type { ConnectionReport } from '../../../../shared/schemas/profile';
import { formatDateTime } from '../../components';

function Right({ value }: { value: boolean | null }) {
  if (value === null)
    return (
      <ThemeIcon size="sm" variant="light" color="gray" aria-label="unknown">
        <IconQuestionMark size={12} />
      </ThemeIcon>
    );
  return (
    <ThemeIcon size="sm" variant="light" color={value ? 'teal' : 'red'} aria-label={value ? 'allowed' : 'denied'}>
      {value ? <IconCheck size={12} /> : <IconX size={12} />}
    </ThemeIcon>
  );
}

/** A test-connection report in plain words: the summary, what went wrong, and the rights per model. */
export function ConnectionResult({ report }: { report: z.infer<typeof ConnectionReport> }) {
  return (
    <Alert color={report.ok ? 'teal' : 'red'} variant="outline" title={report.ok ? 'Connection works' : 'Connection problem'} icon={report.ok ? <IconCheck size={18} /> : <IconX size={18} />} role="status">
      <Stack gap="xs">
        <Text size="sm">{report.summary}</Text>
        {report.isolation && report.isolation.level !== 'leaking' && report.isolation.level !== 'unknown' && (
          <Text size="sm" fw={report.isolation.level === 'confined' ? 600 : 400} c={report.isolation.level === 'staff' ? 'orange' : undefined} role={report.isolation.level === 'staff' ? 'alert' : undefined}>
            {report.isolation.message}
          </Text>
        )}
        {report.problems.length > 0 && (
          <List size="sm" spacing={4}>
            {report.problems.map((p) => (
              <List.Item key={p.code + p.message}>
                {p.message} <Text span size="xs" c="dimmed">({p.code})</Text>
              </List.Item>
            ))}
          </List>
        )}
        <Group gap="lg">
          {report.serverVersion && <Text size="xs" c="dimmed">Odoo {report.serverVersion}</Text>}
          {report.protocol && <Text size="xs" c="dimmed">{report.protocol === 'json2' ? 'JSON-2' : 'JSON-RPC'}</Text>}
          {report.massMailingInstalled !== null && <Text size="xs" c="dimmed">Email Marketing {report.massMailingInstalled ? 'installed' : 'not installed'}</Text>}
          <Text size="xs" c="dimmed">Checked {formatDateTime(report.checkedAt)}</Text>
        </Group>
        {report.rights.length > 0 && (
          <Table withRowBorders={false} verticalSpacing={2} highlightOnHover={false} fz="xs" w="auto">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Model</Table.Th>
                <Table.Th>Read</Table.Th>
                <Table.Th>Create</Table.Th>
                <Table.Th>Write</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.rights.map((r) => (
                <Table.Tr key={r.model}>
                  <Table.Td ff="monospace">{r.model}</Table.Td>
                  <Table.Td><Right value={r.read} /></Table.Td>
                  <Table.Td><Right value={r.create} /></Table.Td>
                  <Table.Td><Right value={r.write} /></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Alert>
  );
}
