import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure, startLocalHarness, STORE_ID, type LocalHarness } from './harness';

let h: LocalHarness;
beforeEach(async () => {
  h = await startLocalHarness();
});
afterEach(() => h.close());

/** Moves the console's clock on and takes Odoo away: what was fetched before is all there is. */
async function goOffline(): Promise<string> {
  const fetchedAt = h.clock.now.toISOString();
  h.clock.now = new Date(h.clock.now.getTime() + 2 * 3_600_000);
  await h.stopPeer();
  return fetchedAt;
}

describe('the campaign list, campaigns and subscriber pages while Odoo is unreachable', () => {
  it('answers the campaign list, a campaign and its report as last fetched, marked stale as of then', async () => {
    const list = await h.api.call('marketing.campaigns.list', { storeId: STORE_ID, status: 'sent' });
    const first = list.campaigns[0];
    if (!first) throw new Error('the demo seed has sent campaigns');
    const campaign = await h.api.call('marketing.campaigns.get', { storeId: STORE_ID, campaignId: first.campaign_id });
    const report = await h.api.call('marketing.campaigns.report', { storeId: STORE_ID, campaignId: first.campaign_id });
    expect(campaign.stale).toBeUndefined();
    const fetchedAt = await goOffline();

    expect(await h.api.call('marketing.campaigns.list', { storeId: STORE_ID, status: 'sent' })).toEqual({ ...list, stale: true, as_of: fetchedAt });
    expect(await h.api.call('marketing.campaigns.get', { storeId: STORE_ID, campaignId: first.campaign_id })).toEqual({ ...campaign, stale: true, as_of: fetchedAt });
    expect(await h.api.call('marketing.campaigns.report', { storeId: STORE_ID, campaignId: first.campaign_id })).toEqual({ ...report, stale: true, as_of: fetchedAt });
  });

  it('answers the subscriber pages seen before, and only those: another page or filter says Odoo cannot be reached', async () => {
    const page1 = await h.api.call('marketing.subscribers.list', { storeId: STORE_ID, limit: 10, offset: 0 });
    const page2 = await h.api.call('marketing.subscribers.list', { storeId: STORE_ID, limit: 10, offset: 10 });
    const fetchedAt = await goOffline();

    expect(await h.api.call('marketing.subscribers.list', { storeId: STORE_ID, limit: 10, offset: 10 })).toEqual({ ...page2, stale: true, as_of: fetchedAt });
    expect(await h.api.call('marketing.subscribers.list', { storeId: STORE_ID, limit: 10, offset: 0 })).toEqual({ ...page1, stale: true, as_of: fetchedAt });
    expect((await failure(h.api.call('marketing.subscribers.list', { storeId: STORE_ID, limit: 10, offset: 20 }))).code).toBe('odoo.unreachable');
    expect((await failure(h.api.call('marketing.subscribers.list', { storeId: STORE_ID, limit: 10, offset: 0, status: 'opted_out' }))).code).toBe('odoo.unreachable');
  });

  it('answers fresh again, without the stale mark, once Odoo is back', async () => {
    await h.api.call('marketing.campaigns.list', { storeId: STORE_ID });
    await goOffline();
    expect((await h.api.call('marketing.campaigns.list', { storeId: STORE_ID })).stale).toBe(true);
    await h.restartPeer();
    await h.api.call('connectivity.status', { probe: true });
    const back = await h.api.call('marketing.campaigns.list', { storeId: STORE_ID });
    expect(back.stale).toBeUndefined();
    expect(back.as_of).toBeUndefined();
  });
});
