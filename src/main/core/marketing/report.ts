import { z } from 'zod';
import type { CampaignReport } from '../../../shared/schemas/marketing-views';
import { many2one, odooDatetimeField, parseRecords, type OdooClient } from '../odoo';
import type { CampaignEngagement } from './engagement';
import { campaignIdOf, madeInOdoo, type MailingRecord } from './mailings';

type Report = z.infer<typeof CampaignReport>;

const EngagedTrace = z.object({
  trace_status: z.string(),
  open_datetime: odooDatetimeField,
  links_click_datetime: odooDatetimeField,
  failure_reason: z.union([z.string(), z.literal(false)]),
});
type EngagedTrace = z.infer<typeof EngagedTrace>;
const Link = z.object({ id: z.number().int(), url: z.string() });
const ClickGroup = z.object({ link_id: many2one, __count: z.number().int().nonnegative() });

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Hourly buckets while the campaign is young (most opens come in the first day or two), daily after. */
const HOURLY_SPAN = 72 * HOUR;
const MAX_BUCKETS = 400;

/**
 * The three reads behind the stats view, all at once once the mailing is known (≤ 4 calls with it):
 * - the traces someone engaged with or that bounced (open_datetime, links_click_datetime, failure_reason):
 *   the timeline and the bounce kinds. The demo peer cannot group by 'open_datetime:hour' yet, so the
 *   datetimes are read and bucketed here; only engaged or bounced traces travel, not every recipient;
 * - clicks per link: read_group of link.tracker.click by link_id (odoo18-wire/131), whose group label is
 *   the short URL, so the links themselves (link.tracker, 129) give the target URLs.
 */
export async function campaignReport(odoo: OdooClient, mailing: MailingRecord, engagement: CampaignEngagement | null): Promise<Report> {
  const [traceRows, linkRows, clickGroups] = await Promise.all([
    odoo.searchRead(
      'mailing.trace',
      [['mass_mailing_id', '=', mailing.id], '|', '|', ['open_datetime', '!=', false], ['links_click_datetime', '!=', false], ['trace_status', '=', 'bounce']],
      ['trace_status', 'open_datetime', 'links_click_datetime', 'failure_reason'],
    ),
    odoo.searchRead('link.tracker', [['mass_mailing_id', '=', mailing.id]], ['id', 'url']),
    odoo.readGroup('link.tracker.click', [['mass_mailing_id', '=', mailing.id]], ['link_id'], ['link_id']),
  ]);
  const traces = parseRecords(EngagedTrace, traceRows, 'mailing.trace');
  return {
    campaign_id: campaignIdOf(mailing),
    odoo_campaign_id: mailing.id,
    made_in_odoo: madeInOdoo(mailing),
    funnel: {
      expected: mailing.expected, canceled: mailing.canceled, sent: mailing.sent, delivered: mailing.delivered,
      opened: mailing.opened, clicked: mailing.clicked, bounced: mailing.bounced, failed: mailing.failed,
    },
    timeline: timeline(traces, mailing.sent_date),
    bounces: bounceKinds(traces),
    opens: {
      unique: mailing.opened,
      total: engagement ? engagement.opens : null,
      human: engagement ? engagement.opens : null,
      machine: engagement ? engagement.machine_opens : null,
    },
    clicks: { unique: mailing.clicked, total: engagement ? engagement.clicks : null },
    top_links: topLinks(parseRecords(Link, linkRows, 'link.tracker'), parseRecords(ClickGroup, clickGroups, 'link.tracker.click'), engagement),
    unsubscribes_from_events: engagement ? engagement.unsubscribes : null,
    sources: engagement ? ['odoo', 'events'] : ['odoo'],
  };
}

function timeline(traces: EngagedTrace[], sentDate: Date | null): Report['timeline'] {
  const opens = traces.flatMap((t) => (t.open_datetime ? [t.open_datetime.getTime()] : []));
  const clicks = traces.flatMap((t) => (t.links_click_datetime ? [t.links_click_datetime.getTime()] : []));
  const all = [...opens, ...clicks];
  if (all.length === 0) return { granularity: 'hour', buckets: [] };
  const first = Math.min(sentDate?.getTime() ?? Infinity, ...all);
  const last = Math.max(...all);
  const granularity = last - first <= HOURLY_SPAN ? 'hour' : 'day';
  const size = granularity === 'hour' ? HOUR : DAY;
  const start = Math.floor(first / size) * size;
  const count = Math.min(MAX_BUCKETS, Math.floor((last - start) / size) + 1);
  const buckets = Array.from({ length: count }, (_, i) => ({ at: new Date(start + i * size).toISOString(), opens: 0, clicks: 0 }));
  // Anything past the last bucket (a very long tail) is counted in it rather than dropped.
  const index = (t: number) => Math.min(count - 1, Math.floor((t - start) / size));
  for (const t of opens) (buckets[index(t)] as { opens: number }).opens += 1;
  for (const t of clicks) (buckets[index(t)] as { clicks: number }).clicks += 1;
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

function bounceKinds(traces: EngagedTrace[]): Report['bounces'] {
  const kinds = { hard: 0, soft: 0, block: 0, dropped: 0 };
  for (const t of traces) if (t.trace_status === 'bounce') kinds[bounceKind(t.failure_reason || '')] += 1;
  return kinds;
}

const TOP_LINKS = 20;

function topLinks(links: z.infer<typeof Link>[], groups: z.infer<typeof ClickGroup>[], engagement: CampaignEngagement | null): Report['top_links'] {
  const urlOf = new Map(links.map((l) => [l.id, l.url]));
  const byUrl = new Map<string, { url: string; clicks: number; unique_clicks: number | null }>();
  for (const g of groups) {
    const url = g.link_id ? (urlOf.get(g.link_id.id) ?? g.link_id.name) : null;
    if (!url) continue;
    const entry = byUrl.get(url) ?? { url, clicks: 0, unique_clicks: 0 };
    entry.unique_clicks = (entry.unique_clicks ?? 0) + g.__count;
    entry.clicks = Math.max(entry.clicks, entry.unique_clicks);
    byUrl.set(url, entry);
  }
  // SendGrid counts every click on a URL; Odoo one per recipient and link.
  for (const [url, clicks] of Object.entries(engagement?.urls ?? {})) {
    const entry = byUrl.get(url) ?? { url, clicks: 0, unique_clicks: null };
    entry.clicks = Math.max(entry.clicks, clicks);
    byUrl.set(url, entry);
  }
  return [...byUrl.values()].sort((a, b) => b.clicks - a.clicks || a.url.localeCompare(b.url)).slice(0, TOP_LINKS);
}
