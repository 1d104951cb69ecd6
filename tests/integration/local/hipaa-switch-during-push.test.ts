import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isSealed } from '../../../src/main/core/crypto/cipher';
import { isFolderSealed } from '../../../src/main/core/crypto/reseal';
import { createOdooClient, type OdooClient } from '../../../src/main/core/odoo';
import { createMemorySecretStore } from '../../../src/main/core/secrets';
import { startConsole, type ConsoleRuntime } from '../../../src/main/host/console';
import { DEMO_API_KEY, DEMO_DATABASE, DEMO_LOGIN, DEMO_STORE, startOdooPeer, type OdooPeer } from '../../../src/main/sandbox/odoo';
import { createApi, type Client } from '../../../src/renderer/src/api/client';
import { httpTransport } from '../../../src/renderer/src/api/http-transport';
import type { AppContract } from '../../../src/shared/contract';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy';
import { filesUnder } from './harness';

/**
 * The race behind a once-failing hipaa-transition test ("not_encrypted"): a draft saved just before
 * HIPAA mode is switched on is pushed to Odoo in the background, and the push rewrites the draft
 * and the outbox when Odoo answers. If the answer arrives after the switch sealed the folder, the
 * old services wrote a plaintext draft into it and the profile could no longer read its own draft.
 * Here the interleaving is forced: Odoo's answer to the push is held until the switch is done.
 */
const STORE_ID = DEMO_STORE.id;
const secretSubject = 'Flu shot reminder for Marguerite Oyelaran';

let work: string;
let peer: OdooPeer;
let proxy: FaultProxy;
let runtime: ConsoleRuntime;
let api: Client<AppContract>;
let odoo: OdooClient;

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'markket-switch-push-'));
  peer = await startOdooPeer({ seed: 'demo', contactCount: 20 });
  proxy = await startFaultProxy(peer.url);
  runtime = await startConsole({ dataDir: join(work, 'console'), secrets: createMemorySecretStore(), chooseProfile: async () => null });
  api = createApi(httpTransport({ baseUrl: runtime.url, token: runtime.token }));
  odoo = createOdooClient({ url: peer.url, database: DEMO_DATABASE, login: DEMO_LOGIN, apiKey: DEMO_API_KEY, protocol: 'auto' });
});
afterEach(async () => {
  await proxy.close();
  await runtime.close();
  await odoo.close();
  await peer.close();
  await rm(work, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
});

async function plaintextFilesMentioning(dir: string, text: string): Promise<string[]> {
  const hits: string[] = [];
  for (const file of await filesUnder(dir)) {
    const data = await readFile(file);
    if (!isSealed(data) && data.toString('utf8').includes(text)) hits.push(file.slice(dir.length + 1));
  }
  return hits;
}

describe('switching HIPAA mode on while a draft is being pushed to Odoo', () => {
  it("leaves no plaintext draft in the sealed folder, the draft stays readable, and it reaches Odoo once", async () => {
    const clinic = await api.call('profiles.create', {
      name: 'Clinic', kind: 'own-odoo', odoo: { url: proxy.url, database: DEMO_DATABASE, login: DEMO_LOGIN, protocol: 'auto' },
      storeIds: [STORE_ID], secrets: { odooApiKey: DEMO_API_KEY }, activate: true,
    });
    const dir = join(work, 'console', 'profiles', clinic.id);
    const listId = (await api.call('marketing.lists', { storeId: STORE_ID })).lists[0]!.id;
    const before = runtime.host.current();

    // The draft's push creates its mailing in Odoo; Odoo's answer is held.
    proxy.inject('hold', { model: 'mailing.mailing', method: 'create' });
    const draft = await api.call('drafts.save', { storeId: STORE_ID, subject: secretSubject, listId });
    await proxy.held();

    // HIPAA mode goes on while the push waits: the folder is sealed under it.
    await api.call('profiles.update', { id: clinic.id, hipaa: { enabled: true, idleLockMinutes: 15 } });
    expect(await isFolderSealed(dir)).toBe(true);

    // Now Odoo answers the old push, which then tries to record it.
    proxy.release();
    await before.local!.outbox.whenIdle();

    expect(await plaintextFilesMentioning(dir, secretSubject)).toEqual([]);
    expect((await api.call('drafts.get', { id: draft.id })).draft.subject).toBe(secretSubject);
    // The new services push it again; Odoo already has the mailing (x_markket_campaign_id) and gets no second one.
    await api.call('drafts.sync', {});
    expect((await api.call('drafts.get', { id: draft.id })).draft.sync.state).toBe('synced');
    expect(await odoo.searchCount('mailing.mailing', [['x_markket_campaign_id', '=', draft.campaignId!]])).toBe(1);
    expect(await plaintextFilesMentioning(dir, secretSubject)).toEqual([]);
  }, 60_000);
});
