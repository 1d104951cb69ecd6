import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSentCampaigns, DEMO_STORE, startMarketingWorld, type MarketingWorld } from './harness';

/**
 * The views' operations cost the same number of Odoo calls on a small and on a larger store, and
 * after hundreds more campaigns: their budgets do not depend on the number of rows.
 */
const storeId = DEMO_STORE.id;
/** A new tag per measurement, so every bulk run creates its tag and changes every contact. */
let round = 0;

async function cost(world: MarketingWorld, run: () => Promise<unknown>): Promise<number> {
  world.calls.reset();
  await run();
  return world.calls.count();
}

async function costs(world: MarketingWorld) {
  const m = world.marketing;
  const sent = (await m.listCampaigns({ storeId, status: 'sent', limit: 1, offset: 0 })).campaigns[0]!.campaign_id;
  const draft = (await m.listCampaigns({ storeId, status: 'draft', limit: 1, offset: 0 })).campaigns[0]!.campaign_id;
  const page = (await m.subscribers({ storeId, limit: 50, offset: 0 })).subscribers;
  return {
    estimate: await cost(world, () => m.estimateCampaign({ storeId, list_id: world.storeListId, segment: 'tag:vip' })),
    precheck: await cost(world, () => m.precheckCampaign(storeId, draft)),
    report: await cost(world, () => m.campaignReport(storeId, sent)),
    recipients: await cost(world, () => m.campaignRecipients({ storeId, campaignId: sent, filter: 'all', limit: 200, offset: 0 })),
    subscriber: await cost(world, () => m.subscriber(storeId, page[0]!.id)),
    tags: await cost(world, () => m.tags(storeId)),
    bulk: await cost(world, () => m.bulkSubscribers({ storeId, ids: page.map((s) => s.id), action: 'tag', tag: `budget-${++round}` })),
    overview: await cost(world, () => m.overview(storeId)),
  };
}

const BUDGETS = { estimate: 2, precheck: 2, report: 5, recipients: 2, subscriber: 3, tags: 2, bulk: 4, overview: 3 };

let small: MarketingWorld;
let large: MarketingWorld;
beforeAll(async () => {
  [small, large] = await Promise.all([startMarketingWorld({ contactCount: 150 }), startMarketingWorld({ contactCount: 900 })]);
});
afterAll(async () => {
  await Promise.all([small.close(), large.close()]);
});

describe('the views’ Odoo round trips', () => {
  it('stay within their budgets and do not grow with the number of contacts or campaigns', async () => {
    const few = await costs(small);
    const many = await costs(large);
    await addSentCampaigns(large, 300);
    const more = await costs(large);
    for (const [op, budget] of Object.entries(BUDGETS)) expect(few[op as keyof typeof BUDGETS], op).toBeLessThanOrEqual(budget);
    expect(many).toEqual(few);
    expect(more).toEqual(few);
  });
});
