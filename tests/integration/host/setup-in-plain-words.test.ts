import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../../src/shared/contract';
import { handlers } from '../../../src/main/host/handlers';
import { startHttpHost, type HttpHost } from '../../../src/main/host/http';
import { createServices, type Services } from '../../../src/main/host/services';
import type { ProfileManager } from '../../../src/main/core/profiles';
import { DEMO_API_KEY, DEMO_DATABASE, DEMO_LOGIN, startOdooPeer, type OdooPeer } from '../../../src/main/sandbox/odoo';

const TOKEN = 'setup-words-token-0001';

/**
 * A store's first day on its own Odoo, through the loopback API: a profile names its store only by
 * id (as Settings → Profile's "Store ids" does), the owner runs the setup with the store's name, and
 * from then on the store picker shows that name. No step speaks in field names.
 */
describe.each(['18.0', '19.0'] as const)('the Odoo setup in a store owner\'s words (Odoo %s)', (version) => {
  let peer: OdooPeer;
  let services: Services;
  let host: HttpHost;
  beforeAll(async () => {
    peer = await startOdooPeer({ version, seed: 'empty' });
    services = createServices({ odoo: { url: peer.url, database: DEMO_DATABASE, login: DEMO_LOGIN, apiKey: DEMO_API_KEY }, profiles: {} as ProfileManager, stores: [{ id: 'corner-shop', name: 'corner-shop' }] });
    host = await startHttpHost({ contract, handlers, services: () => services, token: TOKEN });
  });
  afterAll(async () => {
    await host.close();
    await services.odoo.close();
    await peer.close();
  });

  const rpc = async (name: string, input: Record<string, unknown>) => {
    const res = await fetch(`${host.url}/api/rpc/${name}`, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' }, body: JSON.stringify(input) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('labels every step without Odoo field names, and the store picker then shows the name given to the setup', async () => {
    const check = await rpc('setup.check', { storeId: 'corner-shop', storeName: 'Corner Shop' });
    const labels = (check.body.steps as { label: string; message: string }[]).map((s) => `${s.label}: ${s.message}`);
    expect(labels.join('\n')).not.toMatch(/x_markket|x_sendgrid/);
    // Said before anyone presses "Set up", as Odoo's user form names the right in each version.
    expect(labels).toContain(`The "Markket Store ID" field on mailing lists: Missing; the console can create it. Setting it up needs an Odoo user with ${version === '18.0' ? 'Administration / Settings' : 'Role / Administrator'} rights.`);
    // The store's list is an Email Marketing user's to create: no administrator needed for it.
    expect(labels).toContain('Mailing list for Corner Shop: Waits for the "Markket Store ID" field above, which ties the list to your store.');

    expect((await rpc('setup.apply', { storeId: 'corner-shop', storeName: 'Corner Shop' })).status).toBe(200);
    const stores = await rpc('stores.list', {});
    expect(stores.body.stores).toEqual([{ id: 'corner-shop', name: 'Corner Shop', list_ids: [expect.any(Number)] }]);
  });
});
