import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLocalHarness, storeListId, STORE_ID, until, type LocalHarness } from './harness';

let h: LocalHarness;
let listId: number;
beforeEach(async () => {
  h = await startLocalHarness();
  listId = await storeListId(h);
});
afterEach(() => h.close());

const body = '<p>For our regulars</p><p><a href="/unsubscribe_from_list">Unsubscribe</a></p>';
const rule = { match: 'all' as const, conditions: [{ type: 'buyer' as const, is: true }, { type: 'tag' as const, has: false, tag: 'vip' }] };

/**
 * Issue 17: a saved segment is picked in the editor of a local draft while Odoo cannot be reached.
 * The audience picker lists the segments and their counts from the offline cache, "as of" when Odoo
 * counted them; the draft keeps `saved:<id>` on this computer and writes the segment's domain to
 * Odoo once it is back.
 */
describe('a saved segment picked for a local draft while Odoo is unreachable', () => {
  it('is listed with its last count, as of then, and kept by the draft', async () => {
    const saved = await h.api.call('marketing.segments.save', { storeId: STORE_ID, name: 'Buyers, not VIP', list_id: listId, rule });
    expect(saved.recipients).toBeGreaterThan(0);
    const online = await h.api.call('marketing.segments.list', { storeId: STORE_ID });
    const countedAt = h.clock.now.toISOString();
    h.clock.now = new Date(h.clock.now.getTime() + 20 * 60_000);
    await h.stopPeer();

    const offline = await h.api.call('marketing.segments.list', { storeId: STORE_ID });
    expect(offline).toMatchObject({ stale: true, as_of: countedAt });
    expect(offline.segments).toEqual(online.segments);
    expect(offline.segments.find((s) => s.id === saved.id)?.recipients).toBe(saved.recipients);

    const draft = await h.api.call('drafts.save', { storeId: STORE_ID, subject: 'Thank you', templateId: 'd-thanks', listId, segment: `saved:${saved.id}`, body, keepLocal: true });
    const kept = await h.api.call('drafts.get', { id: draft.id });
    expect(kept.draft).toMatchObject({ segment: `saved:${saved.id}`, listId });
    expect(kept.draft.sync.odooId ?? null).toBeNull();
  });

  it('reaches Odoo, once it is back, with the segment as Odoo counts it then', async () => {
    const saved = await h.api.call('marketing.segments.save', { storeId: STORE_ID, name: 'Buyers, not VIP', list_id: listId, rule });
    await h.api.call('marketing.segments.list', { storeId: STORE_ID });
    await h.stopPeer();
    const draft = await h.api.call('drafts.save', { storeId: STORE_ID, subject: 'Thank you', templateId: 'd-thanks', listId, segment: `saved:${saved.id}`, body });

    await h.restartPeer();
    await h.api.call('connectivity.status', { probe: true });
    await h.api.call('drafts.sync', {});
    const { draft: pushed } = await until(() => h.api.call('drafts.get', { id: draft.id }), (d) => d.draft.sync.state === 'synced');
    const campaign = await h.api.call('marketing.campaigns.get', { storeId: STORE_ID, campaignId: String(pushed.campaignId) });
    expect(campaign.audience).toMatchObject({ kind: 'built', rule, list_ids: [listId], recipients: saved.recipients });
    expect(campaign.audience.domain).toBe(saved.domain);
  });
});
