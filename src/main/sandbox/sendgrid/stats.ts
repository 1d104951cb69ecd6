import type { SendgridEvent, StatsMetrics, StatsRow } from '../../core/sendgrid';
import type { PeerState } from './state';

/**
 * GET /v3/stats and /v3/categories/stats: one row per day / week / month of the range, zeros
 * included, metrics counted from the events the peer generated plus the seeded history.
 */
const METRIC_KEYS = [
  'blocks', 'bounce_drops', 'bounces', 'clicks', 'deferred', 'delivered', 'invalid_emails', 'opens', 'processed',
  'requests', 'spam_report_drops', 'spam_reports', 'unique_clicks', 'unique_opens', 'unsubscribe_drops', 'unsubscribes',
] as const;

export type AggregatedBy = 'day' | 'week' | 'month';

export function zeroMetrics(): StatsMetrics {
  return Object.fromEntries(METRIC_KEYS.map((k) => [k, 0])) as StatsMetrics;
}

export function periodStart(date: string, by: AggregatedBy): string {
  if (by === 'day') return date;
  if (by === 'month') return `${date.slice(0, 7)}-01`;
  // Weeks start on Monday.
  const d = new Date(`${date}T00:00:00Z`);
  const shift = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - shift * 86_400_000).toISOString().slice(0, 10);
}

export function periods(start: string, end: string, by: AggregatedBy): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${start}T00:00:00Z`); t <= Date.parse(`${end}T00:00:00Z`); t += 86_400_000) {
    const p = periodStart(new Date(t).toISOString().slice(0, 10), by);
    // The first period of a week/month range starts at start_date, as SendGrid reports it.
    const label = p < start ? start : p;
    if (out[out.length - 1] !== label) out.push(label);
  }
  return out;
}

function eventDate(e: SendgridEvent): string {
  return new Date(e.timestamp * 1000).toISOString().slice(0, 10);
}

function categoriesOf(e: SendgridEvent): string[] {
  if (e.category === undefined) return [];
  return Array.isArray(e.category) ? e.category : [e.category];
}

/** Adds one event to a metrics object; `seen` holds keys for unique opens/clicks within the period. */
function count(m: StatsMetrics, e: SendgridEvent, seen: Set<string>): void {
  const who = `${e.sg_message_id ?? ''}|${e.email}`;
  switch (e.event) {
    case 'processed':
      m.requests += 1;
      m.processed += 1;
      break;
    case 'dropped': {
      m.requests += 1;
      const reason = (e.reason ?? '').toLowerCase();
      if (reason.includes('bounce')) m.bounce_drops += 1;
      else if (reason.includes('spam')) m.spam_report_drops += 1;
      else if (reason.includes('unsubscribe')) m.unsubscribe_drops += 1;
      else if (reason.includes('invalid')) m.invalid_emails += 1;
      break;
    }
    case 'delivered':
      m.delivered += 1;
      break;
    case 'deferred':
      m.deferred += 1;
      break;
    case 'bounce':
      if (e.type === 'blocked') m.blocks += 1;
      else m.bounces += 1;
      break;
    case 'open':
      m.opens += 1;
      if (!seen.has(`o|${who}`)) {
        seen.add(`o|${who}`);
        m.unique_opens += 1;
      }
      break;
    case 'click':
      m.clicks += 1;
      if (!seen.has(`c|${who}`)) {
        seen.add(`c|${who}`);
        m.unique_clicks += 1;
      }
      break;
    case 'spamreport':
      m.spam_reports += 1;
      break;
    case 'unsubscribe':
      m.unsubscribes += 1;
      break;
    default:
      break;
  }
}

function metricsByPeriod(
  state: PeerState,
  start: string,
  end: string,
  by: AggregatedBy,
  filter: (e: SendgridEvent) => boolean,
  withHistory: boolean,
): Map<string, StatsMetrics> {
  const labels = periods(start, end, by);
  const metrics = new Map(labels.map((l) => [l, zeroMetrics()]));
  const labelOf = (date: string): string | undefined => {
    if (date < start || date > end) return undefined;
    const p = periodStart(date, by);
    return p < start ? start : p;
  };
  if (withHistory) {
    for (const [date, figures] of state.history) {
      const m = metrics.get(labelOf(date) ?? '');
      if (!m) continue;
      for (const [key, value] of Object.entries(figures)) {
        if (value !== undefined && key in m) (m as Record<string, number>)[key] = ((m as Record<string, number>)[key] ?? 0) + value;
      }
    }
  }
  const seen = new Map<string, Set<string>>();
  for (const e of state.events) {
    if (!filter(e)) continue;
    const label = labelOf(eventDate(e));
    const m = label === undefined ? undefined : metrics.get(label);
    if (!m || label === undefined) continue;
    if (!seen.has(label)) seen.set(label, new Set());
    count(m, e, seen.get(label)!);
  }
  return metrics;
}

export function globalStats(state: PeerState, start: string, end: string, by: AggregatedBy): StatsRow[] {
  const metrics = metricsByPeriod(state, start, end, by, () => true, true);
  return [...metrics].map(([date, m]) => ({ date, stats: [{ metrics: m }] }));
}

export function categoryStats(state: PeerState, categories: string[], start: string, end: string, by: AggregatedBy): StatsRow[] {
  const perCategory = categories.map((name) => ({
    name,
    metrics: metricsByPeriod(state, start, end, by, (e) => categoriesOf(e).includes(name), false),
  }));
  return periods(start, end, by).map((date) => ({
    date,
    stats: perCategory.map(({ name, metrics }) => ({ type: 'category', name, metrics: metrics.get(date) ?? zeroMetrics() })),
  }));
}
