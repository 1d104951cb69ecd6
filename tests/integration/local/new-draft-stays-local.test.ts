import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLocalHarness, storeListId, STORE_ID, until, type LocalHarness } from './harness';

/**
 * Issue 10, item 4 (ghost drafts): a new campaign being written stays on this computer until the
 * person saves it to Odoo or reviews it. Abandoned, it leaves nothing in Odoo.
 */
let h: LocalHarness;
let listId: number;
beforeEach(async () => {
  h = await startLocalHarness();
  listId = await storeListId(h);
});
afterEach(() => h.close());

const mailingsNamed = (subject: string) => h.odoo.searchCount('mailing.mailing', [['subject', '=', subject]]);

describe('a new campaign written in the editor', () => {
  it('reaches no Odoo mailing while it is being written, even after a sync', async () => {
    let draft = await h.api.call('drafts.save', { storeId: STORE_ID, subject: 'Half an id', listId, segment: 'all', keepLocal: true });
    draft = await h.api.call('drafts.save', { id: draft.id, baseVersion: draft.version, storeId: STORE_ID, subject: 'Half an idea', listId, segment: 'all', keepLocal: true });
    await h.api.call('drafts.sync', {});
    expect(draft.sync.state).toBe('local');
    expect(draft.campaignId).toBeUndefined();
    expect(await h.api.call('outbox.list', {})).toEqual({ items: [] });
    expect(await mailingsNamed('Half an idea')).toBe(0);

    // Deleted before it was ever saved to Odoo: nothing anywhere.
    await h.api.call('drafts.delete', { id: draft.id });
    expect(await mailingsNamed('Half an idea')).toBe(0);
  });

  it('goes to Odoo once saved there, and its later edits follow it even when the editor keeps writing locally', async () => {
    const draft = await h.api.call('drafts.save', { storeId: STORE_ID, subject: 'Autumn', listId, segment: 'buyers', keepLocal: true });
    const saved = await h.api.call('drafts.save', { id: draft.id, baseVersion: draft.version, storeId: STORE_ID, subject: 'Autumn', listId, segment: 'buyers', keepLocal: false });
    expect(saved.campaignId).toMatch(/^camp_/);
    await h.api.call('drafts.sync', {});
    await until(() => h.api.call('drafts.get', { id: draft.id }), (d) => d.draft.sync.state === 'synced');
    expect(await mailingsNamed('Autumn')).toBe(1);

    const edited = await h.api.call('drafts.save', { id: draft.id, baseVersion: saved.version, storeId: STORE_ID, subject: 'Autumn sale', listId, segment: 'buyers', keepLocal: true });
    expect(edited.sync.state).toBe('pending');
    await h.api.call('drafts.sync', {});
    await until(() => h.api.call('drafts.get', { id: draft.id }), (d) => d.draft.sync.state === 'synced');
    expect(await mailingsNamed('Autumn sale')).toBe(1);
    expect(await mailingsNamed('Autumn')).toBe(0);
  });
});
