import { useState } from 'react';
import { Badge, Group, Paper, ScrollArea, SegmentedControl, SimpleGrid, Table, Text } from '@mantine/core';
import type { OpOutput } from '../../../api/hooks';
import { formatNumber } from '../../../components';

type Report = OpOutput<'subscribers.import'>;
type Outcome = Report['rows'][number]['outcome'];

export const outcomeLook: Record<Outcome, { label: string; color: string }> = {
  created: { label: 'Created', color: 'teal' },
  updated: { label: 'Updated', color: 'blue' },
  unchanged: { label: 'Unchanged', color: 'gray' },
  resubscribed: { label: 'Resubscribed', color: 'grape' },
  skipped: { label: 'Skipped', color: 'orange' },
  invalid: { label: 'Invalid', color: 'red' },
};

const order: Outcome[] = ['created', 'updated', 'resubscribed', 'unchanged', 'skipped', 'invalid'];

/** What happened to each row of the file, with the reason for every row that was not taken. */
export function ImportReport({ report }: { report: Report }) {
  const problems = report.counts.skipped + report.counts.invalid;
  const [filter, setFilter] = useState<'all' | 'problems' | Outcome>(problems > 0 ? 'problems' : 'all');
  const rows = report.rows.filter((r) => (filter === 'all' ? true : filter === 'problems' ? r.outcome === 'skipped' || r.outcome === 'invalid' : r.outcome === filter));
  const present = order.filter((o) => report.counts[o] > 0);
  return (
    <>
      <SimpleGrid cols={{ base: 3, sm: 6 }} spacing="xs">
        {order.map((o) => (
          <Paper key={o} withBorder p="xs" aria-label={`${outcomeLook[o].label}: ${report.counts[o]}`}>
            <Text size="xs" c="dimmed">{outcomeLook[o].label}</Text>
            <Text fw={700} c={report.counts[o] > 0 ? outcomeLook[o].color : undefined} style={{ fontVariantNumeric: 'tabular-nums' }}>
              {formatNumber(report.counts[o])}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" fw={600}>Rows</Text>
        <SegmentedControl
          size="xs"
          aria-label="Show rows"
          value={filter}
          onChange={(v) => setFilter(v as typeof filter)}
          data={[{ value: 'all', label: 'All' }, { value: 'problems', label: `Not imported (${problems})` }, ...present.map((o) => ({ value: o, label: outcomeLook[o].label }))]}
        />
      </Group>
      <ScrollArea.Autosize mah={300}>
        <Table aria-label="Import report" stickyHeader verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={64}>Row</Table.Th>
              <Table.Th>Email</Table.Th>
              <Table.Th>Result</Table.Th>
              <Table.Th>Why</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={4}>
                  <Text size="sm" c="dimmed" ta="center" py="sm">No rows in this group.</Text>
                </Table.Td>
              </Table.Tr>
            ) : (
              rows.map((r) => (
                <Table.Tr key={r.row}>
                  <Table.Td style={{ fontVariantNumeric: 'tabular-nums' }}>{r.row}</Table.Td>
                  <Table.Td maw={240}><Text size="sm" truncate>{r.email || '(empty)'}</Text></Table.Td>
                  <Table.Td><Badge color={outcomeLook[r.outcome].color}>{outcomeLook[r.outcome].label}</Badge></Table.Td>
                  <Table.Td><Text size="sm" c="dimmed">{r.reason ?? ''}</Text></Table.Td>
                </Table.Tr>
              ))
            )}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
    </>
  );
}
