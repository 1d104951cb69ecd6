import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOdooClient } from '../../../src/main/core/odoo';
import { createProfileManager, createProfileStore, type ProfileManager } from '../../../src/main/core/profiles';
import { createMemorySecretStore } from '../../../src/main/core/secrets';
import { followActiveProfile, servicesForProfile, type ProfileServicesOptions } from '../../../src/main/host/profile-switch';
import { createServiceHost, type ServiceHost } from '../../../src/main/host/service-host';
import type { Services } from '../../../src/main/host/services';
import type { LocalDataRegistry } from '../../../src/main/host/local-data';
import { DEMO_API_KEY, DEMO_DATABASE, DEMO_LOGIN, startOdooPeer, type OdooPeer } from '../../../src/main/sandbox/odoo';

/**
 * A switch from one profile to another closes the old profile's write gate while it runs. What the
 * old services audit meanwhile (a send finishing as the person picks another profile) or just after
 * must still land in the old profile's own log: not in the new profile's, and not nowhere, as it
 * did when the held entry was answered with the closed gate again and quietly given up.
 */
const now = () => new Date('2026-03-01T10:00:00Z');
let work: string;
let peer: OdooPeer;
let profiles: ProfileManager;
let host: ServiceHost<Services>;
let unfollow: () => void;

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'markket-switch-profile-audit-'));
  peer = await startOdooPeer({ seed: 'demo', contactCount: 5 });
});
afterEach(async () => {
  unfollow?.();
  await host?.close();
  await peer.close();
  await rm(work, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 });
});

describe("an audit entry of a profile's services while switching to another profile", () => {
  it("goes to that profile's own sealed log, held during the switch or recorded after it, and never to the other profile's", async () => {
    const secrets = createMemorySecretStore();
    profiles = createProfileManager({ store: createProfileStore({ cwd: join(work, 'console'), secrets, now }), createOdooClient, now });
    const odoo = { url: peer.url, database: DEMO_DATABASE, login: DEMO_LOGIN, protocol: 'auto' as const };
    const clinic = await profiles.create({ name: 'Clinic', kind: 'own-odoo', activate: true, hipaa: { enabled: true }, odoo, storeIds: ['demo-store-a'], secrets: { odooApiKey: DEMO_API_KEY } });
    const shop = await profiles.create({ name: 'Shop', kind: 'own-odoo', odoo, storeIds: ['demo-store-a'], secrets: { odooApiKey: DEMO_API_KEY } });
    const registry: LocalDataRegistry = new Map();
    let duringSwitch: (() => void) | null = null;
    const options: ProfileServicesOptions = {
      profiles, secrets, now, localData: registry,
      dataDir: (id) => join(work, 'console', 'profiles', id),
      // Runs while the switch builds the shop's services, the clinic's gate closed.
      onBuilt: async () => duringSwitch?.(),
    };
    host = createServiceHost(await servicesForProfile(clinic.id, options));
    unfollow = followActiveProfile(host, options);
    const onClinic = host.current();

    let held: Promise<void> = Promise.resolve();
    duringSwitch = () => {
      duringSwitch = null;
      held = onClinic.local!.record({ action: 'campaign.sent', details: { campaignId: 'camp_during_switch' } });
    };
    await profiles.activate(shop.id);
    await held;
    // A call the clinic's services were finishing records once the shop is active.
    await onClinic.local!.record({ action: 'campaign.sent', details: { campaignId: 'camp_after_switch' } });

    const clinicLog = registry.get(options.dataDir!(clinic.id))!.audit;
    const shopLog = registry.get(options.dataDir!(shop.id))!.audit;
    const sent = async (log: typeof clinicLog) => (await log.read({ limit: 20 })).entries.filter((e) => e.action === 'campaign.sent').map((e) => e.details.campaignId);
    expect(await sent(clinicLog)).toEqual(['camp_after_switch', 'camp_during_switch']);
    expect(await sent(shopLog)).toEqual([]);

    // Back to the clinic: its log, opened again (sealed, chained), holds both, and an entry the old
    // services record now goes through the newly opened log.
    await profiles.activate(clinic.id);
    await onClinic.local!.record({ action: 'campaign.sent', details: { campaignId: 'camp_after_return' } });
    const reopened = host.current().local!.audit;
    expect(await sent(reopened)).toEqual(['camp_after_return', 'camp_after_switch', 'camp_during_switch']);
    expect(await reopened.verify()).toMatchObject({ ok: true });
    expect(host.current().local!.hipaa).toBe(true);
  }, 60_000);
});
