import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOdooClient, type OdooClient } from '../../../src/main/core/odoo';
import { createProfileManager, createProfileStore } from '../../../src/main/core/profiles';
import { createMemorySecretStore } from '../../../src/main/core/secrets';
import { openLocalData, type LocalDataRegistry } from '../../../src/main/host/local-data';
import { createLocalRuntime } from '../../../src/main/host/local-runtime';
import { DEMO_API_KEY, DEMO_DATABASE, DEMO_LOGIN, startOdooPeer, type OdooPeer } from '../../../src/main/sandbox/odoo';

/**
 * The audit log's appends sit behind the folder's write gate like drafts, outbox and cache. A HIPAA
 * switch closes the gate of the services built for the old setting, then seals the folder (the log
 * line by line). Here the interleaving is forced: the old services audit while the switch is under
 * way, and their log instance tries to append after the log was sealed.
 */
const now = () => new Date('2026-03-01T10:00:00Z');
let work: string;
let peer: OdooPeer;
let odoo: OdooClient;

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'markket-switch-audit-'));
  peer = await startOdooPeer({ seed: 'empty', autoProcessQueue: false });
  odoo = createOdooClient({ url: peer.url, database: DEMO_DATABASE, login: DEMO_LOGIN, apiKey: DEMO_API_KEY });
});
afterEach(async () => {
  await peer.close();
  await rm(work, { recursive: true, force: true });
});

describe('switching HIPAA mode on while the old services write the audit log', () => {
  it('lets no plaintext line into the sealed log, and the entry held during the switch lands sealed in the new log', async () => {
    const secrets = createMemorySecretStore();
    const profiles = createProfileManager({ store: createProfileStore({ cwd: join(work, 'console'), secrets }), createOdooClient });
    const profile = await profiles.create({ name: 'Clinic', kind: 'own-odoo', odoo: { url: peer.url, database: DEMO_DATABASE, login: DEMO_LOGIN, protocol: 'auto' }, storeIds: ['clinic'] });
    const dir = join(work, 'console', 'profiles', profile.id);
    const registry: LocalDataRegistry = new Map();
    const plain = await openLocalData({ dir, profile, secrets, registry, now });
    const old = createLocalRuntime({ rawOdoo: odoo, local: plain, profiles, secrets, now, probeIntervalMs: 3_600_000 });

    // The switch begins: the old services stop writing. A send they were finishing audits now.
    await old.local!.quiesce();
    const held = old.local!.record({ action: 'campaign.sent', details: { campaignId: 'camp_during_switch' } });

    // The switch seals the folder and opens the profile's data for HIPAA mode.
    const sealed = await openLocalData({ dir, profile: { ...profile, hipaa: { ...profile.hipaa, enabled: true } }, secrets, registry, now });
    await held;

    // The old log instance, built without the cipher, appends after the seal: refused, nothing written.
    await expect(plain.audit.append({ actor: plain.actor, action: 'campaign.sent', details: { campaignId: 'camp_late' } })).rejects.toMatchObject({ code: 'conflict' });

    const lines = (await readFile(join(dir, 'audit', 'audit.jsonl'), 'utf8')).split('\n').filter(Boolean);
    expect(lines.filter((line) => line.startsWith('{'))).toEqual([]);
    expect(await sealed.audit.verify()).toMatchObject({ ok: true, entries: lines.length });
    const { entries } = await sealed.audit.read({ limit: 10 });
    expect(entries.map((e) => [e.action, e.details.campaignId ?? null])).toEqual([
      ['campaign.sent', 'camp_during_switch'],
      ['profile.connect', null],
      ['profile.connect', null],
    ]);
    await old.odoo.close();
  });
});
