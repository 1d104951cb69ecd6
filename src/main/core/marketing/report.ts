import { z } from 'zod';
import type { CampaignReport } from '../../../shared/schemas/marketing-views';
import { odooDatetime, parseRecords, type Domain, type OdooClient } from '../odoo';
import type { CampaignEngagement } from './engagement';
import { campaignIdOf, madeInOdoo, type MailingRecord } from './mailings';

type Report = z.infer<typeof CampaignReport>;

const Link = z.object({ id: z.number().int(), url: z.string(), count: z.number().int().nonnegative() });
/** read_progress_bar's answer: {"<group value>": {"mail": count}} (addons/web/models/models.py). */
const Bars = z.record(z.string(), z.object({ mail: z.number().int().nonnegative() }));

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Hourly buckets while the campaign is young (most opens come in the first day or two), daily after. */
const HOURLY_SPAN = 72 * HOUR;
/** A year of days; a later straggler is counted in the last bucket rather than stretching the chart. */
const MAX_BUCKETS = 400;

/**
 * Counts per value of `groupBy` over a mailing's traces, with no copy of the domain per group:
 * read_progress_bar, whose bar field is trace_type ("mail" on every trace of a mailing).
 */
async function countBy(odoo: OdooClient, mailingId: number, where: Domain, groupBy: string): Promise<Map<string, number>> {
  const answer = await odoo.call('mailing.trace', 'read_progress_bar', [], {
    domain: [['mass_mailing_id', '=', mailingId], ...where], group_by: groupBy, progress_bar: { field: 'trace_type', colors: { mail: '' } },
  }, { mutating: false });
  return new Map(Object.entries(Bars.parse(answer)).map(([key, counts]) => [key, counts.mail]));
}

/**
 * The stats view's figures in at most five calls whatever the number of opens, the last ones at
 * once: the mailing (Odoo's funnel), then opens and clicks per hour or day, bounces per reason
 * (read_progress_bar: one small entry per bucket or reason) and the mailing's links with their
 * click counts (link.tracker's count, odoo18-wire/129). No trace travels: the recipients table
 * pages them itself (recipients.ts).
 * A question whose answer the funnel already gives as empty is not asked: Odoo counts `bounced`
 * from the traces in status bounce and `clicked` from those with a click time (the very traces
 * the bounce and click questions group), and `opened` from the statuses tracking writes with an
 * open time (mailing.trace set_opened / set_clicked); an open reported after a bounce keeps the
 * bounce status (extensions/handlers/stats.ts), so opens are asked while either count is above
 * zero. So a campaign without bounces, or without clicks, costs four calls; one with all three
 * costs five, since read_progress_bar groups by one field and a grouped query on two copies the
 * groups' domains (issue 15).
 */
export async function campaignReport(odoo: OdooClient, mailing: MailingRecord, engagement: CampaignEngagement | null, now: Date): Promise<Report> {
  const granularity = mailing.sent_date && now.getTime() - mailing.sent_date.getTime() <= HOURLY_SPAN ? 'hour' : 'day';
  const none = new Map<string, number>();
  const [opens, clicks, reasons, linkRows] = await Promise.all([
    mailing.opened + mailing.bounced > 0 ? countBy(odoo, mailing.id, [['open_datetime', '!=', false]], `open_datetime:${granularity}`) : none,
    mailing.clicked > 0 ? countBy(odoo, mailing.id, [['links_click_datetime', '!=', false]], `links_click_datetime:${granularity}`) : none,
    mailing.bounced > 0 ? countBy(odoo, mailing.id, [['trace_status', '=', 'bounce']], 'failure_reason') : none,
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
