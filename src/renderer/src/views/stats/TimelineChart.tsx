import { Card, Text } from '@mantine/core';
import { AreaChart } from '@mantine/charts';
import type { OpOutput } from '../../api/hooks';

type Timeline = OpOutput<'marketing.campaigns.report'>['timeline'];

const hourFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: 'numeric' });
const dayFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

/** First opens and first clicks per recipient over time: when people engage after the send. */
export function TimelineChart({ timeline }: { timeline: Timeline }) {
  const format = timeline.granularity === 'hour' ? hourFormat : dayFormat;
  const data = timeline.buckets.map((b) => ({ label: format.format(new Date(b.at)), opens: b.opens, clicks: b.clicks }));
  const any = timeline.buckets.some((b) => b.opens > 0 || b.clicks > 0);
  return (
    <Card h="100%">
      <Text fw={600}>Opens and clicks over time</Text>
      <Text size="xs" c="dimmed" mb="md">People opening or clicking for the first time, per {timeline.granularity}</Text>
      {!any ? (
        <Text size="sm" c="dimmed" ta="center" py="xl">No opens or clicks yet. They appear here as recipients engage.</Text>
      ) : (
        <AreaChart
          h={240}
          data={data}
          dataKey="label"
          series={[
            { name: 'opens', label: 'Opens', color: 'markket.5' },
            { name: 'clicks', label: 'Clicks', color: 'teal.6' },
          ]}
          curveType="monotone"
          withLegend
          legendProps={{ verticalAlign: 'bottom' }}
          tickLine="none"
          gridAxis="y"
          fillOpacity={0.25}
          xAxisProps={{ minTickGap: 24 }}
          aria-label="Opens and clicks over time"
        />
      )}
    </Card>
  );
}
