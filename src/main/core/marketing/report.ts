import { z } from 'zod';
import type { CampaignReport } from '../../../shared/schemas/marketing-views';
import { odooDatetime, parseRecords, type OdooClient } from '../odoo';
import type { CampaignEngagement } from './engagement';
import { campaignIdOf, madeInOdoo, type MailingRecord } from './mailings';
import { countBy, countPeriods } from './report-periods';

type Report = z.infer<typeof CampaignReport>;

const Link = z.object({ id: z.number().int(), url: z.string(), count: z.number().int().nonnegative() });

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Hourly buckets while the campaign is young (most opens come in the first day or two), daily after. */
const HOURLY_SPAN = 72 * HOUR;
/** A year of days; a later straggler is counted in the last bucket rather than stretching the chart. */
const MAX_BUCKETS = 400;

/** formatted_read_grouping_sets' answer: one list of groups per grouping set (web/models/models.py, 19). */
const PeriodGroup = z.object({ __count: z.number().int().nonnegative() }).catchall(z.unknown());
const ReasonGroup = z.object({ trace_status: z.union([z.string(), z.literal(false)]), failure_reason: z.union([z.string(), z.literal(false)]), __count: z.number().int().nonnegative() });
const ClicksAndReasons = z.tuple([z.array(PeriodGroup), z.array(ReasonGroup)]);

/**
 * Clicks per period and bounces per reason in one call, on Odoo 19: formatted_read_grouping_sets
 * groups the same traces two ways in one query. The domain takes the clicked traces and the
 * bounced ones; a trace in only one of them falls in the other grouping's empty (False) group,
 * which is skipped, and the reasons are kept for status bounce only, as countBy asks them. Each
 * group carries its own "__extra_domain" (~190 bytes for a period, against ~35 in
 * read_progress_bar), so only these two share a call: clicks have fewer periods than opens.
 */
async function clicksAndReasons(odoo: OdooClient, mailingId: number, period: string): Promise<[Map<string, number>, Map<string, number>]> {
  const answer = await odoo.call('mailing.trace', 'formatted_read_grouping_sets', [], {
    domain: [['mass_mailing_id', '=', mailingId], '|', ['links_click_datetime', '!=', false], ['trace_status', '=', 'bounce']],
    grouping_sets: [[period], ['trace_status', 'failure_reason']], aggregates: ['__count'],
  }, { mutating: false });
  const [periods, reasons] = ClicksAndReasons.parse(answer);
  const clicks = new Map<string, number>();
  for (const group of periods) {
    // A period is [start, label]; False is the group of the bounced traces nobody clicked.
    const value = group[period];
    if (Array.isArray(value) && typeof value[0] === 'string') clicks.set(value[0], group.__count);
  }
  const kinds = new Map<string, number>();
  for (const group of reasons) if (group.trace_status === 'bounce') kinds.set(group.failure_reason || 'False', group.__count);
  return [clicks, kinds];
}

/**
 * The stats view's figures in at most five calls (four on Odoo 19) whatever the number of opens, the last ones at
 * once: the mailing (Odoo's funnel), then opens and clicks per hour or day, bounces per reason
 * (read_progress_bar: one small entry per bucket or reason) and the mailing's links with their
 * click counts (link.tracker's count, odoo18-wire/129). No trace travels: the recipients table
 * pages them itself (recipients.ts).
 * A question whose answer the funnel already gives as empty is not asked: Odoo counts `bounced`
 * from the traces in status bounce and `clicked` from those with a click time (the very traces
 * the bounce and click questions group), and `opened` from the statuses tracking writes with an
 * open time (mailing.trace set_opened / set_clicked); an open reported after a bounce keeps the
 * bounce status (extensions/handlers/stats.ts), so opens are asked while either count is above
 * zero. So a campaign without bounces, or without clicks, costs four calls. One with all three
 * costs four on Odoo 19, where clicks and bounce reasons share a formatted_read_grouping_sets,
 * and five on Odoo 18: read_progress_bar groups by one field and counts only the bar values it
 * is given (a fixed list, so neither a period nor a free-text reason), and 18's read_group copies
 * the request's domain into every group (~390 bytes a period) and has no grouping sets (issue 15).
 */
