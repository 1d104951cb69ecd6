import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserMode, type BrowserMode } from '../../../src/main/host/browser-mode';
import { DEMO_API_KEY, DEMO_DATABASE, DEMO_LOGIN, DEMO_STORE, startOdooPeer, type OdooPeer } from '../../../src/main/sandbox/odoo';
import { contract, type AppContract, type OpName } from '../../../src/shared/contract';
import { demoTemplates } from '../../../src/main/sandbox/sendgrid';
import { routeOf } from '../../../src/shared/rpc';
import { starterLayout } from '../../../src/shared/email';
import type { z } from 'zod';

/**
 * Every operation of the contract, reached over the loopback HTTP API of browser mode against the
 * demo workspace (Odoo peer + SendGrid peer), its answer checked against the contract's output
 * schema. The table is keyed by operation name, so a new operation without an entry here fails to
 * compile, and one that answers with anything but 200 or a shape its schema rejects fails the run.
 */
type Covered = OpName;
type Answers = Partial<{ [N in Covered]: z.infer<AppContract[N]['output']> }>;
type Step = (answers: Answers, peer: OdooPeer) => Record<string, unknown>;

const storeId = DEMO_STORE.id;
const template = demoTemplates()[0]!.id;
const listId = (a: Answers) => a['marketing.lists']!.lists[0]!.id;
const sentCampaign = (a: Answers) => a['marketing.campaigns.list']!.campaigns[0]!.campaign_id;
const letter = starterLayout('letter', { store_name: DEMO_STORE.name, postal_address: '1 Market Street, Springfield' });
const vipOpeners = { match: 'all', conditions: [{ type: 'tag', has: true, tag: 'vip' }, { type: 'activity', action: 'opened', days: 30 }] };
const csv = 'email,name\nnew.reader@example.org,New Reader\nnot-an-address,Broken Row\n';
const steps: { [N in Covered]: Step } = {
  'stores.list': () => ({}),
  'marketing.lists': () => ({ storeId }),
  'marketing.subscribers.list': (a) => ({ storeId, list_id: listId(a), limit: 25, offset: 0 }),
  'marketing.campaigns.list': () => ({ storeId, status: 'sent', limit: 5 }),
  'marketing.overview': () => ({ storeId }),
  'marketing.campaigns.estimate': (a) => ({ storeId, list_id: listId(a), segment: 'buyers' }),
  // A segment built, counted, saved as an Odoo favourite filter, listed with its count, and deleted.
  'marketing.segments.count': (a) => ({ storeId, list_id: listId(a), rule: vipOpeners }),
  'marketing.segments.save': (a) => ({ storeId, name: 'VIP openers', list_id: listId(a), rule: vipOpeners }),
  'marketing.segments.list': () => ({ storeId }),
  'marketing.segments.delete': (a) => ({ storeId, id: a['marketing.segments.save']!.id }),
  'marketing.campaigns.create': (a) => ({
    storeId,
    subject: 'Summer sale starts today',
    sendgrid_template_id: template,
    list_id: listId(a),
    segment: 'all',
    schedule: null,
    client_request_id: 'dashboard-api-test-1',
  }),
  // An A/B test set up on the draft, looked at, and taken off again before the draft is sent.
  'marketing.campaigns.ab.save': (a) => ({ storeId, campaignId: a['marketing.campaigns.create']!.campaign_id, versions: [{ subject: 'Summer sale: 20% off today' }], test_share_pc: 30, winner_selection: 'opens', send_winner_at: '2099-01-02T09:00:00Z' }),
  'marketing.campaigns.ab.get': (a) => ({ storeId, campaignId: a['marketing.campaigns.create']!.campaign_id }),
  'marketing.campaigns.ab.winner': (a) => ({ storeId, campaignId: a['marketing.campaigns.create']!.campaign_id }),
  'marketing.campaigns.ab.remove': (a) => ({ storeId, campaignId: a['marketing.campaigns.create']!.campaign_id }),
  'marketing.campaigns.precheck': (a) => ({ storeId, campaignId: a['marketing.campaigns.create']!.campaign_id }),
  'marketing.campaigns.duplicate': (a) => ({ storeId, campaignId: a['marketing.campaigns.create']!.campaign_id, client_request_id: 'dashboard-api-dup-1' }),
  'marketing.campaigns.update': (a) => ({ storeId, campaignId: a['marketing.campaigns.duplicate']!.campaign_id, subject: 'Summer sale, second call', schedule: '2099-01-01T09:00:00Z' }),
  // The calendar moves the dated draft two days on, same time of day.
  'marketing.campaigns.move': (a) => ({ storeId, campaignId: a['marketing.campaigns.duplicate']!.campaign_id, schedule: '2099-01-03T09:00:00Z' }),
  'email.render': () => ({ document: letter, recipient: { name: 'Ada Reader' } }),
  // An address off the profile's Odoo: answered with the reason it stays a placeholder, nothing fetched.
  'email.images.load': () => ({ srcs: ['https://pixel.tracker.example/open.gif'] }),
  'marketing.campaigns.body.save': (a) => ({ storeId, campaignId: a['marketing.campaigns.duplicate']!.campaign_id, document: letter }),
  'marketing.campaigns.body.get': (a) => ({ storeId, campaignId: a['marketing.campaigns.duplicate']!.campaign_id }),
  // The letter saved as a favourite, offered as a template, and a draft's email started from it.
  'marketing.campaigns.favorite': (a) => ({ storeId, campaignId: a['marketing.campaigns.duplicate']!.campaign_id, favorite: true }),
  'marketing.favorites.list': () => ({ storeId }),
  'marketing.campaigns.body.use_favorite': (a) => ({ storeId, campaignId: a['marketing.campaigns.duplicate']!.campaign_id, favorite_id: a['marketing.favorites.list']!.favorites[0]!.odoo_id }),
  // The sender ticks each warning the pre-send check showed, as the review dialog asks.
  'marketing.campaigns.send': (a) => ({ storeId, campaignId: a['marketing.campaigns.create']!.campaign_id, acknowledge: a['marketing.campaigns.precheck']!.issues.filter((i) => i.severity === 'warning').map((i) => i.code) }),
  'marketing.campaigns.get': (a) => ({ storeId, campaignId: a['marketing.campaigns.create']!.campaign_id }),
  'marketing.campaigns.process_queue': (a) => ({ storeId, campaignId: a['marketing.campaigns.create']!.campaign_id }),
  'marketing.campaigns.cancel': (a) => ({ storeId, campaignId: a['marketing.campaigns.duplicate']!.campaign_id }),
  'marketing.campaigns.delete': (a) => ({ storeId, campaignId: a['marketing.campaigns.duplicate']!.campaign_id }),
  'marketing.campaigns.report': (a) => ({ storeId, campaignId: sentCampaign(a) }),
  'marketing.campaigns.recipients': (a) => ({ storeId, campaignId: sentCampaign(a), filter: 'opened', limit: 10 }),
  'campaigns.create': () => ({ storeId, subject: 'Flow route launch', template_id: template, segment: 'all', client_request_id: 'dashboard-api-flow-1' }),
  // The flow route's campaign gets no review dialog: its warnings are acknowledged in the request, as a script must.
  // Whether SendGrid has suppressed someone yet depends on how soon the earlier send's bounces came back.
  'campaigns.send': (a) => ({ storeId, campaignId: a['campaigns.create']!.campaign_id, acknowledge: ['unmapped_template_fields', 'suppressions_unchecked', 'suppressed_recipients'] }),
  'campaigns.stats': (a) => ({ storeId, campaignId: sentCampaign(a) }),
  // After the sends: the demo's SendGrid simulates each mail's fate, a test mail included.
  'marketing.campaigns.test_send': (a) => ({ storeId, campaignId: a['campaigns.create']!.campaign_id, emails: ['owner@store-a.example.com'] }),
  'marketing.subscribers.get': (a) => ({ storeId, id: a['marketing.subscribers.list']!.subscribers[0]!.id }),
  'marketing.subscribers.tags': () => ({ storeId }),
  'marketing.subscribers.bulk': (a) => ({ storeId, ids: [a['marketing.subscribers.list']!.subscribers[0]!.id], action: 'tag', tag: 'vip' }),
  'marketing.subscribers.bulkRun': (a) => ({ storeId, selection: { ids: [a['marketing.subscribers.list']!.subscribers[0]!.id] }, action: 'add_to_list', target_list_id: listId(a) }),
  'marketing.subscribers.bulkStop': () => ({ storeId, run_id: 'no-such-run' }),
  'subscribers.add': () => ({ storeId, email: 'Ada Reader <ada.reader@example.org>', name: 'Ada Reader' }),
  'marketing.subscribers.update': (a) => ({ storeId, id: a['subscribers.add']!.row.contact_id!, name: 'Ada R. Reader', tags: { add: ['reader'] } }),
  'marketing.subscribers.delete': (a) => ({ storeId, id: a['subscribers.add']!.row.contact_id!, confirm_email: 'ada.reader@example.org', forget: true }),
  'subscribers.importFields': () => ({ storeId }),
  'subscribers.import': () => ({ storeId, csv, permission: true }),
  'sendgrid.templates.list': () => ({}),
  'sendgrid.templates.get': () => ({ templateId: template }),
  'extensions.list': () => ({ storeId }),
  'extensions.add': (a) => ({ storeId, record: { key: 'markket:odoo:newsletter', config: { mailing_list_id: listId(a), tags: ['dashboard-test'] }, active: false } }),
  'extensions.update': (a) => ({ storeId, extensionId: a['extensions.add']!.id, active: false, config: { mailing_list_id: listId(a), tags: ['dashboard-test', 'updated'] } }),
  'extensions.run': (a) => ({ storeId, extensionId: a['extensions.list']!.extensions.find((e) => e.key === 'markket:odoo:newsletter')!.id, entity: { email: 'run.by.hand@example.org', name: 'Run By Hand' } }),
  'extensions.remove': (a) => ({ storeId, extensionId: a['extensions.add']!.id }),
  'events.import': () => ({ storeId, text: '' }),
  'setup.check': () => ({ storeId }),
  'setup.apply': () => ({ storeId, storeName: DEMO_STORE.name, isolate: true }),
  'setup.addStoreOwner': () => ({ storeId, login: 'owner-a', name: 'Store A Owner', email: 'owner-a@store-a.example.com' }),
  'suppressions.sync': () => ({}),
  'drafts.list': () => ({ storeId }),
  'drafts.save': (a) => ({ storeId, subject: 'A draft written on the train', listId: listId(a), templateId: template }),
  'drafts.get': (a) => ({ id: a['drafts.save']!.id }),
  'drafts.sync': () => ({}),
  'drafts.resolveConflict': (a) => ({ id: a['drafts.save']!.id, choice: 'keep-local' }),
  'outbox.list': () => ({}),
  'outbox.retry': () => ({ id: 'no-such-item' }),
  'outbox.discard': () => ({ id: 'no-such-item' }),
  'drafts.delete': (a) => ({ id: a['drafts.save']!.id }),
  'connectivity.status': () => ({ probe: true }),
  'export.chooseDestination': () => ({ suggestedName: 'subscribers.csv' }),
  'export.subscribers': (a) => ({ storeId, list_id: listId(a), format: 'csv' }),
  'export.campaignRecipients': (a) => ({ storeId, campaignId: sentCampaign(a), format: 'xlsx' }),
  'audit.list': () => ({ limit: 10 }),
  'audit.verify': () => ({}),
  'audit.export': () => ({}),
  'offline.cacheSize': () => ({}),
  'offline.setLimits': () => ({ maxCopies: 800, maxMegabytes: 100 }),
  'offline.clearCache': () => ({}),
  'session.status': () => ({}),
  'session.touch': () => ({}),
  'session.setPassphrase': () => ({ passphrase: 'correct horse battery staple' }),
  'session.lock': () => ({}),
  'session.unlock': () => ({ passphrase: 'correct horse battery staple' }),
  'session.unlockWithSystem': () => ({}),
  'profiles.list': () => ({}),
  'profiles.active': () => ({}),
  'profiles.create': (_a, peer) => ({ name: 'Own Odoo', kind: 'own-odoo', odoo: { url: peer.url, database: DEMO_DATABASE, login: DEMO_LOGIN, protocol: 'auto' }, storeIds: [storeId] }),
  'profiles.update': (a) => ({ id: a['profiles.create']!.id, name: 'Own Odoo (renamed)' }),
  'profiles.setSecret': (a) => ({ id: a['profiles.create']!.id, secret: 'odoo', value: DEMO_API_KEY }),
  'profiles.testConnection': (a) => ({ id: a['profiles.create']!.id }),
  // Re-activates the demo (the active profile), so the delete below removes an inactive profile.
  'profiles.activate': (a) => ({ id: a['profiles.list']!.activeProfileId! }),
  'profiles.delete': (a) => ({ id: a['profiles.create']!.id }),
};
/** Operations whose right answer here is a clear error, not a 200: the code is what is checked. */
const expectedErrors: Partial<Record<Covered, { status: number; code: string }>> = {
  'outbox.retry': { status: 404, code: 'not_found' },
  // Browser mode has no operating-system check (Touch ID is the desktop app's).
  'session.unlockWithSystem': { status: 403, code: 'forbidden' },
  // A real conflict needs Odoo changed behind the draft's back: tests/integration/local covers it.
  'drafts.resolveConflict': { status: 409, code: 'conflict' },
  // No version of the test has gone out yet, so there is no winner to send.
  'marketing.campaigns.ab.winner': { status: 409, code: 'conflict' },
};
const order = Object.keys(steps) as Covered[];
/** What each step sent, for the misspelt copies sent afterwards. */
const inputs = new Map<Covered, Record<string, unknown>>();

