import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOdooClient, type OdooClient } from '../../../../src/main/core/odoo';
import { runSetup } from '../../../../src/main/core/setup/setup';
import { addStoreOwner } from '../../../../src/main/core/setup/store-owners';
import { DEMO_API_KEY, DEMO_DATABASE, DEMO_LOGIN, DEMO_STORE, DEMO_STORE_B, DEMO_STORE_OWNERS, startOdooPeer, type OdooPeer } from '../../../../src/main/sandbox/odoo';
import { executeKw, json2 } from './helpers';

const [OWNER_A] = DEMO_STORE_OWNERS;
const A = DEMO_STORE.id;
const B = DEMO_STORE_B.id;

/** Where each model keeps its store: the path the console and the rules both use. */
const STORE_PATH: Record<string, string> = {
  'mailing.list': 'x_markket_store_id',
  'mailing.contact': 'x_markket_store_id',
  'mailing.mailing': 'x_markket_store_id',
  'mailing.subscription': 'list_id.x_markket_store_id',
  'mailing.trace': 'mass_mailing_id.x_markket_store_id',
  'link.tracker': 'mass_mailing_id.x_markket_store_id',
  'link.tracker.click': 'mass_mailing_id.x_markket_store_id',
  'res.partner.category': 'x_markket_store_id',
  'mailing.filter': 'x_markket_store_id',
};

/** What an owner could otherwise move out of their store with one write (Odoo checks writes before). */
const KEPT_IN_STORE = ['mailing.list', 'mailing.contact', 'res.partner.category', 'mailing.filter'];

type Raw = { ok: true; result: unknown } | { ok: false; name: string; message: string; status?: number };

/** One raw call as store A's owner, over the protocol under test: no console in between. */
type Caller = (model: string, method: string, ids: number[] | null, kwargs: Record<string, unknown>) => Promise<Raw>;

function jsonRpcCaller(peer: OdooPeer): Caller {
  return async (model, method, ids, kwargs) => {
    const answer = await executeKw(peer, model, method, ids === null ? [] : [ids], kwargs, { uid: OWNER_A!.uid, secret: OWNER_A!.apiKey });
    return answer.error ? { ok: false, name: answer.error.data.name, message: answer.error.data.message } : { ok: true, result: answer.result };
  };
}

function json2Caller(peer: OdooPeer): Caller {
  return async (model, method, ids, kwargs) => {
    const answer = await json2(peer, model, method, { ...(ids === null ? {} : { ids }), ...kwargs }, { Authorization: `bearer ${OWNER_A!.apiKey}` });
    if (answer.status === 200) return { ok: true, result: answer.body };
    const body = answer.body as { name: string; message: string };
    return { ok: false, name: body.name, message: body.message, status: answer.status };
  };
}

async function isolatedPeer(version: '18.0' | '19.0'): Promise<{ peer: OdooPeer; admin: OdooClient }> {
  const peer = await startOdooPeer({ version, seed: 'demo', contactCount: 200, autoProcessQueue: false });
  const admin = createOdooClient({ url: peer.url, database: DEMO_DATABASE, login: DEMO_LOGIN, apiKey: DEMO_API_KEY });
  const report = await runSetup(admin, { storeId: A, storeName: DEMO_STORE.name, apply: true, isolate: true });
  expect(report.steps.find((s) => s.id === 'isolate')?.status).toMatch(/created|ok/);
  for (const owner of DEMO_STORE_OWNERS) {
    await addStoreOwner(admin, { storeId: owner.store.id, storeName: owner.store.name, login: owner.login, name: owner.name, email: owner.email, odooUrl: peer.url, database: DEMO_DATABASE, invite: false });
  }
  // A saved segment (favourite filter) of each store, as staff would save one for it.
  const [contacts] = await admin.search('ir.model', [['model', '=', 'mailing.contact']]);
  for (const store of [A, B]) await admin.create('mailing.filter', { name: `VIPs of ${store}`, mailing_domain: "[('tag_ids.name', '=', 'vip')]", mailing_model_id: contacts!, x_markket_store_id: store });
  return { peer, admin };
}

