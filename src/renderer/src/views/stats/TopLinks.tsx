import { Card, Table, Text } from '@mantine/core';
import type { OpOutput } from '../../api/hooks';
import { formatNumber } from '../../components';

type Link = OpOutput<'marketing.campaigns.report'>['top_links'][number];

export function TopLinks({ links }: { links: Link[] }) {
  return (
    <Card p={0} h="100%" component="section" aria-label="Top links">
      <Text fw={600} p="lg" pb={4}>Top links</Text>
      <Text size="xs" c="dimmed" px="lg" pb="sm">What people clicked</Text>
      {links.length === 0 ? (
        <Text size="sm" c="dimmed" ta="center" py="xl">No clicks yet.</Text>
      ) : (
        <Table aria-label="Top links table" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th pl="lg">Link</Table.Th>
              <Table.Th ta="right">Clicks</Table.Th>
              <Table.Th ta="right" pr="lg">People</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {links.map((l) => (
              <Table.Tr key={l.url}>
                <Table.Td pl="lg" maw={320}><Text size="sm" truncate title={l.url} ff="monospace" fz="xs">{l.url}</Text></Table.Td>
                <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>{formatNumber(l.clicks)}</Table.Td>
                <Table.Td ta="right" pr="lg" style={{ fontVariantNumeric: 'tabular-nums' }}>{l.unique_clicks === null ? '—' : formatNumber(l.unique_clicks)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
