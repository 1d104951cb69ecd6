import { Alert, Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useOp, useOpMutation } from '../../../api/hooks';

const pct = (fraction: number): string => `${(fraction * 100).toFixed(1)} %`;

/**
 * An A/B test's versions side by side (issue 17): what each sent and how it was opened and
 * clicked, whether the lead is more than chance, and the winner Odoo sent to everyone else.
 * Nothing shows for a campaign that is not a test.
 */
export function AbComparison({ storeId, campaignId }: { storeId: string; campaignId: string }) {
  // While versions are still going out the winner cannot be picked yet: look again soon, not in 30 s.
  const test = useOp('marketing.campaigns.ab.get', { storeId, campaignId }, {
    refetchInterval: (q) => (q.state.data?.enabled && !q.state.data.winner && q.state.data.versions.some((v) => v.status !== 'sent') ? 3_000 : 30_000),
  });
  // A winner sent is a send: every campaign figure (this view's, the list's, the overview's) can move.
  const pick = useOpMutation('marketing.campaigns.ab.winner');
  const t = test.data;
  if (!t?.enabled) return null;
  const sent = t.versions.filter((v) => v.status === 'sent');
  const canPick = !t.winner && sent.length === t.versions.length;
  // A refusal made only of warnings is shown with them, and sent again acknowledging them, as a send's review does.
  const problems = (pick.error?.details as { problems?: { code: string; severity: string }[] } | undefined)?.problems ?? [];
  const onlyWarnings = problems.length > 0 && problems.every((p) => p.severity === 'warning');
  const pickWinner = (version: 'A' | 'B' | 'C', acknowledge: string[] = []) => pick.mutate({ storeId, campaignId, version, ...(acknowledge.length ? { acknowledge: acknowledge as never } : {}) });
  const chosenBy = t.winner_selection === 'manual' ? 'you pick the winner' : `the highest ${t.winner_selection === 'clicks' ? 'click' : 'open'} rate wins`;
  return (
    <Card withBorder aria-label="A/B test">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3}>A/B test</Title>
          <Text size="sm" c="dimmed">{t.test_share_pc} % tested; {chosenBy}{t.send_winner_at && t.winner_selection !== 'manual' ? `, on ${new Date(t.send_winner_at).toLocaleString()}` : ''}</Text>
        </Group>
        <Table>
          <Table.Thead>
            <Table.Tr><Table.Th>Version</Table.Th><Table.Th>Subject</Table.Th><Table.Th>Sender</Table.Th><Table.Th>Sent</Table.Th><Table.Th>Open rate</Table.Th><Table.Th>Click rate</Table.Th>{canPick && <Table.Th />}</Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {t.versions.map((v) => (
              <Table.Tr key={v.label}>
                <Table.Td>
                  <Group gap={4}>{v.label}{t.winner?.from_label === v.label && <Badge color="green" size="sm">Winner</Badge>}</Group>
                </Table.Td>
                <Table.Td>{v.subject}</Table.Td>
                <Table.Td>{v.sender}</Table.Td>
                <Table.Td>{v.status === 'draft' || v.status === 'scheduled' ? `${v.recipients} planned` : v.recipients}</Table.Td>
                <Table.Td>{pct(v.open_rate)}</Table.Td>
                <Table.Td>{pct(v.click_rate)}</Table.Td>
                {canPick && <Table.Td><Button size="xs" variant="light" loading={pick.isPending && pick.variables.version === v.label} onClick={() => pickWinner(v.label)}>Send {v.label} to everyone else</Button></Table.Td>}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {t.comparison && <Alert color={t.comparison.significant ? 'green' : 'yellow'} title={t.comparison.significant ? 'A clear lead' : 'Within noise'}>{t.comparison.note}</Alert>}
        {pick.error && (
          <Alert color={onlyWarnings ? 'yellow' : 'red'} title="The winner was not sent">
            <Stack gap="xs">
              <Text size="sm">{pick.error.message}</Text>
              {onlyWarnings && pick.variables?.version && <Button size="xs" w="fit-content" onClick={() => pickWinner(pick.variables.version as 'A' | 'B' | 'C', problems.map((p) => p.code))}>Send anyway</Button>}
            </Stack>
          </Alert>
        )}
        {!t.winner && sent.length === 0 && <Text size="sm" c="dimmed">The test has not been sent yet.</Text>}
        {t.winner ? (
          <Text size="sm">
            Version {t.winner.from_label ?? '?'} won ({t.winner.chosen_by === 'manual' ? 'picked by hand' : `by ${t.winner.chosen_by}`}) and {t.winner.status === 'sent' ? `went to ${t.winner.recipients} more people${t.winner.sent_date ? ` on ${new Date(t.winner.sent_date).toLocaleString()}` : ''}` : 'is on its way to everyone the test did not reach'}.
          </Text>
        ) : <Text size="sm" c="dimmed">No winner yet: it goes to everyone the test did not reach once it is picked.</Text>}
      </Stack>
    </Card>
  );
}
