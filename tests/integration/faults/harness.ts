import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBrowserMode, type BrowserMode } from '../../../src/main/host/browser-mode';
import { createOdooClient, type OdooClient } from '../../../src/main/core/odoo';
import { DEMO_API_KEY, DEMO_DATABASE, DEMO_LOGIN, DEMO_STORE, startOdooPeer, type OdooPeer } from '../../../src/main/sandbox/odoo';
import { createApi } from '../../../src/renderer/src/api/client';
import { httpTransport } from '../../../src/renderer/src/api/http-transport';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy';

export const STORE_ID = DEMO_STORE.id;

/**
 * The console in browser mode, configured for an Odoo that it reaches through the fault proxy,
 * driven over HTTP with the renderer's own client. A second client goes straight to the peer:
 * it is the truth each scenario checks ("exactly once" or "nothing").
 */
export async function startFaultHarness() {
  const work = await mkdtemp(join(tmpdir(), 'markket-faults-'));
  const peer: OdooPeer = await startOdooPeer({ seed: 'demo', randomSeed: 11, contactCount: 30, autoProcessQueue: false });
  const proxy: FaultProxy = await startFaultProxy(peer.url);
  const startConsole = () =>
    startBrowserMode({
      demo: false,
      envOdoo: { odoo: { url: proxy.url, database: DEMO_DATABASE, login: DEMO_LOGIN, apiKey: DEMO_API_KEY, protocol: 'jsonrpc' }, storeId: STORE_ID },
      dataDir: join(work, 'console'),
    });
  let served: BrowserMode = await startConsole();
  const clientOf = (console: BrowserMode) => createApi(httpTransport({ baseUrl: console.url, token: console.token }));
  const odoo: OdooClient = createOdooClient({ url: peer.url, database: DEMO_DATABASE, login: DEMO_LOGIN, apiKey: DEMO_API_KEY, readRetries: 0 });
  const harness = {
    peer,
    proxy,
    api: clientOf(served),
    odoo,
    /** Quits the console and starts it again on the same data folder (the person restarted it); `api` then talks to the new one. */
    async restartConsole() {
      await served.close();
      served = await startConsole();
      harness.api = clientOf(served);
    },
    /** How many times the peer ran a method (a call cut off before it never reached the peer). */
    ran: (model: string, method: string) => peer.calls.filter((c) => c.model === model && c.method === method).length,
    mailingsOf: (campaignId: string) => odoo.searchRead('mailing.mailing', [['x_markket_campaign_id', '=', campaignId]], ['id', 'state', 'subject']),
    /** Back to normal between scenarios: no fault left, and the header's state checked again. */
    async calm() {
      proxy.clear();
      proxy.release();
      await harness.api.call('connectivity.status', { probe: true });
    },
    async close() {
      await served.close();
      await odoo.close();
      await proxy.close();
      await peer.close();
      await rm(work, { recursive: true, force: true });
    },
  };
  return harness;
}

export type FaultHarness = Awaited<ReturnType<typeof startFaultHarness>>;

// One definition of 'the AppError a call fails with', shared with the local harness.
export { failure } from '../local/harness';
