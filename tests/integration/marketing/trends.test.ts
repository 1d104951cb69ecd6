import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_STORE, startMarketingWorld, TODAY, type MarketingWorld } from './harness';

let world: MarketingWorld;
beforeAll(async () => {
  world = await startMarketingWorld({ contactCount: 300 });
});
afterAll(() => world.close());

const storeId = DEMO_STORE.id;
const DAY = 86_400_000;
const odooDate = (d: Date) => d.toISOString().slice(0, 19).replace('T', ' ');

describe('the overview’s trends', () => {
  it('compare campaigns sent in the last 30 days with the 30 before', async () => {
    const { trends } = await world.run('marketing.overview', { storeId });
    const sentBetween = (from: number, to: number) => world.odoo.searchCount('mailing.mailing', [
      ['contact_list_ids', 'in', [world.storeListId]], ['state', '=', 'done'], ['sent_date', '>', odooDate(new Date(TODAY.getTime() - from * DAY))], ['sent_date', '<=', odooDate(new Date(TODAY.getTime() - to * DAY))],
    ]);
    expect(trends.period_days).toBe(30);
    expect(trends.campaigns_sent).toEqual({ current: await sentBetween(30, 0), previous: await sentBetween(60, 30) });
    expect(trends.campaigns_sent.current).toBeGreaterThan(0);
    expect(trends.average_open_rate.current).toBeGreaterThan(0);
  });

  it('count a subscriber who joined today now but not a period ago', async () => {
    const before = (await world.run('marketing.overview', { storeId })).trends.subscribers;
    await world.odoo.create('mailing.contact', { name: 'New Reader', email: 'new.reader@example.org', list_ids: [[6, 0, [world.storeListId]]] });
    const after = (await world.run('marketing.overview', { storeId })).trends.subscribers;
    expect(after).toEqual({ current: before.current + 1, previous: before.previous });
    expect(before.previous).toBeLessThanOrEqual(before.current);
  });

  it('still cost three Odoo calls', async () => {
    world.calls.reset();
    await world.marketing.overview(storeId);
    expect(world.calls.count()).toBe(3);
  });

  it('leave an unknown store not_found', async () => {
    await expect(world.run('marketing.overview', { storeId: 'no-such-store' })).rejects.toMatchObject({ code: 'not_found' });
  });
});
