import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure, startLocalHarness, storeListId, STORE_ID, until, type LocalHarness } from './harness';

let h: LocalHarness;
let listId: number;
beforeEach(async () => {
  h = await startLocalHarness();
  listId = await storeListId(h);
});
afterEach(() => h.close());

const mailingsOf = (campaignId: string) => h.odoo.searchRead('mailing.mailing', [['x_markket_campaign_id', '=', campaignId]], ['id', 'subject']);
const outboxEmpty = () => until(() => h.api.call('outbox.list', {}), (o) => o.items.length === 0);

describe('offline drafting through the console API', () => {
  it('saves drafts while Odoo is down and keeps the change in the outbox', async () => {
    await h.stopPeer();
    const draft = await h.api.call('drafts.save', { storeId: STORE_ID, subject: 'Written on the train', listId });
    expect(draft).toMatchObject({ version: 1, subject: 'Written on the train', sync: { state: 'pending' } });
    const sync = await h.api.call('drafts.sync', {});
    expect(sync.stoppedBy?.code).toBe('odoo.unreachable');
    const { items } = await h.api.call('outbox.list', {});
    expect(items).toEqual([expect.objectContaining({ draftId: draft.id, state: 'pending' })]);
    expect((await h.api.call('connectivity.status', {})).online).toBe(false);
  });

  it('pushes the offline edits exactly once when Odoo is back: one mailing with the latest version', async () => {
    await h.stopPeer();
    const first = await h.api.call('drafts.save', { storeId: STORE_ID, subject: 'Offline v1', listId });
    await h.api.call('drafts.sync', {});
    await h.api.call('drafts.save', { id: first.id, baseVersion: 1, storeId: STORE_ID, subject: 'Offline v2', listId });
    await h.restartPeer();

    await h.api.call('drafts.sync', {});
    await outboxEmpty();
    expect(await h.api.call('drafts.sync', {})).toMatchObject({ pushed: 0, remaining: 0 });
    const { draft } = await h.api.call('drafts.get', { id: first.id });
    expect(draft.sync.state).toBe('synced');
    expect(await mailingsOf(String(draft.campaignId))).toEqual([expect.objectContaining({ subject: 'Offline v2' })]);
  });

  it('refuses a save based on an older version of the draft as a conflict', async () => {
    const draft = await h.api.call('drafts.save', { storeId: STORE_ID, subject: 'First', listId });
    await h.api.call('drafts.save', { id: draft.id, baseVersion: 1, storeId: STORE_ID, subject: 'Second', listId });
    const error = await failure(h.api.call('drafts.save', { id: draft.id, baseVersion: 1, storeId: STORE_ID, subject: 'From a stale window', listId }));
    expect(error.code).toBe('conflict');
  });

  it("shows both versions through drafts.get when the mailing changed in Odoo, and leaves Odoo's version alone", async () => {
    const draft = await h.api.call('drafts.save', { storeId: STORE_ID, subject: 'Ours', listId });
    const synced = await until(() => h.api.call('drafts.get', { id: draft.id }), (d) => d.draft.sync.state === 'synced');
    const odooId = Number(synced.draft.sync.odooId);
    h.peerClock.now = new Date(h.peerClock.now.getTime() + 60_000);
    await h.odoo.write('mailing.mailing', [odooId], { subject: 'Theirs' });

    await h.api.call('drafts.save', { id: draft.id, storeId: STORE_ID, subject: 'Ours, edited', listId });
    await h.api.call('drafts.sync', {});
    const shown = await until(() => h.api.call('drafts.get', { id: draft.id }), (d) => d.draft.sync.state === 'conflict');
    expect(shown.draft.subject).toBe('Ours, edited');
    expect(shown.remote).toMatchObject({ odooId, subject: 'Theirs' });
    expect(shown.outbox).toEqual([expect.objectContaining({ state: 'failed', lastError: expect.objectContaining({ code: 'conflict' }) })]);
    const [inOdoo] = await h.odoo.read('mailing.mailing', [odooId], ['subject']);
    expect(inOdoo?.subject).toBe('Theirs');
  });

  it('refuses to send a campaign while Odoo cannot be reached, with code offline, and queues nothing', async () => {
    const created = await h.api.call('marketing.campaigns.create', { storeId: STORE_ID, subject: 'Flash sale', sendgrid_template_id: 'd-flash', list_id: listId });
    await h.stopPeer();
    const error = await failure(h.api.call('marketing.campaigns.send', { storeId: STORE_ID, campaignId: created.campaign_id }));
    expect(error.code).toBe('offline');
    expect(error.message).toMatch(/Sending needs a live connection to Odoo/);
    expect((await h.api.call('outbox.list', {})).items).toEqual([]);
    await h.restartPeer();
    const [mailing] = await h.odoo.read('mailing.mailing', [created.odoo_campaign_id], ['state']);
    expect(mailing?.state).toBe('draft');
  });

  it('answers the lists from the offline cache, marked stale as of when they were fetched', async () => {
    const fresh = await h.api.call('marketing.lists', { storeId: STORE_ID });
    expect(fresh.stale).toBeUndefined();
    const fetchedAt = h.clock.now.toISOString();
    h.clock.now = new Date(h.clock.now.getTime() + 3_600_000);
    await h.stopPeer();
    const cached = await h.api.call('marketing.lists', { storeId: STORE_ID });
    expect(cached).toEqual({ lists: fresh.lists, stale: true, as_of: fetchedAt });
  });
});
