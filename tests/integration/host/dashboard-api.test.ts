import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserMode, type BrowserMode } from '../../../src/main/host/browser-mode';
import { DEMO_API_KEY, DEMO_DATABASE, DEMO_LOGIN, DEMO_STORE, startOdooPeer, type OdooPeer } from '../../../src/main/sandbox/odoo';
import { contract, type AppContract, type OpName } from '../../../src/shared/contract';
import { marketingOps } from '../../../src/shared/ops/marketing';
import { profileOps } from '../../../src/shared/ops/profiles';
import { routeOf } from '../../../src/shared/rpc';
import type { z } from 'zod';

/**
 * Every operation of the Dashboard API and the profiles, reached over the loopback HTTP API of
 * browser mode against the demo workspace, its answer checked against the contract's output schema.
 * The table is keyed by operation name, so a new operation of these groups without an entry here
 * fails to compile. (SendGrid, extension and setup operations need the SendGrid peer: their own
 * features' tests cover them.)
 */
type Covered = keyof typeof marketingOps | keyof typeof profileOps;
type Answers = Partial<{ [N in Covered]: z.infer<AppContract[N]['output']> }>;
type Step = (answers: Answers, peer: OdooPeer) => Record<string, unknown>;

const storeId = DEMO_STORE.id;
const steps: { [N in Covered]: Step } = {
  'stores.list': () => ({}),
  'marketing.lists': () => ({ storeId }),
  'marketing.subscribers.list': (a) => ({ storeId, list_id: a['marketing.lists']!.lists[0]!.id, limit: 25, offset: 0 }),
  'marketing.campaigns.list': () => ({ storeId, status: 'sent', limit: 5 }),
  'marketing.overview': () => ({ storeId }),
  'marketing.campaigns.create': (a) => ({
    storeId,
    subject: 'Summer sale starts today',
    sendgrid_template_id: 'd-0123456789abcdef',
    list_id: a['marketing.lists']!.lists[0]!.id,
    segment: 'all',
    schedule: null,
    client_request_id: 'dashboard-api-test-1',
  }),
  'marketing.campaigns.send': (a) => ({ storeId, campaignId: a['marketing.campaigns.create']!.campaign_id }),
  'marketing.campaigns.get': (a) => ({ storeId, campaignId: a['marketing.campaigns.create']!.campaign_id }),
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
const order = Object.keys(steps) as Covered[];

let served: BrowserMode;
let ownOdoo: OdooPeer;
beforeAll(async () => {
  ownOdoo = await startOdooPeer({ seed: 'empty' });
  served = await startBrowserMode({ demo: true, envOdoo: null });
}, 60_000);
afterAll(async () => {
  await served?.close();
  await ownOdoo?.close();
});

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
  const res = await fetch(`${served.url}${filled}${!hasBody && query.size > 0 ? `?${query}` : ''}`, {
    method,
    headers: { Authorization: `Bearer ${served.token}`, 'Content-Type': 'application/json' },
    body: hasBody ? JSON.stringify(rest) : undefined,
  });
  return { status: res.status, body: await res.json() };
}

describe('every operation over HTTP against the demo workspace', () => {
  it('has a step for exactly the Dashboard API and profile operations of the contract', () => {
    expect([...order].sort()).toEqual([...Object.keys(marketingOps), ...Object.keys(profileOps)].sort());
    expect(order.every((name) => name in contract)).toBe(true);
  });

  it('answers each operation at its route with output valid by the contract', async () => {
    const answers: Answers = {};
    for (const name of order) {
      const { status, body } = await callOverHttp(name, steps[name](answers, ownOdoo));
      expect({ name, status, body: status === 200 ? 'ok' : body }).toEqual({ name, status: 200, body: 'ok' });
      const parsed = contract[name].output.safeParse(body);
      expect({ name, issues: parsed.error?.issues ?? [] }).toEqual({ name, issues: [] });
      (answers as Record<string, unknown>)[name] = parsed.data;
    }
    expect(answers['marketing.campaigns.send']).toMatchObject({ status: 'sending' });
    expect(answers['profiles.testConnection']).toBeDefined();
    expect(answers['profiles.delete']).toMatchObject({ deleted: true });
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
    expect(onOwnOdoo.body).toMatchObject({ error: { code: 'odoo.validation', details: { field: 'x_markket_store_id' } } });
    expect((backOnDemo.body as { stores: { list_ids: number[] }[] }).stores[0]?.list_ids.length).toBeGreaterThan(0);
  });
});
