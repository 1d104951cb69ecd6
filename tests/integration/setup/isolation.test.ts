import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOdooClient, countingClient, type OdooClient } from '../../../src/main/core/odoo';
import { runSetup } from '../../../src/main/core/setup/setup';
import { storeRules, STORE_OWNER_GROUP } from '../../../src/main/core/setup/isolation';
import { addStoreOwner } from '../../../src/main/core/setup/store-owners';
import { MAILING_GUARD_CODE, MAILING_GUARD_NAME } from '../../../src/main/core/setup/mailing-guard';
import { KEEP_IN_STORE_GUARDS } from '../../../src/main/core/setup/keep-in-store';
import { ruleDomain } from '../../../src/main/core/marketing/audience/builder';
import { toPythonDomain } from '../../../src/main/core/marketing/segments';
import { createSegments } from '../../../src/main/core/marketing/audience/saved';
import { DEMO_API_KEY, DEMO_DATABASE, DEMO_LOGIN, startOdooPeer, type OdooPeer } from '../../../src/main/sandbox/odoo';

const WRITES = new Set(['create', 'write', 'unlink', 'action_reset_password']);

describe('Odoo setup: "Isolate stores" and "Add a store owner" on an empty Odoo', () => {
  let peer: OdooPeer;
  let odoo: OdooClient;
  const request = { storeId: 'store-new', storeName: 'New Store', isolate: true };
  const owner = { storeId: 'store-new', storeName: 'New Store', login: 'owner@new-store.example.com', name: 'New Store Owner', email: 'owner@new-store.example.com', database: DEMO_DATABASE, invite: false };

  beforeAll(async () => {
    peer = await startOdooPeer({ seed: 'empty', autoProcessQueue: false });
    odoo = createOdooClient({ url: peer.url, database: DEMO_DATABASE, login: DEMO_LOGIN, apiKey: DEMO_API_KEY });
  });
  afterAll(async () => {
    await odoo.close();
    await peer.close();
  });

  it('only reports the isolation as missing when checking, writing nothing', async () => {
    const counting = countingClient(odoo);
    const report = await runSetup(counting.client, { ...request, apply: false });
    expect(report.steps.find((s) => s.id === 'isolate')).toMatchObject({ status: 'skipped' });
    expect(counting.calls().filter((c) => WRITES.has(c.method))).toEqual([]);
  });

  it('creates the store fields, the group and one rule per model, then a second run changes nothing', async () => {
    const first = await runSetup(odoo, { ...request, apply: true });
    expect(first.steps.find((s) => s.id === 'isolate')).toMatchObject({ status: 'created' });
    const groups = await odoo.searchRead('res.groups', [['name', '=', STORE_OWNER_GROUP]], ['implied_ids']);
    const [mailingUser] = await odoo.searchRead('ir.model.data', [['module', '=', 'mass_mailing'], ['name', '=', 'group_mass_mailing_user']], ['res_id']);
    expect(groups).toEqual([{ id: expect.any(Number), implied_ids: [mailingUser!.res_id] }]);
    const rules = await odoo.searchRead('ir.rule', [['groups', 'in', [groups[0]!.id as number]]], ['name', 'domain_force']);
    expect(rules.map((r) => r.domain_force).sort()).toEqual(storeRules('mailing.subscription').map((r) => r.domain).sort());
    // Automation Rules was installed, and it checks every saved mailing with the guard's code.
    expect(await odoo.searchRead('ir.module.module', [['name', '=', 'base_automation']], ['state'])).toEqual([{ id: expect.any(Number), state: 'installed' }]);
    const [guard] = await odoo.searchRead('base.automation', [['name', '=', MAILING_GUARD_NAME]], ['trigger', 'model_id', 'action_server_ids']);
    expect(guard).toMatchObject({ trigger: 'on_create_or_write', model_id: [expect.any(Number), expect.any(String)] });
    expect(await odoo.read('ir.actions.server', guard!.action_server_ids as number[], ['state', 'code'])).toEqual([{ id: expect.any(Number), state: 'code', code: MAILING_GUARD_CODE }]);
    // Lists, contacts, tags and saved segments each keep a rule that holds them in their store.
    const kept = await odoo.searchRead('base.automation', [['name', 'in', KEEP_IN_STORE_GUARDS.map((g) => g.name)]], ['model_name', 'trigger'], { order: 'id asc' });
    expect(kept).toEqual(KEEP_IN_STORE_GUARDS.map((g) => ({ id: expect.any(Number), model_name: g.model, trigger: 'on_create_or_write' })));

    const counting = countingClient(odoo);
    const second = await runSetup(counting.client, { ...request, apply: true });
    expect(second.steps.find((s) => s.id === 'isolate')).toMatchObject({ status: 'ok' });
    expect(counting.calls().filter((c) => WRITES.has(c.method))).toEqual([]);
  });

  it('puts back a rule someone loosened in Odoo', async () => {
    const [rule] = await odoo.searchRead('ir.rule', [['model_id.model', '=', 'mailing.contact'], ['name', 'like', 'Markket store owner']], ['id']);
    await odoo.write('ir.rule', [rule!.id as number], { domain_force: '[(1, "=", 1)]', perm_read: false });
    const report = await runSetup(odoo, { ...request, apply: true });
    expect(report.steps.find((s) => s.id === 'isolate')).toMatchObject({ status: 'updated' });
    const [fixed] = await odoo.read('ir.rule', [rule!.id as number], ['domain_force', 'perm_read']);
    expect(fixed).toMatchObject({ domain_force: storeRules('mailing.subscription').find((r) => r.model === 'mailing.contact')!.domain, perm_read: true });
  });

  it('puts back the mailing guard someone narrowed or edited in Odoo', async () => {
    const [guard] = await odoo.searchRead('base.automation', [['name', '=', MAILING_GUARD_NAME]], ['action_server_ids']);
    const [actionId] = guard!.action_server_ids as number[];
    await odoo.write('base.automation', [guard!.id as number], { filter_domain: "[('state', '=', 'draft')]", active: false });
    await odoo.write('ir.actions.server', [actionId!], { code: 'pass' });
    const report = await runSetup(odoo, { ...request, apply: true });
    expect(report.steps.find((s) => s.id === 'isolate')).toMatchObject({ status: 'updated' });
    expect(await odoo.read('base.automation', [guard!.id as number], ['filter_domain', 'active', 'action_server_ids'])).toEqual([{ id: guard!.id, filter_domain: false, active: true, action_server_ids: [actionId] }]);
    expect(await odoo.read('ir.actions.server', [actionId!], ['code'])).toEqual([{ id: actionId, code: MAILING_GUARD_CODE }]);
  });

  it('turns the blacklist rule an earlier setup made (closed to create too) into the add-only rule, in place', async () => {
    const [rule] = await odoo.searchRead('ir.rule', [['model_id.model', '=', 'mail.blacklist'], ['name', 'like', 'Markket store owner']], ['id']);
    await odoo.write('ir.rule', [rule!.id as number], { name: 'Markket store owner: no access to the platform blacklist', perm_create: true });
    const before = await odoo.searchCount('ir.rule', []);
    const report = await runSetup(odoo, { ...request, apply: true });
    expect(report.steps.find((s) => s.id === 'isolate')).toMatchObject({ status: 'updated' });
    expect(await odoo.read('ir.rule', [rule!.id as number], ['name', 'perm_read', 'perm_write', 'perm_create', 'perm_unlink'])).toEqual([
      { id: rule!.id, name: 'Markket store owner: platform blacklist, add only', perm_read: true, perm_write: true, perm_create: false, perm_unlink: true },
    ]);
    expect(await odoo.searchCount('ir.rule', [])).toBe(before);
  });

  it("gives a saved segment built on the store's list the store, and leaves any other filter to staff", async () => {
    const [list] = await odoo.search('mailing.list', [['x_markket_store_id', '=', 'store-new']]);
    const [contacts] = await odoo.search('ir.model', [['model', '=', 'mailing.contact']]);
    const built = toPythonDomain(ruleDomain({ match: 'all', conditions: [{ type: 'tag', has: true, tag: 'vip' }] }, list!));
    const ofStore = await odoo.create('mailing.filter', { name: 'VIPs', mailing_domain: built, mailing_model_id: contacts! });
    const other = await odoo.create('mailing.filter', { name: 'Everyone', mailing_domain: '[]', mailing_model_id: contacts! });
    const report = await runSetup(odoo, { ...request, apply: true });
    expect(report.steps.find((s) => s.id === 'isolate')).toMatchObject({ status: 'updated' });
    expect(await odoo.read('mailing.filter', [ofStore, other], ['x_markket_store_id'])).toEqual([{ id: ofStore, x_markket_store_id: 'store-new' }, { id: other, x_markket_store_id: false }]);
  });

  it('gives a segment staff save in the console after the isolation its store at once, not at the next run', async () => {
    const [list] = await odoo.search('mailing.list', [['x_markket_store_id', '=', 'store-new']]);
    const segments = createSegments({ odoo, now: () => new Date('2026-03-01T09:00:00Z') });
    const saved = await segments.save({ storeId: 'store-new', name: 'Tagged VIP', list_id: list!, rule: { match: 'all', conditions: [{ type: 'tag', has: true, tag: 'vip' }] } });
    expect(await odoo.read('mailing.filter', [saved.id], ['x_markket_store_id'])).toEqual([{ id: saved.id, x_markket_store_id: 'store-new' }]);
    expect((await segments.list('store-new')).segments.map((s) => s.name)).toContain('Tagged VIP');
  });

  it("adds a store owner with Odoo's invitation and says exactly what to hand over; a second run changes nothing", async () => {
    const added = await addStoreOwner(odoo, { ...owner, odooUrl: peer.url });
    expect(added).toMatchObject({ user: 'created', invitationSent: true, apiKeyPage: `${peer.url}/web#action=base.action_res_users_my` });
    expect(added.handOver.join('\n')).toContain(`login: ${owner.login}`);
    expect(added.handOver.join('\n')).toContain(`invitation to set a password`);
    expect(added.handOver.join('\n')).toContain('New API Key');
    const [user] = await odoo.read('res.users', [added.userId], ['x_markket_store_id']);
    expect(user).toMatchObject({ x_markket_store_id: 'store-new' });
    const defaults = await odoo.searchRead('ir.default', [['user_id', '=', added.userId]], ['json_value']);
    // Lists, contacts, mailings, tags and saved segments.
    expect(defaults.map((d) => d.json_value)).toEqual(Array(5).fill('"store-new"'));

    const counting = countingClient(odoo);
    const again = await addStoreOwner(counting.client, { ...owner, odooUrl: peer.url });
    expect(again).toMatchObject({ userId: added.userId, user: 'unchanged', invitationSent: false });
    expect(counting.calls().filter((c) => WRITES.has(c.method))).toEqual([]);
  });
});
