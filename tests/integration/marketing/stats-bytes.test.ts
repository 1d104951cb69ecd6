import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addEngagedCampaign } from '../../../src/main/sandbox/odoo/engaged-campaign';
import { DEMO_STORE, TODAY, startMarketingWorld, type MarketingWorld } from './harness';

/**
 * A campaign's stats view (get + report) reads grouped figures, never the opened traces: its
 * answers weigh the same for 2,000 mails as for 20,000, under 20 KB, and its call count is fixed.
 */
const storeId = DEMO_STORE.id;
let world: MarketingWorld;
beforeAll(async () => {
  world = await startMarketingWorld({ contactCount: 300 });
  const sentAt = new Date(TODAY.getTime() - 10 * 86_400_000);
  for (const [campaignId, mails] of [['camp_engaged2k', 2_000], ['camp_engaged20k', 20_000]] as const) {
    addEngagedCampaign(world.peer.env, { listId: world.storeListId, campaignId, mails, openRate: 0.4, clickRate: 0.1, sentAt });
  }
});
afterAll(() => world.close());

async function statsView(campaignId: string) {
  await world.marketing.getCampaign(storeId, campaignId);
  world.calls.reset();
  world.wire.reset();
  const [detail, report] = await Promise.all([world.marketing.getCampaign(storeId, campaignId), world.marketing.campaignReport(storeId, campaignId)]);
  return { detail, report, calls: world.calls.count(), bytes: world.wire.bytes() };
}

describe('a campaign’s stats view', () => {
  it('weighs under 20 KB whatever the number of opens, in the same number of calls', async () => {
    const small = await statsView('camp_engaged2k');
    const large = await statsView('camp_engaged20k');
    expect(large.report.funnel.opened).toBeGreaterThan(7_000);
    expect(large.report.funnel.opened).toBeGreaterThan(9 * small.report.funnel.opened);
    expect(small.bytes).toBeLessThanOrEqual(20_000);
    expect(large.bytes).toBeLessThanOrEqual(20_000);
    expect(large.bytes).toBeLessThanOrEqual(small.bytes * 1.25);
    expect(large.calls).toBe(small.calls);
  });

  it('reads the mailing once for the details and the report asked together, and asks nothing else twice', async () => {
    await statsView('camp_engaged20k');
    const exchanges = world.wire.exchanges();
    expect(exchanges.filter((e) => e.model === 'mailing.mailing')).toHaveLength(1);
    // Odoo 18: the mailing; then the unsubscribes, opens, clicks, bounce reasons and links at once;
    // then the sends of those who unsubscribed, to credit the right campaign (unsubscribes.ts).
    expect(exchanges.map((e) => `${e.model}.${e.method}`).sort()).toEqual([
      'link.tracker.search_read', 'mailing.mailing.search_read', 'mailing.subscription.search_read',
      'mailing.trace.read_progress_bar', 'mailing.trace.read_progress_bar', 'mailing.trace.read_progress_bar',
      'mailing.trace.search_read',
    ]);
  });

  it('still counts every open and click in the timeline and every bounce by kind', async () => {
    const { report } = await statsView('camp_engaged20k');
    const mailing = report.odoo_campaign_id;
    const count = (domain: unknown[]) => world.odoo.searchCount('mailing.trace', [['mass_mailing_id', '=', mailing], ...domain]);
    expect(report.timeline.granularity).toBe('day');
    expect(report.timeline.buckets.reduce((n, b) => n + b.opens, 0)).toBe(await count([['open_datetime', '!=', false]]));
    expect(report.timeline.buckets.reduce((n, b) => n + b.clicks, 0)).toBe(await count([['links_click_datetime', '!=', false]]));
    expect(Object.values(report.bounces).reduce((a, b) => a + b, 0)).toBe(await count([['trace_status', '=', 'bounce']]));
    expect(report.top_links.reduce((n, l) => n + (l.unique_clicks ?? 0), 0)).toBe(await world.odoo.searchCount('link.tracker.click', [['mass_mailing_id', '=', mailing]]));
  });
});
