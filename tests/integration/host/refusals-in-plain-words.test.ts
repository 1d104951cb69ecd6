import { afterEach, describe, expect, it } from 'vitest';
import { contract } from '../../../src/shared/contract';
import { AppError, type ErrorPayload } from '../../../src/shared/errors';
import { handlers } from '../../../src/main/host/handlers';
import { startHttpHost, type HttpHost } from '../../../src/main/host/http';
import { createServices, type Services } from '../../../src/main/host/services';
import { registerIpc } from '../../../src/main/electron/ipc';
import { createBridge } from '../../../src/preload/bridge';
import { createClient } from '../../../src/renderer/src/api/client';
import { ipcTransport } from '../../../src/renderer/src/api/ipc-transport';
import type { ProfileManager } from '../../../src/main/core/profiles';
import { DEMO_API_KEY, DEMO_DATABASE, DEMO_LOGIN, DEMO_STORE, DEMO_STORE_OWNERS, startOdooPeer, type OdooPeer } from '../../../src/main/sandbox/odoo';
import { fakeIpcMain, fakeIpcRenderer, isTrustedFrame } from '../../unit/ipc/fake-ipc';

const TOKEN = 'plain-words-token-0001';
const [OWNER_A] = DEMO_STORE_OWNERS;

/**
 * What the console answers when Odoo says no — for want of rights, or because the Markket setup has
 * not run — on both of its paths: the loopback API (with an HTTP status) and the desktop app's IPC
 * (the same payload). Each runs against an Odoo 18 (JSON-RPC) and an Odoo 19 (JSON-2) peer.
 */
describe.each(['18.0', '19.0'] as const)('Odoo refusals in plain words (Odoo %s)', (version) => {
  let peer: OdooPeer | undefined;
  let services: Services | undefined;
  let host: HttpHost | undefined;
  afterEach(async () => {
    await host?.close();
    await services?.odoo.close();
    await peer?.close();
  });

  async function consoleAs(seed: 'demo' | 'empty', login: string, apiKey: string) {
    peer = await startOdooPeer({ version, seed, contactCount: 20 });
    services = createServices({ odoo: { url: peer.url, database: DEMO_DATABASE, login, apiKey }, profiles: {} as ProfileManager, stores: [] });
    const built = services;
    host = await startHttpHost({ contract, handlers, services: () => built, token: TOKEN });
    const fake = fakeIpcMain();
    registerIpc({ ipcMain: fake.ipcMain, contract, handlers, services: () => built, isTrustedSender: isTrustedFrame });
    const overIpc = createClient(contract, ipcTransport(createBridge(fakeIpcRenderer(fake), Object.keys(contract))));
    const get = async (path: string) => {
      const res = await fetch(`${host!.url}${path}`, { headers: { Authorization: `Bearer ${TOKEN}` } });
      return { status: res.status, error: ((await res.json()) as { error: ErrorPayload }).error };
    };
    const ipcError = (name: 'stores.list' | 'marketing.lists', input: Record<string, unknown>) =>
      overIpc.call(name, input as never).then(() => undefined, (error: unknown) => (error instanceof AppError ? error.toPayload() : error));
    return { get, ipcError };
  }

  it("answers 403 with Odoo's model and the group to ask for when the user has no Email Marketing rights", async () => {
    // Before "Isolate stores", a store owner is a plain internal user: Odoo's access rights refuse
    // every mailing model (odoo19-json2-wire/118 is the same refusal on a real Odoo 19).
    const { get, ipcError } = await consoleAs('demo', OWNER_A!.login, OWNER_A!.apiKey);
    const http = await get('/api/stores');
    expect(http.status).toBe(403);
    expect(http.error).toMatchObject({
      code: 'odoo.access_denied',
      message: 'Your Odoo user may not see Mailing List records (mailing.list). Ask your Odoo administrator to give your user the group "Email Marketing / User" (Odoo: Settings → Users).',
      details: { operation: 'read', model: 'mailing.list', groups: ['Email Marketing / User'] },
    });
    expect(await ipcError('stores.list', {})).toEqual(http.error);
    const lists = await get(`/api/stores/${DEMO_STORE.id}/marketing/lists`);
    expect([lists.status, lists.error.code]).toEqual([403, 'odoo.access_denied']);
  });

  it('says the Odoo is not set up for Markket yet, and what to do, before the setup has run', async () => {
    const { get, ipcError } = await consoleAs('empty', DEMO_LOGIN, DEMO_API_KEY);
    const http = await get('/api/stores');
    expect(http.status).toBe(409);
    expect(http.error).toMatchObject({
      code: 'odoo.not_set_up',
      message: expect.stringMatching(/^This Odoo is not set up for Markket yet.*Run Odoo setup \(Settings → Odoo setup\)/),
      details: { missing_field: 'mailing.list.x_markket_store_id' },
    });
    expect(http.error.message).not.toMatch(/Invalid field|x_markket/);
    expect(await ipcError('stores.list', {})).toEqual(http.error);
    expect(await ipcError('marketing.lists', { storeId: DEMO_STORE.id })).toMatchObject({ code: 'odoo.not_set_up' });
  });
});
