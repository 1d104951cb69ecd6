import { Table, Text } from '@mantine/core';
import type { OpOutput } from '../../api/hooks';
import { formatNumber } from '../../components';

type Reason = NonNullable<OpOutput<'marketing.campaigns.get'>['unsubscribe_reasons']>[number];

/**
 * Why the people who left through this campaign's unsubscribe link did, as each picked it on Odoo's
 * unsubscribe page: a marketer reads "too many emails" and "not relevant" differently.
 */
export function UnsubscribeReasons({ reasons }: { reasons: Reason[] }) {
  return (
    <section aria-labelledby="unsubscribe-reasons-title">
      <Text id="unsubscribe-reasons-title" fw={600} size="sm" mt="lg">Why they unsubscribed</Text>
      <Text size="xs" c="dimmed" mb={4}>As picked on the unsubscribe page, by those who left through this campaign’s link</Text>
      <Table aria-labelledby="unsubscribe-reasons-title" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Reason</Table.Th>
            <Table.Th ta="right">People</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {reasons.map((r) => (
            <Table.Tr key={r.reason ?? ''}>
              <Table.Td><Text size="sm" fs={r.reason === null ? 'italic' : undefined}>{r.reason ?? 'No reason given'}</Text></Table.Td>
              <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>{formatNumber(r.count)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </section>
  );
}
