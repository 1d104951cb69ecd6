import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseRecords } from '../../../src/main/core/odoo';
import { failure, startLocalHarness, storeListId, STORE_ID, type LocalHarness } from './harness';

/**
 * A store owner acting on one subscriber from the drawer, in a HIPAA profile: what Odoo holds
 * afterwards, the refusals a careless click would otherwise cause, and the audit log's entries.
 */
let h: LocalHarness;
let listId: number;

beforeEach(async () => {
  h = await startLocalHarness();
  const { url, database, login, apiKey } = h.odooSettings;
  await h.api.call('profiles.create', {
    name: 'Clinic', kind: 'own-odoo', odoo: { url, database, login, protocol: 'auto' }, storeIds: [STORE_ID],
    hipaa: { enabled: true, idleLockMinutes: 15 }, secrets: { odooApiKey: apiKey }, activate: true,
  });
  listId = await storeListId(h);
});
afterEach(() => h.close());

const Contact = z.object({ id: z.number(), name: z.string(), email: z.string(), tag_ids: z.array(z.number()) });

async function twoSubscribers(): Promise<[z.infer<typeof Contact>, z.infer<typeof Contact>]> {
  const rows = parseRecords(Contact, await h.odoo.searchRead('mailing.contact', [['list_ids', 'in', [listId]]], ['name', 'email', 'tag_ids'], { limit: 2, order: 'id asc' }), 'mailing.contact');
  return [rows[0]!, rows[1]!];
}

describe('acting on one subscriber', () => {
  it('renames, re-addresses and retags a subscriber, writing only what changed, and audits it', async () => {
    const [ana] = await twoSubscribers();
    const result = await h.api.call('marketing.subscribers.update', { storeId: STORE_ID, id: ana.id, name: 'Ana Q. Patient', email: 'ana.new@example.org', tags: { add: ['Flu 2025'], remove: [] } });
    expect(result.changed).toEqual(['name', 'email', 'tags']);
    expect(result.subscriber).toMatchObject({ name: 'Ana Q. Patient', email: 'ana.new@example.org', tags: expect.arrayContaining(['Flu 2025']) });
    const again = await h.api.call('marketing.subscribers.update', { storeId: STORE_ID, id: ana.id, name: 'Ana Q. Patient', tags: { add: ['Flu 2025'], remove: [] } });
    expect(again.changed).toEqual([]);
    const { entries } = await h.api.call('audit.list', { limit: 10 });
    const changes = entries.filter((e) => e.action === 'subscriber.changed');
    expect(changes.map((e) => e.details)).toEqual([{ storeId: STORE_ID, subscriberId: ana.id, changed: ['name', 'email', 'tags'] }]);
    expect(JSON.stringify(changes)).not.toContain('Ana Q. Patient');
  });

  it('refuses an address another of the store’s subscribers already has, as a conflict', async () => {
    const [ana, bo] = await twoSubscribers();
    const error = await failure(h.api.call('marketing.subscribers.update', { storeId: STORE_ID, id: ana.id, email: bo.email.toUpperCase() }));
    expect(error.code).toBe('conflict');
    const [still] = parseRecords(Contact, await h.odoo.read('mailing.contact', [ana.id], ['name', 'email', 'tag_ids']), 'mailing.contact');
    expect(still?.email).toBe(ana.email);
  });

  it('unsubscribes and resubscribes from the store’s list, and blacklists and clears the address', async () => {
    const [ana] = await twoSubscribers();
    expect((await h.api.call('marketing.subscribers.update', { storeId: STORE_ID, id: ana.id, lists: { subscribe: [], unsubscribe: [listId] } })).subscriber.lists).toEqual([expect.objectContaining({ id: listId, opted_out: true })]);
    expect((await h.api.call('marketing.subscribers.update', { storeId: STORE_ID, id: ana.id, lists: { subscribe: [listId], unsubscribe: [] } })).subscriber.lists).toEqual([expect.objectContaining({ id: listId, opted_out: false })]);
    expect((await h.api.call('marketing.subscribers.update', { storeId: STORE_ID, id: ana.id, blacklisted: true })).subscriber.blacklisted).toBe(true);
    expect((await h.api.call('marketing.subscribers.update', { storeId: STORE_ID, id: ana.id, blacklisted: false })).subscriber.blacklisted).toBe(false);
  });

  it('deletes only after the address is typed again, and forgetting clears it from the traces', async () => {
    const [ana] = await twoSubscribers();
    const traces = await h.odoo.searchCount('mailing.trace', [['model', '=', 'mailing.contact'], ['res_id', '=', ana.id]]);
    expect((await failure(h.api.call('marketing.subscribers.delete', { storeId: STORE_ID, id: ana.id, confirm_email: 'someone.else@example.org', forget: true }))).code).toBe('input.invalid');
    const done = await h.api.call('marketing.subscribers.delete', { storeId: STORE_ID, id: ana.id, confirm_email: ana.email, forget: true });
    expect(done).toEqual({ deleted: true, traces_cleared: traces });
    expect(await h.odoo.searchCount('mailing.contact', [['id', '=', ana.id]])).toBe(0);
    expect(await h.odoo.searchCount('mailing.trace', [['email', '=', ana.email]])).toBe(0);
    const { entries } = await h.api.call('audit.list', { limit: 5 });
    expect(entries[0]).toMatchObject({ action: 'subscriber.changed', details: { subscriberId: ana.id, changed: ['forgotten'], tracesCleared: traces } });
  });

  it('keeps the console’s own tags out of reach and other stores’ lists too', async () => {
    const [ana] = await twoSubscribers();
    expect((await failure(h.api.call('marketing.subscribers.update', { storeId: STORE_ID, id: ana.id, tags: { add: [], remove: ['newsletter'] } }))).code).toBe('input.invalid');
    const other = await h.odoo.create('mailing.list', { name: 'Store Z', x_markket_store_id: 'demo-store-z' });
    expect((await failure(h.api.call('marketing.subscribers.update', { storeId: STORE_ID, id: ana.id, lists: { subscribe: [other], unsubscribe: [] } }))).code).toBe('not_found');
  });

  it('records the import’s permission confirmation in the audit log', async () => {
    await h.api.call('subscribers.import', { storeId: STORE_ID, csv: 'Email,First Name,Last Name\nnew.patient@example.org,New,Patient\n', permission: true });
    const { entries } = await h.api.call('audit.list', { limit: 5 });
    expect(entries[0]).toMatchObject({ action: 'subscribers.imported', details: { storeId: STORE_ID, permissionConfirmed: true, rows: 1, counts: expect.objectContaining({ created: 1 }) } });
  });
});