describe.each([
  { protocol: 'JSON-RPC', version: '18.0' as const, caller: jsonRpcCaller },
  { protocol: 'JSON-2', version: '19.0' as const, caller: json2Caller },
])("store A's owner key over $protocol, with the isolation rules in place", ({ version, caller }) => {
  let peer: OdooPeer;
  let admin: OdooClient;
  let call: Caller;
  const storeB: Record<string, number[]> = {};

  beforeAll(async () => {
    ({ peer, admin } = await isolatedPeer(version));
    call = caller(peer);
    for (const [model, path] of Object.entries(STORE_PATH)) storeB[model] = await admin.search(model, [[path, '=', B]], { context: { active_test: false } });
  });
  afterAll(async () => {
    await admin.close();
    await peer.close();
  });

  const ok = (answer: Raw): unknown => {
    if (!answer.ok) throw new Error(`${answer.name}: ${answer.message}`);
    return answer.result;
  };

  it.each(Object.keys(STORE_PATH))('search_read and search_count on %s see exactly store A', async (model) => {
    const path = STORE_PATH[model]!;
    const expected = await admin.search(model, [[path, '=', A]], { order: 'id asc' });
    expect(storeB[model]!.length).toBeGreaterThan(0);
    const rows = ok(await call(model, 'search_read', null, { domain: [], fields: ['id'], order: 'id asc' })) as { id: number }[];
    expect(rows.map((r) => r.id)).toEqual(expected);
    expect(ok(await call(model, 'search_count', null, { domain: [] }))).toBe(expected.length);
  });

  it('read_group counts only store A, also when grouped by the store', async () => {
    const groups = ok(await call('mailing.contact', 'read_group', null, { domain: [], fields: ['x_markket_store_id'], groupby: ['x_markket_store_id'], lazy: false })) as { x_markket_store_id: string; __count: number }[];
    expect(groups).toEqual([expect.objectContaining({ x_markket_store_id: A, __count: await admin.searchCount('mailing.contact', [['x_markket_store_id', '=', A]]) })]);
    const byStatus = ok(await call('mailing.trace', 'read_group', null, { domain: [], fields: ['trace_status'], groupby: ['trace_status'], lazy: false })) as { __count: number }[];
    expect(byStatus.reduce((n, g) => n + g.__count, 0)).toBe(await admin.searchCount('mailing.trace', [['mass_mailing_id.x_markket_store_id', '=', A]]));
  });

  it("reading a store B record by id is Odoo's AccessError", async () => {
    const answer = await call('mailing.contact', 'read', [storeB['mailing.contact']![0]!], { fields: ['email'] });
    expect(answer).toMatchObject({ ok: false, name: 'odoo.exceptions.AccessError' });
    expect(answer.ok ? '' : answer.message).toBe(
      `Uh-oh! Looks like you have stumbled upon some top-secret records.\n\nSorry, ${OWNER_A!.name} (id=${OWNER_A!.uid}) doesn't have 'read' access to:\n- Mailing Contact (mailing.contact)\n\nIf you really, really need access, perhaps you can win over your friendly administrator with a batch of freshly baked cookies.`,
    );
  });

  it('writing or deleting store B records fails with AccessError and changes nothing', async () => {
    const listB = storeB['mailing.list']![0]!;
    const write = await call('mailing.list', 'write', [listB], { vals: { name: 'Taken over' } });
    expect(write).toMatchObject({ ok: false, name: 'odoo.exceptions.AccessError' });
    expect(write.ok ? '' : write.message).toContain("doesn't have 'write' access to:\n- Mailing List (mailing.list)");
    const unlink = await call('mailing.contact', 'unlink', storeB['mailing.contact']!.slice(0, 2), {});
    expect(unlink).toMatchObject({ ok: false, name: 'odoo.exceptions.AccessError' });
    expect(await admin.read('mailing.list', [listB], ['name'])).toEqual([{ id: listB, name: 'Store B - Newsletter' }]);
    expect(await admin.search('mailing.contact', [['id', 'in', storeB['mailing.contact']!.slice(0, 2)]])).toHaveLength(2);
  });

  it("creating with store B's id, or a mailing to store B's list, fails with AccessError and leaves nothing behind", async () => {
    const before = await admin.searchCount('mailing.contact', [['email', '=', 'intruder@example.com']]);
    const contact = await call('mailing.contact', 'create', null, { vals_list: [{ name: 'Intruder', email: 'intruder@example.com', x_markket_store_id: B }] });
    expect(contact).toMatchObject({ ok: false, name: 'odoo.exceptions.AccessError' });
    expect(contact.ok ? '' : contact.message).toContain("doesn't have 'create' access to:");
    expect(await admin.searchCount('mailing.contact', [['email', '=', 'intruder@example.com']])).toBe(before);
    const listA = (await admin.search('mailing.list', [['x_markket_store_id', '=', A]]))[0]!;
    const mailing = await call('mailing.mailing', 'create', null, { vals_list: [{ subject: 'To both stores', contact_list_ids: [[6, 0, [listA, storeB['mailing.list']![0]!]]] }] });
    expect(mailing).toMatchObject({ ok: false, name: 'odoo.exceptions.AccessError' });
    expect(await admin.searchCount('mailing.mailing', [['subject', '=', 'To both stores']])).toBe(0);
  });

  const mailingOfA = async (state: string): Promise<{ id: number; lists: number[]; domain: string }> => {
    const [row] = await admin.searchRead('mailing.mailing', [['x_markket_store_id', '=', A], ['state', '=', state]], ['contact_list_ids', 'mailing_domain'], { limit: 1, order: 'id asc' });
    return { id: row!.id as number, lists: row!.contact_list_ids as number[], domain: row!.mailing_domain as string };
  };
  const refused = (answer: Raw, text: string): void => {
    expect(answer).toMatchObject({ ok: false, name: 'odoo.exceptions.UserError' });
    expect(answer.ok ? '' : answer.message).toContain(text);
  };

  it("one write that repoints the owner's draft at store B's list and queues it is refused, and Odoo's queue has nothing to send", async () => {
    const draft = await mailingOfA('draft');
    const listB = storeB['mailing.list']![0]!;
    const queued = await admin.search('mailing.mailing', [['state', 'in', ['in_queue', 'sending']]]);
    refused(await call('mailing.mailing', 'write', [draft.id], { vals: { contact_list_ids: [[6, 0, [listB]]], state: 'in_queue' } }), "another store's mailing list");
    refused(await call('mailing.mailing', 'write', [draft.id], { vals: { contact_list_ids: [[4, listB]] } }), "another store's mailing list");
    expect(await admin.read('mailing.mailing', [draft.id], ['contact_list_ids', 'state', 'mailing_domain'])).toEqual([{ id: draft.id, contact_list_ids: draft.lists, state: 'draft', mailing_domain: draft.domain }]);
    expect(await admin.search('mailing.mailing', [['state', 'in', ['in_queue', 'sending']]])).toEqual(queued);
  });

  it("a domain that reaches past the owner's lists, another model or another store is refused on create and on write", async () => {
    const draft = await mailingOfA('draft');
    const [partnerModel] = await admin.search('ir.model', [['model', '=', 'res.partner']]);
    for (const [vals, text] of [
      [{ mailing_domain: '[]' }, 'contacts of another store'],
      [{ mailing_domain: `[('x_markket_store_id', '=', '${B}')]` }, 'contacts of another store'],
      [{ mailing_model_id: partnerModel!, mailing_domain: '[]', state: 'in_queue' }, "go to your store's mailing lists"],
      [{ x_markket_store_id: B }, "belong to your store"],
    ] as const) {
      refused(await call('mailing.mailing', 'write', [draft.id], { vals }), text);
    }
    expect(await admin.read('mailing.mailing', [draft.id], ['mailing_domain', 'state', 'x_markket_store_id'])).toEqual([{ id: draft.id, mailing_domain: draft.domain, state: 'draft', x_markket_store_id: A }]);
    const created = await call('mailing.mailing', 'create', null, { vals_list: [{ subject: 'Everyone on Markket', contact_list_ids: [[6, 0, draft.lists]], mailing_domain: '[]' }] });
    refused(created, 'contacts of another store');
    expect(await admin.searchCount('mailing.mailing', [['subject', '=', 'Everyone on Markket']])).toBe(0);
  });

  it('a mailing of the store, to its lists, over them, is made and queued as before', async () => {
    const draft = await mailingOfA('draft');
    const domain = `[('list_ids', 'in', [${draft.lists.join(', ')}]), ('tag_ids.name', '=', 'vip')]`;
    const [id] = ok(await call('mailing.mailing', 'create', null, { vals_list: [{ subject: `Owner's own ${version}`, contact_list_ids: [[6, 0, draft.lists]], mailing_domain: domain }] })) as number[];
    ok(await call('mailing.mailing', 'action_put_in_queue', [id!], {}));
    expect(await admin.read('mailing.mailing', [id!], ['state', 'x_markket_store_id'])).toEqual([{ id, state: 'in_queue', x_markket_store_id: A }]);
    await admin.write('mailing.mailing', [id!], { state: 'draft' });
  });

  it("a sent mailing that staff point at store B's list is out of the owner's reach, and so are its traces", async () => {
    const sentA = (await mailingOfA('done')).id;
    const traces = await admin.search('mailing.trace', [['mass_mailing_id', '=', sentA]]);
    expect(traces.length).toBeGreaterThan(0);
    const lists = (await admin.read('mailing.mailing', [sentA], ['contact_list_ids']))[0]!.contact_list_ids as number[];
    await admin.write('mailing.mailing', [sentA], { contact_list_ids: [[6, 0, [storeB['mailing.list']![0]!]]] });
    // Store B's addresses on its traces stay hidden; the mailing can no longer be read, changed or sent.
    expect(ok(await call('mailing.trace', 'search_count', null, { domain: [['mass_mailing_id', '=', sentA]] }))).toBe(0);
    expect(await call('mailing.trace', 'read', [traces[0]!], { fields: ['email'] })).toMatchObject({ ok: false, name: 'odoo.exceptions.AccessError' });
    for (const [method, kwargs] of [['read', { fields: ['subject'] }], ['write', { vals: { subject: 'Again' } }], ['action_launch', {}]] as const) {
      expect(await call('mailing.mailing', method, [sentA], kwargs)).toMatchObject({ ok: false, name: 'odoo.exceptions.AccessError' });
    }
    await admin.write('mailing.mailing', [sentA], { contact_list_ids: [[6, 0, lists]] });
    expect(ok(await call('mailing.trace', 'search_count', null, { domain: [['mass_mailing_id', '=', sentA]] }))).toBe(traces.length);
  });

  it("what the owner creates without a store id gets the owner's store (ir.default) and stays theirs", async () => {
    const created = ok(await call('res.partner.category', 'create', null, { vals_list: [{ name: `owner-tag-${version}` }] })) as number[];
    expect(await admin.read('res.partner.category', created, ['x_markket_store_id'])).toEqual([{ id: created[0], x_markket_store_id: A }]);
    const [contacts] = await admin.search('ir.model', [['model', '=', 'mailing.contact']]);
    const segment = ok(await call('mailing.filter', 'create', null, { vals_list: [{ name: `owner-segment-${version}`, mailing_domain: '[]', mailing_model_id: contacts }] })) as number[];
    expect(await admin.read('mailing.filter', segment, ['x_markket_store_id'])).toEqual([{ id: segment[0], x_markket_store_id: A }]);
  });

  it.each(KEPT_IN_STORE)("moving the owner's own %s to store B, or out of every store, is refused and changes nothing", async (model) => {
    const [own] = await admin.search(model, [['x_markket_store_id', '=', A]], { limit: 1, order: 'id asc' });
    for (const store of [B, false, '']) {
      refused(await call(model, 'write', [own!], { vals: { x_markket_store_id: store, name: 'Moved' } }), 'stays in your store. Ask your Odoo administrator to move it to another store.');
    }
    expect(await admin.read(model, [own!], ['x_markket_store_id'])).toEqual([{ id: own, x_markket_store_id: A }]);
    // The same record's other fields stay the owner's to change.
    const [before] = await admin.read(model, [own!], ['name']);
    ok(await call(model, 'write', [own!], { vals: { name: `${String(before!.name)} (renamed)` } }));
    await admin.write(model, [own!], { name: before!.name });
  });

  it('sees that a contact is blacklisted without reading the platform-wide blacklist', async () => {
    const blacklisted = await admin.searchRead('mailing.contact', [['x_markket_store_id', '=', A], ['is_blacklisted', '=', true]], ['id'], { limit: 1 });
    expect(blacklisted.length).toBe(1);
    const rows = ok(await call('mailing.contact', 'read', [blacklisted[0]!.id as number], { fields: ['is_blacklisted'] }));
    expect(rows).toEqual([{ id: blacklisted[0]!.id, is_blacklisted: true }]);
    expect(ok(await call('mail.blacklist', 'search_count', null, { domain: [] }))).toBe(0);
  });

  it('may add an address to the platform blacklist, but not read, change or remove an entry', async () => {
    const email = `spam-report-${version}@example.com`;
    const [id] = ok(await call('mail.blacklist', 'create', null, { vals_list: [{ email }] })) as number[];
    expect(await admin.searchRead('mail.blacklist', [['email', '=', email]], ['active'])).toEqual([{ id, active: true }]);
    // Odoo's create answers the existing entry for an address already listed: adding twice is harmless.
    expect(ok(await call('mail.blacklist', 'create', null, { vals_list: [{ email }] }))).toEqual([id]);
    for (const [method, kwargs] of [['read', { fields: ['email'] }], ['write', { vals: { active: false } }], ['unlink', {}]] as const) {
      expect(await call('mail.blacklist', method, [id!], kwargs)).toMatchObject({ ok: false, name: 'odoo.exceptions.AccessError' });
    }
    expect(await admin.searchRead('mail.blacklist', [['email', '=', email]], ['active'])).toEqual([{ id, active: true }]);
  });

  it('may not create fields, rules or users: those need an administrator', async () => {
    for (const [model, vals] of [['ir.model.fields', { name: 'x_sneaky', model_id: 1, field_description: 'x', ttype: 'char' }], ['ir.rule', { name: 'open', model_id: 1 }], ['res.users', { name: 'x', login: 'x' }]] as const) {
      expect(await call(model, 'create', null, { vals_list: [vals] })).toMatchObject({ ok: false, name: 'odoo.exceptions.AccessError' });
    }
  });
});
