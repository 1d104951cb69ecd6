import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConnectivity, createDraftStore, createDraftSync } from '../../../src/main/core/drafts';
import { createOdooClient, type OdooClient } from '../../../src/main/core/odoo';
import { createOutbox } from '../../../src/main/core/outbox';
import { DEMO_API_KEY, DEMO_DATABASE, DEMO_LOGIN, DEMO_STORE, startOdooPeer } from '../../../src/main/sandbox/odoo';

type Peer = Awaited<ReturnType<typeof startOdooPeer>>;

let work: string;
let peer: Peer;
let port: number;
let odoo: OdooClient;
let listId: number;
const now = () => new Date('2025-03-01T10:00:00Z');

// The peer's clock, moved on by hand: write_date has one-second resolution.
let peerClock = new Date('2025-03-01T10:00:00Z');
const start = (p?: number) => startOdooPeer({ seed: 'demo', contactCount: 40, dataFile: join(work, 'odoo.json'), port: p, now: () => peerClock });
const someoneEditsInOdoo = async (odooId: number, values: Record<string, unknown>) => {
  peerClock = new Date(peerClock.getTime() + 60_000);
  await odoo.write('mailing.mailing', [odooId], values);
};

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'markket-offline-'));
  peer = await start();
  port = peer.port;
  odoo = createOdooClient({ url: peer.url, database: DEMO_DATABASE, login: DEMO_LOGIN, apiKey: DEMO_API_KEY, readRetries: 0, timeoutMs: 3000 }, { sleep: async () => {} });
  const [list] = await odoo.searchRead('mailing.list', [['x_markket_store_id', '=', DEMO_STORE.id]], ['id']);
  listId = Number(list?.id);
});
afterEach(async () => {
  await odoo.close();
  await peer.close();
  await rm(work, { recursive: true, force: true });
});

function services() {
  const drafts = createDraftStore({ dir: join(work, 'drafts'), now });
  const outbox = createOutbox({ dir: join(work, 'outbox'), now });
  const connectivity = createConnectivity({ probe: async () => void (await odoo.version()), intervalMs: 60_000, now });
  const sync = createDraftSync({ odoo, drafts, outbox, connectivity });
  return { drafts, outbox, sync, connectivity };
}

const mailingsOf = (campaignId: string) => odoo.searchRead('mailing.mailing', [['x_markket_campaign_id', '=', campaignId]], ['id', 'subject', 'preview', 'write_date']);

/**
 * A draft synced once, then edited both in Odoo (`theirs`) and here (`ours`) before the next push:
 * the push finds Odoo changed behind the draft's back.
 */
async function conflictingDraft(theirs: Record<string, unknown>, ours: { body?: string } = {}) {
  const { drafts, sync, outbox } = services();
  const draft = await drafts.save({ storeId: DEMO_STORE.id, subject: 'Ours', listId });
  await sync.queue(draft.id);
  await sync.flush();
  const odooId = Number((await drafts.get(draft.id))?.sync.odooId);
  await someoneEditsInOdoo(odooId, theirs);
  await drafts.save({ id: draft.id, storeId: DEMO_STORE.id, subject: 'Ours, edited', listId, ...ours });
  await sync.queue(draft.id);
  const flushed = await sync.flush();
  return { drafts, sync, outbox, draft, odooId, flushed };
}