let served: BrowserMode;
let ownOdoo: OdooPeer;
beforeAll(async () => {
  ownOdoo = await startOdooPeer({ seed: 'empty' });
  served = await startBrowserMode({ demo: true, envOdoo: null });
}, 60_000);
afterAll(async () => {
  await served?.close();
  await ownOdoo?.close();
}, 120_000);

async function callOverHttp(name: OpName, input: Record<string, unknown>): Promise<{ status: number; body: unknown }> {
  const { method, path } = routeOf(name, contract[name]);
  const rest = { ...input };
  const filled = path.replace(/:(\w+)/g, (_m, key: string) => {
    const value = String(rest[key]);
    delete rest[key];
    return encodeURIComponent(value);
  });
  const query = new URLSearchParams(Object.entries(rest).filter(([, v]) => v !== null && v !== undefined).map(([k, v]): [string, string] => [k, String(v)]));
  const hasBody = method !== 'GET' && method !== 'DELETE';
  return onFreshConnection(method, `${served.url}${filled}${!hasBody && query.size > 0 ? `?${query}` : ''}`, hasBody ? JSON.stringify(rest) : undefined);
}

/**
 * One request on its own connection. The demo's own sending keeps this process busy between calls;
 * on a loaded machine a kept-alive socket could be closed by the server's idle timer (5 s) just as
 * the next request is written on it, which is a test artefact (ECONNRESET), not an answer.
 */