export async function campaignReport(odoo: OdooClient, mailing: MailingRecord, engagement: CampaignEngagement | null, now: Date): Promise<Report> {
  const granularity = mailing.sent_date && now.getTime() - mailing.sent_date.getTime() <= HOURLY_SPAN ? 'hour' : 'day';
  const none = new Map<string, number>();
  const clickPeriod = `links_click_datetime:${granularity}`;
  const { major } = await odoo.version();
  const together = mailing.clicked > 0 && mailing.bounced > 0 && major >= 19;
  const [opens, [clicks, reasons], linkRows] = await Promise.all([
    mailing.opened + mailing.bounced > 0 ? countPeriods(odoo, major, mailing.id, 'open_datetime', granularity) : none,
    together
      ? clicksAndReasons(odoo, mailing.id, clickPeriod)
      : Promise.all([
          mailing.clicked > 0 ? countPeriods(odoo, major, mailing.id, 'links_click_datetime', granularity) : none,
          mailing.bounced > 0 ? countBy(odoo, mailing.id, [['trace_status', '=', 'bounce']], 'failure_reason') : none,
        ]),
    odoo.searchRead('link.tracker', [['mass_mailing_id', '=', mailing.id]], ['url', 'count']),
  ]);
  return {
    campaign_id: campaignIdOf(mailing),
    odoo_campaign_id: mailing.id,
    made_in_odoo: madeInOdoo(mailing),
    funnel: {
      expected: mailing.expected, canceled: mailing.canceled, sent: mailing.sent, delivered: mailing.delivered,
      opened: mailing.opened, clicked: mailing.clicked, bounced: mailing.bounced, failed: mailing.failed,
    },
    timeline: timeline(opens, clicks, granularity, mailing.sent_date),
    bounces: bounceKinds(reasons),
    opens: {
      unique: mailing.opened,
      total: engagement ? engagement.opens : null,
      human: engagement ? engagement.opens : null,
      machine: engagement ? engagement.machine_opens : null,
    },
    clicks: { unique: mailing.clicked, total: engagement ? engagement.clicks : null },
    top_links: topLinks(parseRecords(Link, linkRows, 'link.tracker'), engagement),
    unsubscribes_from_events: engagement ? engagement.unsubscribes : null,
    sources: engagement ? ['odoo', 'events'] : ['odoo'],
  };
}

/** Every bucket from the send (or the first event) to the last event, empty ones included, so the chart's axis is even. */
function timeline(opens: Map<string, number>, clicks: Map<string, number>, granularity: 'hour' | 'day', sentDate: Date | null): Report['timeline'] {
  const at = (key: string) => odooDatetime(key)?.getTime() ?? null;
  const starts = [...opens.keys(), ...clicks.keys()].map(at).filter((t): t is number => t !== null);
  if (starts.length === 0) return { granularity, buckets: [] };
  const size = granularity === 'hour' ? HOUR : DAY;
  const first = Math.floor(Math.min(sentDate?.getTime() ?? Infinity, ...starts) / size) * size;
  const last = Math.max(...starts);
  const count = Math.min(MAX_BUCKETS, Math.floor((last - first) / size) + 1);
  const buckets = Array.from({ length: count }, (_, i) => ({ at: new Date(first + i * size).toISOString(), opens: 0, clicks: 0 }));
  const add = (counts: Map<string, number>, key: 'opens' | 'clicks') => {
    for (const [start, n] of counts) {
      const t = at(start);
      const bucket = t === null ? undefined : buckets[Math.min(count - 1, Math.floor((t - first) / size))];
      if (bucket) bucket[key] += n;
    }
  };
  add(opens, 'opens');
  add(clicks, 'clicks');
  return { granularity, buckets };
}

/**
 * The stats extension writes SendGrid's kind as a prefix of failure_reason ("Hard bounce:",
 * "Blocked:", "Dropped:"); a bounce Odoo received itself keeps the server's words
 * (odoo18-wire/124: "550 5.1.1 user unknown"), where a 4xx status means a temporary (soft) bounce.
 */
export function bounceKind(reason: string): 'hard' | 'soft' | 'block' | 'dropped' {
  if (reason.startsWith('Hard bounce:')) return 'hard';
  if (reason.startsWith('Blocked:')) return 'block';
  if (reason.startsWith('Dropped:')) return 'dropped';
  return /\b4\d\d\b|\b4\.\d{1,3}\.\d{1,3}\b/.test(reason) ? 'soft' : 'hard';
}

/** An empty reason is the text "None" (Odoo 18's _read_group) or "False" (19's formatted_read_group). */
function bounceKinds(reasons: Map<string, number>): Report['bounces'] {
  const kinds = { hard: 0, soft: 0, block: 0, dropped: 0 };
  for (const [reason, n] of reasons) kinds[bounceKind(reason === 'None' || reason === 'False' ? '' : reason)] += n;
  return kinds;
}

const TOP_LINKS = 20;

/** Odoo counts a click per recipient and link (link.tracker.click); SendGrid counts every click on a URL. */
function topLinks(links: z.infer<typeof Link>[], engagement: CampaignEngagement | null): Report['top_links'] {
  const byUrl = new Map<string, { url: string; clicks: number; unique_clicks: number | null }>();
  for (const link of links) {
    if (link.count === 0) continue;
    const entry = byUrl.get(link.url) ?? { url: link.url, clicks: 0, unique_clicks: 0 };
    entry.unique_clicks = (entry.unique_clicks ?? 0) + link.count;
    entry.clicks = Math.max(entry.clicks, entry.unique_clicks);
    byUrl.set(link.url, entry);
  }
  for (const [url, clicks] of Object.entries(engagement?.urls ?? {})) {
    const entry = byUrl.get(url) ?? { url, clicks: 0, unique_clicks: null };
    entry.clicks = Math.max(entry.clicks, clicks);
    byUrl.set(url, entry);
  }
  return [...byUrl.values()].sort((a, b) => b.clicks - a.clicks || a.url.localeCompare(b.url)).slice(0, TOP_LINKS);
}
