import { Card, Group, Text } from '@mantine/core';
import { LineChart } from '@mantine/charts';
import type { z } from 'zod';
import type { CampaignRow } from '../../../../shared/schemas/marketing';
import { formatPercent } from '../../components/format';
import { rateSeries } from './trends';

const shortDate = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

export function RatesChart({ campaigns }: { campaigns: z.infer<typeof CampaignRow>[] }) {
  const data = rateSeries(campaigns, (iso) => shortDate.format(new Date(iso)));
  const waiting = campaigns.filter((c) => c.status === 'sent' || c.status === 'sending').length - data.length;
  return (
    <Card h="100%">
      <Group justify="space-between" mb="md">
        <div>
          <Text fw={600}>Engagement trend</Text>
          <Text size="xs" c="dimmed">
            Open and click rate of the last {data.length} sent campaigns
            {waiting > 0 && ` · ${waiting} just sent, figures still coming in`}
          </Text>
        </div>
      </Group>
      {data.length < 2 ? (
        <Text size="sm" c="dimmed" py="xl" ta="center">
          The chart appears once two campaigns have been sent.
        </Text>
      ) : (
        <LineChart
          h={240}
          data={data}
          dataKey="label"
          series={[
            { name: 'open', label: 'Open rate', color: 'markket.5' },
            { name: 'click', label: 'Click rate', color: 'teal.6' },
          ]}
          curveType="monotone"
          withLegend
          legendProps={{ verticalAlign: 'bottom' }}
          valueFormatter={(v) => formatPercent(v)}
          yAxisProps={{ domain: [0, 'auto'], tickFormatter: (v: number) => `${v}%` }}
          tickLine="none"
          gridAxis="y"
          aria-label="Open and click rate over the last campaigns"
        />
      )}
    </Card>
  );
}
