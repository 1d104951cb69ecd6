import type { z } from 'zod';
import type { CampaignRow } from '../../../../shared/schemas/marketing';
import { formatPointsDelta } from '../../components/format';
import type { Trend } from '../../components/StatCard';

type Row = z.infer<typeof CampaignRow>;

/**
 * The Overview answer has no "previous period" figures, so rate trends compare the newest sent
 * campaigns with the ones sent just before them — real figures, labelled as such. Needs at least
 * two campaigns on each side to mean anything; otherwise no trend is shown.
 */
/**
 * A campaign counts once its engagement has started to arrive: one sent minutes ago shows 0% opens,
 * which says nothing about how it did and would drag every average and trend down.
 */
export function hasEngagementFigures(c: Row): boolean {
  return c.status === 'sent' && c.sent_date !== null && c.recipients > 0 && (c.open_rate > 0 || c.click_rate > 0);
}

export function rateTrend(recent: Row[], rate: 'open_rate' | 'click_rate', windowSize = 5): Trend | null {
  const sent = recent
    .filter(hasEngagementFigures)
    .sort((a, b) => (b.sent_date ?? '').localeCompare(a.sent_date ?? ''));
  const size = Math.min(windowSize, Math.floor(sent.length / 2));
  if (size < 2) return null;
  const average = (rows: Row[]) => rows.reduce((sum, r) => sum + r[rate], 0) / rows.length;
  // Rates are fractions; the trend reads in percentage points.
  const delta = (average(sent.slice(0, size)) - average(sent.slice(size, size * 2))) * 100;
  return { delta, label: formatPointsDelta(delta), comparedTo: `Last ${size} campaigns vs the ${size} sent before them` };
}

/** Oldest first, so the chart reads left to right in time; in percent, as the chart's axis shows them. */
export function rateSeries(recent: Row[], formatLabel: (iso: string) => string): { label: string; subject: string; open: number; click: number }[] {
  return recent
    .filter(hasEngagementFigures)
    .sort((a, b) => (a.sent_date ?? '').localeCompare(b.sent_date ?? ''))
    .map((c) => ({ label: formatLabel(c.sent_date as string), subject: c.subject, open: c.open_rate * 100, click: c.click_rate * 100 }));
}

/** "+12%" change of a count against the previous period; null when there was nothing to compare with. */
export function countTrend(current: number, previous: number, periodDays: number): Trend | null {
  if (previous <= 0) return null;
  const delta = ((current - previous) / previous) * 100;
  const label = `${new Intl.NumberFormat(undefined, { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(delta)}%`;
  return { delta, label, comparedTo: `Last ${periodDays} days vs the ${periodDays} days before` };
}

/** A rate's change (fractions in, as the API answers them) in percentage points against the previous period. */
export function periodRateTrend(current: number, previous: number, periodDays: number): Trend | null {
  if (previous <= 0 && current <= 0) return null;
  const delta = (current - previous) * 100;
  return { delta, label: formatPointsDelta(delta), comparedTo: `Last ${periodDays} days vs the ${periodDays} days before` };
}
