import { Card, Group, Progress, SimpleGrid, Stack, Text, Tooltip } from '@mantine/core';
import type { OpOutput } from '../../api/hooks';
import { formatNumber, formatPercent } from '../../components';

type Report = OpOutput<'marketing.campaigns.report'>;

function Part({ label, value, total, color, hint }: { label: string; value: number; total: number; color: string; hint: string }) {
  return (
    <Tooltip label={hint} multiline w={240}>
      <div role="group" aria-label={`${label}: ${formatNumber(value)}`}>
        <Group justify="space-between" mb={4}>
          <Text size="sm">{label}</Text>
          <Text size="sm" fw={600} style={{ fontVariantNumeric: 'tabular-nums' }}>
            {formatNumber(value)} <Text span size="xs" c="dimmed" fw={400}>{total > 0 ? formatPercent((value / total) * 100) : ''}</Text>
          </Text>
        </Group>
        <Progress value={total > 0 ? (value / total) * 100 : 0} color={color} size="sm" aria-label={`${label}, share of ${formatNumber(total)}`} />
      </div>
    </Tooltip>
  );
}

/** Bounces by kind, and human opens apart from the opens mail privacy features make. */
export function Breakdowns({ report }: { report: Report }) {
  const b = report.bounces;
  const bounceTotal = b.hard + b.soft + b.block + b.dropped;
  const o = report.opens;
  const knowsMachine = o.human !== null && o.machine !== null;
  const openTotal = (o.human ?? 0) + (o.machine ?? 0);
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <Card component="section" aria-label="Bounces by kind">
        <Text fw={600}>Bounces by kind</Text>
        <Text size="xs" c="dimmed" mb="md">{formatNumber(bounceTotal)} messages did not arrive</Text>
        <Stack gap="sm">
          <Part label="Hard (address does not exist)" value={b.hard} total={bounceTotal} color="red.6" hint="Permanent: the address is put on the blacklist." />
          <Part label="Soft (mailbox full, server busy)" value={b.soft} total={bounceTotal} color="orange.5" hint="Temporary: SendGrid retries, and later sends try again." />
          <Part label="Blocked by the receiving server" value={b.block} total={bounceTotal} color="yellow.6" hint="The receiver refused the message, often for reputation or content." />
          <Part label="Dropped by SendGrid" value={b.dropped} total={bounceTotal} color="gray.6" hint="Not attempted: the address was already suppressed." />
        </Stack>
      </Card>
      <Card component="section" aria-label="Human and machine opens">
        <Text fw={600}>Human and machine opens</Text>
        <Text size="xs" c="dimmed" mb="md">
          {knowsMachine ? 'Apple Mail Privacy Protection and similar open every message automatically; those are counted apart.' : 'SendGrid events have not reported machine opens for this campaign.'}
        </Text>
        <Stack gap="sm">
          {knowsMachine ? (
            <>
              <Part label="Human opens" value={o.human ?? 0} total={openTotal} color="markket.5" hint="Opens by people reading the email." />
              <Part label="Machine opens" value={o.machine ?? 0} total={openTotal} color="gray.5" hint="Opens made by privacy proxies, not by people; left out of the open rate." />
            </>
          ) : (
            <Part label="Unique opens" value={o.unique} total={Math.max(o.unique, report.funnel.delivered)} color="markket.5" hint="People who opened, as Odoo counts them." />
          )}
          <Group gap="lg" mt="xs">
            <Text size="xs" c="dimmed">Unique opens: <Text span fw={600} c="var(--mantine-color-text)">{formatNumber(o.unique)}</Text></Text>
            {o.total !== null && <Text size="xs" c="dimmed">All opens: <Text span fw={600} c="var(--mantine-color-text)">{formatNumber(o.total)}</Text></Text>}
          </Group>
        </Stack>
      </Card>
    </SimpleGrid>
  );
}