describe('offline drafting against the Odoo peer', () => {
  it('creates the draft mailing in Odoo, keyed by its campaign id', async () => {
    const { drafts, sync } = services();
    const draft = await drafts.save({ storeId: DEMO_STORE.id, subject: 'Spring sale', previewText: 'Up to 30% off', listId });
    await sync.queue(draft.id);
    expect(await sync.flush()).toMatchObject({ pushed: 1, remaining: 0 });
    const synced = await drafts.get(draft.id);
    expect(synced?.sync.state).toBe('synced');
    const mailings = await mailingsOf(String(synced?.campaignId));
    expect(mailings).toEqual([expect.objectContaining({ id: synced?.sync.odooId, subject: 'Spring sale', preview: 'Up to 30% off' })]);
  });

  it('keeps edits while Odoo is down and pushes them exactly once when it is back', async () => {
    const { drafts, sync, outbox, connectivity } = services();
    const changes: boolean[] = [];
    connectivity.onChange((state) => changes.push(state.online));
    await peer.close();

    const draft = await drafts.save({ storeId: DEMO_STORE.id, subject: 'Offline v1', listId });
    await sync.queue(draft.id);
    const down = await sync.flush();
    expect(down.stoppedBy?.code).toBe('odoo.unreachable');
    await drafts.save({ id: draft.id, storeId: DEMO_STORE.id, subject: 'Offline v2', listId, baseVersion: 1 });
    await sync.queue(draft.id);
    expect(await outbox.list()).toHaveLength(1);
    expect((await drafts.get(draft.id))?.sync.state).toBe('pending');
    expect(connectivity.current().online).toBe(false);

    peer = await start(port);
    expect((await connectivity.check()).online).toBe(true);
    expect(await sync.flush()).toMatchObject({ pushed: 1, remaining: 0 });
    expect(await sync.flush()).toMatchObject({ pushed: 0, remaining: 0 });
    const campaignId = String((await drafts.get(draft.id))?.campaignId);
    expect(await mailingsOf(campaignId)).toEqual([expect.objectContaining({ subject: 'Offline v2' })]);
    expect(changes).toEqual([false, true]);
  });

  it('does not create a second mailing when a push is repeated after Odoo already applied it', async () => {
    const { drafts, sync, outbox } = services();
    const draft = await drafts.save({ storeId: DEMO_STORE.id, subject: 'Once only', listId });
    const item = await sync.queue(draft.id);
    await sync.push(item); // Odoo applied it, but the console "crashed" before removing the item
    await drafts.patchMeta(draft.id, (current) => ({ sync: { state: 'pending' as const, odooId: current.sync.odooId } }));
    await sync.flush();
    expect(await mailingsOf(String((await drafts.get(draft.id))?.campaignId))).toHaveLength(1);
    expect(await outbox.list()).toEqual([]);
  });

  it('surfaces a conflict with both versions when the mailing changed in Odoo, and overwrites nothing', async () => {
    const { drafts, outbox, draft, odooId, flushed } = await conflictingDraft({ subject: 'Theirs' });
    expect(flushed).toMatchObject({ pushed: 0, failed: 1 });
    const conflicted = await drafts.get(draft.id);
    expect(conflicted?.sync).toMatchObject({ state: 'conflict', remote: { subject: 'Theirs', odooId } });
    expect(conflicted?.subject).toBe('Ours, edited');
    const [inOdoo] = await odoo.read('mailing.mailing', [odooId], ['subject']);
    expect(inOdoo?.subject).toBe('Theirs');
    expect((await outbox.list())[0]).toMatchObject({ state: 'failed', lastError: { code: 'conflict' } });
  });

  it('is no conflict when the reply to its own write was lost and Odoo holds exactly the local edit', async () => {
    const { drafts, sync, outbox } = services();
    const draft = await drafts.save({ storeId: DEMO_STORE.id, subject: 'Before the lost reply', listId });
    await sync.queue(draft.id);
    await sync.flush();
    await drafts.save({ id: draft.id, storeId: DEMO_STORE.id, subject: 'Written, reply lost', previewText: 'Odoo has it', listId });
    await sync.queue(draft.id);
    peerClock = new Date(peerClock.getTime() + 60_000);
    peer.faults.dropAfter('mailing.mailing', 'write');
    expect(await sync.flush()).toMatchObject({ pushed: 0 });
    await sync.flush();
    const after = await drafts.get(draft.id);
    expect([after?.sync.state, await outbox.list()]).toEqual(['synced', []]);
    expect(await mailingsOf(String(after?.campaignId))).toEqual([expect.objectContaining({ subject: 'Written, reply lost', preview: 'Odoo has it' })]);
  });

  it('resolves a conflict by keeping the local version, which then overwrites Odoo', async () => {
    const { drafts, sync, outbox, draft, odooId } = await conflictingDraft({ subject: 'Theirs' });

    await sync.resolveConflict(draft.id, 'keep-local');
    expect(await sync.flush()).toMatchObject({ pushed: 1, remaining: 0 });
    const [inOdoo] = await odoo.read('mailing.mailing', [odooId], ['subject']);
    expect(inOdoo?.subject).toBe('Ours, edited');
    expect((await drafts.get(draft.id))?.sync.state).toBe('synced');
    expect(await outbox.list()).toEqual([]);
  });

  it('resolves a conflict by taking the Odoo version into the draft', async () => {
    const theirBody = '<p>Their body, rewritten in Odoo</p><a href="/unsubscribe_from_list">Unsubscribe</a>';
    const { sync, outbox, draft, odooId } = await conflictingDraft(
      { subject: 'Theirs', preview: 'Their preview', body_html: theirBody, email_from: 'Clinic <news@clinic.example>' },
      { body: '<p>Our body</p>' },
    );

    const resolved = await sync.resolveConflict(draft.id, 'take-odoo');
    expect(resolved).toMatchObject({ subject: 'Theirs', previewText: 'Their preview', body: theirBody, emailFrom: 'Clinic <news@clinic.example>', listId, sync: { state: 'synced', odooId } });
    expect(await outbox.list()).toEqual([]);
  });
});
