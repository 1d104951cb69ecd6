import type { ReactNode } from 'react';
import { Badge, Card, Group, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { IconArrowDownRight, IconArrowUpRight, IconMinus } from '@tabler/icons-react';
import { FigureLabel } from './FigureLabel';
import type { FigureMeaning } from './figure-meanings';

export interface Trend {
  /** Signed change; its sign decides the arrow. */
  delta: number;
  /** The change as shown: "+2.4 pts", "+12%". */
  label: string;
  /** What the change is measured against: "vs the 5 campaigns before". */
  comparedTo: string;
  /** For figures where down is good (bounces, unsubscribes). */
  lowerIsBetter?: boolean;
}

export type TrendDirection = 'up' | 'down' | 'flat';

export function trendDirection(delta: number): TrendDirection {
  if (Math.abs(delta) < 1e-9) return 'flat';
  return delta > 0 ? 'up' : 'down';
}

/** Green when the figure moved the good way, red when the bad way, grey when it did not move. */
export function trendColor(trend: Trend): 'teal' | 'red' | 'gray' {
  const direction = trendDirection(trend.delta);
  if (direction === 'flat') return 'gray';
  const good = trend.lowerIsBetter ? direction === 'down' : direction === 'up';
  return good ? 'teal' : 'red';
}

const trendIcons = { up: IconArrowUpRight, down: IconArrowDownRight, flat: IconMinus };

export interface StatCardProps {
  label: string;
  value: string;
  icon?: ReactNode;
  hint?: ReactNode;
  trend?: Trend | null;
  /** What the figure counts, behind an ⓘ beside its label. */
  meaning?: FigureMeaning;
}

export function StatCard({ label, value, icon, hint, trend, meaning }: StatCardProps) {
  const direction = trend ? trendDirection(trend.delta) : 'flat';
  const TrendIcon = trendIcons[direction];
  return (
    <Card component="section" aria-label={label}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Text size="sm" c="dimmed" fw={500} component="div">
          {meaning ? <FigureLabel label={label} meaning={meaning} /> : label}
        </Text>
        {icon && (
          <ThemeIcon variant="light" size="lg" radius="md">
            {icon}
          </ThemeIcon>
        )}
      </Group>
      <Text fz={28} fw={700} lh={1.2} mt={4} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Text>
      <Group gap="xs" mt="xs" wrap="nowrap" mih={22}>
        {trend && (
          <Tooltip label={trend.comparedTo}>
            <Badge color={trendColor(trend)} leftSection={<TrendIcon size={12} />} data-trend={direction}>
              {trend.label}
            </Badge>
          </Tooltip>
        )}
        {hint && (
          <Text size="xs" c="dimmed" truncate>
            {hint}
          </Text>
        )}
      </Group>
    </Card>
  );
}
