import { Card, Group, Progress, Stack, Text } from '@mantine/core';
import { formatNumber, formatPercent } from '../../components';
import type { FunnelStep } from './funnel';

const colors = ['markket.3', 'markket.5', 'markket.7', 'teal.6'];

export function Funnel({ steps }: { steps: FunnelStep[] }) {
  return (
    <Card h="100%">
      <Text fw={600}>Delivery funnel</Text>
      <Text size="xs" c="dimmed" mb="md">
        Unique people at each step, as a share of emails sent
      </Text>
      <Stack gap="md">
        {steps.map((step, i) => (
          <div key={step.label}>
            <Group justify="space-between" mb={4}>
              <Text size="sm" fw={500}>
                {step.label}
              </Text>
              <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums' }}>
                <Text span fw={600}>
                  {formatNumber(step.value)}
                </Text>{' '}
                <Text span c="dimmed" size="xs">
                  {formatPercent(step.ofSent)}
                  {step.ofPrevious !== null && ` · ${formatPercent(step.ofPrevious)} of ${steps[i - 1]?.label.toLowerCase()}`}
                </Text>
              </Text>
            </Group>
            <Progress value={step.ofSent} color={colors[i]} size="lg" radius="sm" aria-label={`${step.label}: ${formatPercent(step.ofSent)} of sent`} />
          </div>
        ))}
      </Stack>
    </Card>
  );
}
