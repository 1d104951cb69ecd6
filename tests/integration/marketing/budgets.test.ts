import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSentCampaigns, DEMO_STORE, startMarketingWorld, type MarketingWorld } from './harness';

/** The Odoo calls one operation costs, measured on the world as it is now. */
async function cost(world: MarketingWorld, run: () => Promise<unknown>): Promise<number> {
  world.calls.reset();
  await run();
  return world.calls.count();
}

async function costs(world: MarketingWorld) {
  const [sent] = await world.odoo.searchRead('mailing.mailing', [['contact_list_ids', 'in', [world.storeListId]], ['state', '=', 'done']], ['x_markket_campaign_id'], { order: 'sent_date desc', limit: 1 });
  const campaignId = String(sent?.x_markket_campaign_id);
  return {
    overview: await cost(world, () => world.marketing.overview(DEMO_STORE.id)),
    campaignList: await cost(world, () => world.marketing.listCampaigns({ storeId: DEMO_STORE.id, limit: 200, offset: 0 })),
    subscriberPage: await cost(world, () => world.marketing.subscribers({ storeId: DEMO_STORE.id, limit: 50, offset: 0 })),
    bigSubscriberPage: await cost(world, () => world.marketing.subscribers({ storeId: DEMO_STORE.id, limit: 500, offset: 0 })),
    campaignStats: await cost(world, () => world.marketing.getCampaign(DEMO_STORE.id, campaignId)),
  };
}

let world: MarketingWorld;
beforeAll(async () => {
  world = await startMarketingWorld({ contactCount: 600 });
});
afterAll(() => world.close());

describe('Odoo round trips', () => {
  it('stay within the budgets: overview 3, campaign list 2, subscriber page 4, campaign stats 3', async () => {
    const measured = await costs(world);
    expect(measured.overview).toBeLessThanOrEqual(3);
    expect(measured.campaignList).toBeLessThanOrEqual(2);
    expect(measured.subscriberPage).toBeLessThanOrEqual(4);
    expect(measured.bigSubscriberPage).toBeLessThanOrEqual(4);
    expect(measured.campaignStats).toBeLessThanOrEqual(3);
  });

  it('do not grow with the number of campaigns or the size of a page', async () => {
    await addSentCampaigns(world, 5);
    const few = await costs(world);
    await addSentCampaigns(world, 450);
    const many = await costs(world);
    expect(many).toEqual(few);
    expect(few.bigSubscriberPage).toBe(few.subscriberPage);
    expect((await world.marketing.listCampaigns({ storeId: DEMO_STORE.id, limit: 1, offset: 0 })).total).toBeGreaterThan(500);
  });
});