function onFreshConnection(method: string, url: string, body: string | undefined): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent: false, headers: { Authorization: `Bearer ${served.token}`, 'Content-Type': 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('every operation over HTTP against the demo workspace', () => {
  it('has a step for exactly the operations of the contract', () => {
    expect([...order].sort()).toEqual(Object.keys(contract).sort());
  });

  it('answers each operation at its route with output valid by the contract', async () => {
    const answers: Answers = {};
    for (const name of order) {
      const input = steps[name](answers, ownOdoo);
      inputs.set(name, input);
      const { status, body } = await callOverHttp(name, input);
      const expected = expectedErrors[name];
      if (expected) {
        expect({ name, status, code: (body as { error?: { code?: string } }).error?.code }).toEqual({ name, ...expected });
        continue;
      }
      expect({ name, status, body: status === 200 ? 'ok' : body }).toEqual({ name, status: 200, body: 'ok' });
      const parsed = contract[name].output.safeParse(body);
      expect({ name, issues: parsed.error?.issues ?? [] }).toEqual({ name, issues: [] });
      (answers as Record<string, unknown>)[name] = parsed.data;
    }
    expect(answers['marketing.campaigns.send']).toMatchObject({ status: 'sending' });
    expect(answers['profiles.testConnection']).toBeDefined();
    expect(answers['profiles.delete']).toMatchObject({ deleted: true });
    // One test walks every operation of the contract in turn (about a hundred calls, MJML renders among them):
    // its budget is the sum of theirs, not the 30 s meant for one behaviour.
  }, 240_000);

  it('refuses every operation given one key it does not know, naming the key', async () => {
    expect(inputs.size).toBe(order.length);
    for (const [name, input] of inputs) {
      const misspelt = await callOverHttp(name, { ...input, unexpected_key: 'x' });
      expect({ name, status: misspelt.status, error: (misspelt.body as { error?: unknown }).error }).toEqual({
        name,
        status: 400,
        error: { code: 'input.invalid', message: expect.stringContaining('unexpected_key — is not a field this operation accepts'), details: { fields: [{ field: 'unexpected_key', problem: 'is not a field this operation accepts' }] } },
      });
    }
  }, 120_000);

  it('refuses a profile update whose changes sit under a key it does not know, and changes nothing', async () => {
    const own = (await callOverHttp('profiles.create', steps['profiles.create']({}, ownOdoo))).body as { id: string; name: string };
    const refused = await callOverHttp('profiles.update', { id: own.id, patch: { name: 'Renamed through patch' } });
    const after = (await callOverHttp('profiles.list', {})).body as { profiles: { id: string; name: string }[] };
    expect(refused).toEqual({ status: 400, body: { error: expect.objectContaining({ code: 'input.invalid', message: 'The request is not valid: patch — is not a field this operation accepts.' }) } });
    expect(after.profiles.find((p) => p.id === own.id)?.name).toBe(own.name);
    await callOverHttp('profiles.delete', { id: own.id });
  });

  it('answers the Dashboard API with the demo store’s real figures', async () => {
    const stores = await callOverHttp('stores.list', {});
    const overview = await callOverHttp('marketing.overview', { storeId });
    expect(stores.body).toEqual({ stores: [{ id: storeId, name: DEMO_STORE.name, list_ids: expect.any(Array) }] });
    expect((overview.body as { subscribers: number }).subscribers).toBeGreaterThan(1000);
  });

  it('switches the services when another profile is activated, and back', async () => {
    const own = (await callOverHttp('profiles.create', { ...steps['profiles.create']({}, ownOdoo), secrets: { odooApiKey: DEMO_API_KEY } })).body as { id: string };
    const demoId = ((await callOverHttp('profiles.active', {})).body as { profile: { id: string } }).profile.id;
    await callOverHttp('profiles.activate', { id: own.id });
    const onOwnOdoo = await callOverHttp('stores.list', {});
    await callOverHttp('profiles.activate', { id: demoId });
    const backOnDemo = await callOverHttp('stores.list', {});
    // The own Odoo is a bare one without the Markket setup: only it can answer that the store field is missing.
    expect(onOwnOdoo).toMatchObject({ status: 409, body: { error: { code: 'odoo.not_set_up', details: { missing_field: 'mailing.list.x_markket_store_id' } } } });
    expect((backOnDemo.body as { stores: { list_ids: number[] }[] }).stores[0]?.list_ids.length).toBeGreaterThan(0);
    // Two activations each stop one profile's services and start another's (the demo re-checks its store isolation over RPC).
  }, 120_000);
});
