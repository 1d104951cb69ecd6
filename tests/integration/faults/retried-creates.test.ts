import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fault } from '../../support/fault-proxy';
import { failure, startFaultHarness, STORE_ID, type FaultHarness } from './harness';

/**
 * Every create the console's screens make, when Odoo made the record but its answer was lost on
 * the way back (issue 13, retry): the person's second click — the same request again — must find
 * that record, never make a second one.
 */
const LOST_ANSWER: Fault[] = ['drop-after', '5xx-after', 'truncated-after'];

let h: FaultHarness;
let listId: number;
let serial = 0;

beforeAll(async () => {
  h = await startFaultHarness();
  listId = (await h.api.call('marketing.lists', { storeId: STORE_ID })).lists[0]!.id;
  // The newsletter extension the subscriber screens run through exists before the faults start.
  await h.api.call('subscribers.add', { storeId: STORE_ID, email: 'first.signup@example.com', list_id: listId });
}, 60_000);
afterAll(async () => h?.close());

const contactsWith = (email: string) => h.odoo.searchCount('mailing.contact', [['email', '=ilike', email]]);

describe('adding one subscriber when the answer to the create is lost', () => {
  it.each(LOST_ANSWER)('%s: the retry finds the contact Odoo made, and Odoo holds one', async (fault) => {
    await h.calm();
    const email = `lost.answer.${++serial}@example.com`;
    h.proxy.inject(fault, { model: 'mailing.contact', method: 'create' });
    await failure(h.api.call('subscribers.add', { storeId: STORE_ID, email, name: 'Lost Answer', list_id: listId }));
    expect(await contactsWith(email)).toBe(1);

    await h.calm();
    const retried = await h.api.call('subscribers.add', { storeId: STORE_ID, email, name: 'Lost Answer', list_id: listId });
    expect(['unchanged', 'updated']).toContain(retried.row.outcome);
    expect(await contactsWith(email)).toBe(1);
  });
});

describe('importing subscribers when the answer to the create is lost', () => {
  it.each(LOST_ANSWER)('%s: importing the same file again makes each contact once', async (fault) => {
    await h.calm();
    const n = ++serial;
    const emails = [`import.${n}.a@example.com`, `import.${n}.b@example.com`, `import.${n}.c@example.com`];
    const csv = `email,name\n${emails.map((e, i) => `${e},Person ${i}`).join('\n')}\n`;
    h.proxy.inject(fault, { model: 'mailing.contact', method: 'create' });
    await failure(h.api.call('subscribers.import', { storeId: STORE_ID, csv, permission: true, list_id: listId }));

    await h.calm();
    const again = await h.api.call('subscribers.import', { storeId: STORE_ID, csv, permission: true, list_id: listId });
    expect(again.rows.filter((r) => r.outcome === 'invalid' || r.outcome === 'skipped')).toEqual([]);
    expect(await Promise.all(emails.map(contactsWith))).toEqual([1, 1, 1]);
  });
});

describe('saving a new campaign to Odoo when the answer to the create is lost', () => {
  it.each(LOST_ANSWER)('%s: saving again updates the mailing Odoo made, and Odoo holds one', async (fault) => {
    await h.calm();
    const subject = `Saved once ${++serial}`;
    const draft = await h.api.call('drafts.save', { storeId: STORE_ID, subject, listId, segment: 'all', keepLocal: true });
    h.proxy.inject(fault, { model: 'mailing.mailing', method: 'create' });
    await h.api.call('drafts.save', { id: draft.id, baseVersion: draft.version, storeId: STORE_ID, subject, listId, segment: 'all', keepLocal: false });
    await h.api.call('drafts.sync', {});

    await h.calm();
    await h.api.call('drafts.sync', {});
    const synced = await h.api.call('drafts.get', { id: draft.id });
    expect(synced.draft.sync.state).toBe('synced');
    expect(await h.odoo.searchCount('mailing.mailing', [['subject', '=', subject]])).toBe(1);
  });
});

describe('saving a draft on this computer when the answer to the save is lost', () => {
  it('a new draft saved again under the id the editor chose for it stays one draft', async () => {
    const id = '6f1c1b1e-5b7a-4c59-9d7e-13a000000001';
    const content = { storeId: STORE_ID, subject: 'Chosen id', listId, segment: 'all' as const, keepLocal: true };
    await h.api.call('drafts.save', { id, ...content });
    const again = await h.api.call('drafts.save', { id, ...content });
    const mine = (await h.api.call('drafts.list', { storeId: STORE_ID })).drafts.filter((d) => d.subject === 'Chosen id');
    expect(mine.map((d) => d.id)).toEqual([again.id]);
  });

  it('the same edit repeated from the version the editor still knows is not a conflict and makes no new version', async () => {
    const content = { storeId: STORE_ID, listId, segment: 'all' as const, keepLocal: true };
    const draft = await h.api.call('drafts.save', { ...content, subject: 'Before the edit' });
    const edited = await h.api.call('drafts.save', { id: draft.id, baseVersion: draft.version, ...content, subject: 'The edit' });
    const repeated = await h.api.call('drafts.save', { id: draft.id, baseVersion: draft.version, ...content, subject: 'The edit' });
    expect(repeated.version).toBe(edited.version);
    // A different edit from that old version is still a real conflict: another window saved since.
    const other = await failure(h.api.call('drafts.save', { id: draft.id, baseVersion: draft.version, ...content, subject: 'Another edit' }));
    expect(other.code).toBe('conflict');
  });
});
