import type { KnownStore } from '../core/marketing';
import type { ProfileManager } from '../core/profiles';
import type { ProfileKind } from '../../shared/schemas/profile';
import { isAppError } from '../../shared/errors';
import { createServices, type DesktopIntegration, type Services } from './services';
import type { ServiceHost } from './service-host';
import { openLocalData, type LocalDataRegistry } from './local-data';
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
  /** The newest local data per profile folder, shared by successive services of one console. */
  localData?: LocalDataRegistry;
  /** Native dialogs of the desktop app. */
  desktop?: DesktopIntegration;
  /**
   * Where a real profile's SendGrid API is reached instead of SendGrid's host for its region. Only
   * tests set it (the SendGrid peer standing in for api.sendgrid.com on its own loopback address).
   */
  sendgridBaseUrl?: string;
  /** Runs once the services of a profile exist (the demo seeds its store's extensions here). */
  onBuilt?: (services: Services, kind: ProfileKind) => Promise<void>;
}

/** Services for a profile (null: none active), with its keys resolved from the keychain. */
export async function servicesForProfile(profileId: string | null, options: ProfileServicesOptions): Promise<Services> {
  const { profiles, now } = options;
  const platform = { ...(options.secrets ? { secrets: options.secrets } : {}), ...(options.desktop ? { desktop: options.desktop } : {}) };
  if (!profileId) return createServices({ odoo: null, profiles, now, ...platform });
  const connection = await profiles.resolveConnection(profileId).catch((error: unknown) => {
    // A profile without its Odoo key (never set, or dropped when the address changed) is still the
    // active one: its operations answer odoo.not_configured until the key is saved, and the change
    // that caused it does not fail.
    if (isAppError(error) && error.code === 'odoo.not_configured') return null;
    throw error;
  });
  if (!connection) return createServices({ odoo: null, profiles, now, ...platform });
  const stores: KnownStore[] = connection.storeIds.map((id) => ({ id, name: options.storeNames?.[id] ?? id }));
  const profile = await profiles.get(profileId);
  // SendGrid signs no BAA: a HIPAA profile delivering through its Odoo's own mail server never
  // reaches SendGrid, not for templates, stats or suppressions either, even with a key still saved
  // from before. Only the acknowledged choice of SendGrid delivery brings it back (issue 18).
  const sendgridWithheld = profile.hipaa.enabled && profile.sendgrid.delivery === 'odoo-mail-server';
  const sendgrid = connection.sendgrid && !sendgridWithheld
    ? {
        apiKey: connection.sendgrid.apiKey,
        region: connection.sendgrid.region,
        webhookPublicKey: connection.sendgrid.webhookPublicKey,
        // Only the demo's SendGrid peer has one; real profiles reach SendGrid's host for their region.
        ...(connection.sendgrid.baseUrl ? { baseUrl: connection.sendgrid.baseUrl } : options.sendgridBaseUrl ? { baseUrl: options.sendgridBaseUrl } : {}),
      }
    : null;
  const dataDir = options.dataDir?.(profileId);
  // Drafts, outbox, audit log and cache of this profile (sealed when it is in HIPAA mode).
  const local = dataDir ? await openLocalData({ dir: dataDir, profile, now: now ?? (() => new Date()), ...(options.secrets ? { secrets: options.secrets } : {}), ...(options.localData ? { registry: options.localData } : {}) }) : undefined;
  const services = createServices({
    odoo: connection.odoo, profiles, now, stores, sendgrid,
    delivery: profile.sendgrid.delivery,
    ...(dataDir ? { dataDir } : {}),
    ...(local ? { local } : {}),
    ...platform,
  });
  await options.onBuilt?.(services, connection.kind);
  // Webhook batches an earlier run stored (and answered 2xx) but did not apply: apply them now.
  services.webhookInbox.resume();
  return services;
}

/**
 * Keeps the host on the active profile: after every activation the services are rebuilt and the
 * old ones (caches, Odoo session) dropped. If resolving the new profile fails, the error reaches
 * profiles.activate, which restores the previous profile; the host never switched.
 */
export function followActiveProfile(host: ServiceHost<Services>, options: ProfileServicesOptions): () => void {
  return options.profiles.onActivate((profile) =>
    host.switchTo(async (current) => {
      // The old services may still be storing or applying webhook events, writing the data folder
      // (extension meta, the spool) as it was: let them finish before a HIPAA change converts the
      // folder, or a plain write lands in a sealed folder and the profile can no longer be opened.
      // Batches arriving meanwhile wait for the new services (the webhook asks host.settled()).
      await current.webhookInbox.whenIdle();
      // Likewise a draft push running in the background (it rewrites the draft and the outbox when
      // Odoo answers): none starts and nothing more is written by the old services, until the new
      // ones take over, or again if the change fails.
      const resume = await current.local?.quiesce();
      let next: Services;
      try {
        next = await servicesForProfile(profile?.id ?? null, options);
      } catch (error) {
        resume?.();
        throw error;
      }
      // Audit entries held at the old gate go to the log of the folder's newest data. A switch to
      // another profile (or to none) leaves this folder as it was: its gate opens again for them.
      if (next.local?.dir === current.local?.dir) current.local?.settle();
      else current.local?.release();
      return next;
    }),
  );
}
