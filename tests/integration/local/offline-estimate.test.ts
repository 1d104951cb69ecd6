import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure, startLocalHarness, storeListId, STORE_ID, type LocalHarness } from './harness';

let h: LocalHarness;
let listId: number;
beforeEach(async () => {
  h = await startLocalHarness();
  listId = await storeListId(h);
});
afterEach(() => h.close());

describe('the recipient estimate while Odoo is unreachable', () => {
  it('answers the last count for the same list and segment, marked stale as of when Odoo gave it', async () => {
    const fresh = await h.api.call('marketing.campaigns.estimate', { storeId: STORE_ID, list_id: listId, segment: 'buyers' });
    expect(fresh.stale).toBeUndefined();
    const countedAt = h.clock.now.toISOString();
    h.clock.now = new Date(h.clock.now.getTime() + 45 * 60_000);
    await h.stopPeer();

    const offline = await h.api.call('marketing.campaigns.estimate', { storeId: STORE_ID, list_id: listId, segment: 'buyers' });
    expect(offline).toEqual({ estimated_recipients: fresh.estimated_recipients, list_total: fresh.list_total, stale: true, as_of: countedAt });
  });

  it('does not answer one segment with the count of another', async () => {
    await h.api.call('marketing.campaigns.estimate', { storeId: STORE_ID, list_id: listId, segment: 'all' });
    await h.stopPeer();
    const error = await failure(h.api.call('marketing.campaigns.estimate', { storeId: STORE_ID, list_id: listId, segment: 'buyers' }));
    expect(error.code).toBe('odoo.unreachable');
  });

  it('answers fresh again, without the stale mark, once Odoo is back', async () => {
    await h.api.call('marketing.campaigns.estimate', { storeId: STORE_ID, list_id: listId, segment: 'all' });
    await h.stopPeer();
    expect((await h.api.call('marketing.campaigns.estimate', { storeId: STORE_ID, list_id: listId, segment: 'all' })).stale).toBe(true);
    await h.restartPeer();
    await h.api.call('connectivity.status', { probe: true });
    const back = await h.api.call('marketing.campaigns.estimate', { storeId: STORE_ID, list_id: listId, segment: 'all' });
    expect(back.stale).toBeUndefined();
    expect(back.as_of).toBeUndefined();
  });
});
