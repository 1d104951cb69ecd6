import type { KnownStore } from '../core/marketing';
import type { ProfileManager } from '../core/profiles';
import { createServices, type Services } from './services';
import type { ServiceHost } from './service-host';
import { openLocalData } from './local-services';
import type { SecretStore } from '../core/secrets';

export interface ProfileServicesOptions {
  profiles: ProfileManager;
  now?: () => Date;
  /** Names for store ids (e.g. the demo store's); a store without one is shown by its id. */
  storeNames?: Readonly<Record<string, string>>;
  /** The profile's data folder (extension records, applied webhook events); in memory when absent. */
  dataDir?: (profileId: string) => string;
  /** The keychain: a HIPAA profile's data key and the app passphrase live there. */
  secrets?: SecretStore;
}

/** Services for a profile (null: none active), with its keys resolved from the keychain. */
export async function servicesForProfile(profileId: string | null, options: ProfileServicesOptions): Promise<Services> {
  const { profiles, now } = options;
  if (!profileId) return createServices({ odoo: null, profiles, now, ...(options.secrets ? { secrets: options.secrets } : {}) });
  const connection = await profiles.resolveConnection(profileId);
  const stores: KnownStore[] = connection.storeIds.map((id) => ({ id, name: options.storeNames?.[id] ?? id }));
  const sendgrid = connection.sendgrid
    ? { apiKey: connection.sendgrid.apiKey, region: connection.sendgrid.region, webhookPublicKey: connection.sendgrid.webhookPublicKey }
    : null;
  const dataDir = options.dataDir?.(profileId);
  // Drafts, outbox, audit log and cache of this profile (sealed when it is in HIPAA mode).
  const local = dataDir ? await openLocalData({ dir: dataDir, profile: await profiles.get(profileId), now: now ?? (() => new Date()), ...(options.secrets ? { secrets: options.secrets } : {}) }) : undefined;
  return createServices({
    odoo: connection.odoo, profiles, now, stores, sendgrid,
    ...(dataDir ? { dataDir } : {}),
    ...(local ? { local } : {}),
    ...(options.secrets ? { secrets: options.secrets } : {}),
  });
}

/**
 * Keeps the host on the active profile: after every activation the services are rebuilt and the
 * old ones (caches, Odoo session) dropped. If resolving the new profile fails, the error reaches
 * profiles.activate, which restores the previous profile; the host never switched.
 */
export function followActiveProfile(host: ServiceHost<Services>, options: ProfileServicesOptions): () => void {
  return options.profiles.onActivate(async (profile) => {
    await host.replace(await servicesForProfile(profile?.id ?? null, options));
  });
}
