import { Badge, Tooltip } from '@mantine/core';
import { IconCloudOff } from '@tabler/icons-react';
import { formatDateTime, type FormatOptions } from './format';

/** The mark the host puts on an answer it gave from the offline cache (Freshness in the contract). */
export interface Freshness {
  stale?: true | undefined;
  as_of?: string | undefined;
}

/**
 * When a cached answer was fetched, as briefly as it can be said: the time alone for today
 * ("14:05"), the date too for an older one ("3 Mar, 14:05"). `now` is a parameter so tests pin it.
 */
export function formatAsOf(iso: string, now: Date, { locale, timeZone }: FormatOptions = {}): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return 'earlier';
  const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone }).format(at);
  if (day(at) === day(now)) return time;
  return `${new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone }).format(at)}, ${time}`;
}

/** "as of 14:05" for an answer from the offline cache; null for a fresh one. */
export function asOfText(data: Freshness | undefined, now: Date, options: FormatOptions = {}): string | null {
  return data?.stale && data.as_of ? `as of ${formatAsOf(data.as_of, now, options)}` : null;
}

export interface StaleBadgeProps extends FormatOptions {
  data: Freshness | undefined;
  /** What the figures are, for the tooltip: "These lists", "These figures". */
  what?: string;
  now?: Date;
}

/**
 * "Offline · as of 14:05" beside figures the host answered from its offline cache because Odoo
 * (or SendGrid) could not be reached; nothing when they are fresh.
 */
export function StaleBadge({ data, what = 'These figures', now = new Date(), locale, timeZone }: StaleBadgeProps) {
  const options = { ...(locale ? { locale } : {}), ...(timeZone ? { timeZone } : {}) };
  const asOf = asOfText(data, now, options);
  if (!asOf || !data?.as_of) return null;
  return (
    <Tooltip label={`${what} were last fetched ${formatDateTime(data.as_of, options)}. They update on their own when the connection is back.`} multiline w={260} withArrow>
      <Badge color="orange" variant="light" leftSection={<IconCloudOff size={12} />} style={{ textTransform: 'none' }} data-testid="stale-badge">
        Offline · {asOf}
      </Badge>
    </Tooltip>
  );
}
