import { z } from 'zod';

/**
 * Per-campaign engagement counted from SendGrid's events by the stats extension (issue 4), which
 * Odoo cannot hold: total opens and clicks (a trace keeps one open and one click per recipient),
 * machine opens (Apple Mail Privacy Protection) apart from human ones, clicks per URL, bounce kinds.
 * Kept in the stats extension's meta, keyed by the opaque campaign id the events carry in their
 * custom args; bounded so the record stays small.
 */

const n = z.number().int().nonnegative().catch(0);
export const CampaignEngagement = z.object({
  delivered: n,
  opens: n,
  machine_opens: n,
  unique_opens: n,
  clicks: n,
  unique_clicks: n,
  unsubscribes: n,
  spam_reports: n,
  bounces: z.object({ hard: n, block: n, dropped: n }).catch({ hard: 0, block: 0, dropped: 0 }),
  urls: z.record(z.string(), n).catch({}),
  updated_at: z.string().catch(''),
});
export type CampaignEngagement = z.infer<typeof CampaignEngagement>;
export const EngagementBook = z.record(z.string(), CampaignEngagement).catch({});
export type EngagementBook = z.infer<typeof EngagementBook>;

/** Enough for a "top links" table; the least clicked URLs go first when a campaign has more. */
export const MAX_URLS_PER_CAMPAIGN = 50;
/** About two years of campaigns at two a month; the least recently active go first. */
export const MAX_CAMPAIGNS = 500;

export function emptyEngagement(): CampaignEngagement {
  return { delivered: 0, opens: 0, machine_opens: 0, unique_opens: 0, clicks: 0, unique_clicks: 0, unsubscribes: 0, spam_reports: 0, bounces: { hard: 0, block: 0, dropped: 0 }, urls: {}, updated_at: '' };
}

/** Keeps the book within its bounds after a batch. */
export function boundBook(book: EngagementBook): EngagementBook {
  for (const entry of Object.values(book)) {
    const urls = Object.entries(entry.urls);
    if (urls.length > MAX_URLS_PER_CAMPAIGN) entry.urls = Object.fromEntries(urls.sort((a, b) => b[1] - a[1]).slice(0, MAX_URLS_PER_CAMPAIGN));
  }
  const ids = Object.keys(book);
  if (ids.length <= MAX_CAMPAIGNS) return book;
  const keep = ids.sort((a, b) => (book[b]?.updated_at ?? '').localeCompare(book[a]?.updated_at ?? '')).slice(0, MAX_CAMPAIGNS);
  return Object.fromEntries(keep.map((id) => [id, book[id] as CampaignEngagement]));
}

function add(into: CampaignEngagement, from: CampaignEngagement): CampaignEngagement {
  const urls = { ...into.urls };
  for (const [url, clicks] of Object.entries(from.urls)) urls[url] = (urls[url] ?? 0) + clicks;
  return {
    delivered: into.delivered + from.delivered,
    opens: into.opens + from.opens,
    machine_opens: into.machine_opens + from.machine_opens,
    unique_opens: into.unique_opens + from.unique_opens,
    clicks: into.clicks + from.clicks,
    unique_clicks: into.unique_clicks + from.unique_clicks,
    unsubscribes: into.unsubscribes + from.unsubscribes,
    spam_reports: into.spam_reports + from.spam_reports,
    bounces: { hard: into.bounces.hard + from.bounces.hard, block: into.bounces.block + from.bounces.block, dropped: into.bounces.dropped + from.bounces.dropped },
    urls,
    updated_at: into.updated_at > from.updated_at ? into.updated_at : from.updated_at,
  };
}

/**
 * The store's engagement from its stats extensions' meta (a store may have more than one, e.g. two
 * SendGrid accounts): summed per campaign. Unreadable meta counts as nothing rather than failing a view.
 */
export function engagementFromMetas(metas: readonly unknown[]): EngagementBook {
  const book: EngagementBook = {};
  for (const meta of metas) {
    const parsed = EngagementBook.parse((meta as { engagement?: unknown } | undefined)?.engagement ?? {});
    for (const [id, entry] of Object.entries(parsed)) book[id] = book[id] ? add(book[id], entry) : entry;
  }
  return book;
}

/** Reads the engagement the stats extensions recorded for a store. */
export type EngagementReader = (storeId: string) => Promise<EngagementBook>;
