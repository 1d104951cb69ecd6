import type { ConnectionReport, CreateProfileInput, ProfileView } from '../../../shared/schemas/profile';
import type { ProfileStore } from './store';
import { AppError } from '../../../shared/errors';
import { notTestedReport, testOdooConnection, type OdooClientFactory } from './test-connection';

/** Called after the active profile changed (null: the active profile was deleted). The host rebuilds its services here. */
export type ActivationListener = (profile: ProfileView | null) => void | Promise<void>;

export interface ProfileManager extends Omit<ProfileStore, 'activate' | 'create'> {
  /** Creates a profile; with `activate: true` it also becomes the active one (listeners run). */
  create(input: CreateProfileInput): Promise<ProfileView>;
  /**
   * Makes a profile the active one and waits for every listener (services rebuilt, caches dropped).
   * When a listener fails, the previous profile is restored and the error is reported.
   */
  activate(id: string): Promise<ProfileView>;
  testConnection(id: string): Promise<ConnectionReport>;
  onActivate(listener: ActivationListener): () => void;
}

export interface ProfileManagerDeps {
  store: ProfileStore;
  createOdooClient: OdooClientFactory;
  now?: () => Date;
  /**
   * Runs before a profile is deleted, while its keys are still in the keychain: removes what it
   * left on this computer (its data folder, its extensions' keys). A failure keeps the profile.
   */
  beforeDelete?: (id: string) => Promise<void>;
}

export function createProfileManager({ store, createOdooClient, now = () => new Date(), beforeDelete }: ProfileManagerDeps): ProfileManager {
  const listeners = new Set<ActivationListener>();

  async function notify(profile: ProfileView | null): Promise<void> {
    for (const listener of listeners) await listener(profile);
  }

  const servicesSettings = (p: ProfileView) => JSON.stringify([p.kind, p.odoo, p.storeIds, p.sendgrid, p.hipaa]);

  /**
   * A change to the active profile (its Odoo, stores, keys, HIPAA mode) takes effect at once: the
   * services are rebuilt as on a switch, so e.g. turning HIPAA on seals what is written next.
   */
  async function refreshIfActive<T extends { id: string }>(changed: T): Promise<T> {
    const active = (await store.active()).profile;
    if (active?.id === changed.id) await notify(active);
    return changed;
  }

  async function activate(id: string): Promise<ProfileView> {
    const { profile, previousId } = await store.activate(id);
    if (previousId === id) return profile;
    try {
      await notify(profile);
    } catch (error) {
      if (previousId !== null) await store.activate(previousId).catch(() => undefined);
      throw error;
    }
    return profile;
  }

  return {
    get path() {
      return store.path;
    },
    list: () => store.list(),
    get: (id) => store.get(id),
    async create(input) {
      const created = await store.create(input);
      return input.activate ? activate(created.id) : created;
    },
    async update(input) {
      const before = await store.get(input.id);
      const after = await store.update(input);
      // A new name changes nothing the services use; a new Odoo, store, SendGrid or HIPAA setting does.
      return servicesSettings(before) === servicesSettings(after) ? after : refreshIfActive(after);
    },
    async delete(id) {
      const wasActive = (await store.active()).profile?.id === id;
      await store.get(id);
      await beforeDelete?.(id);
      const result = await store.delete(id);
      if (wasActive) await notify(null);
      return result;
    },
    // Only the cache reads it, and the host applies it to the open one: no rebuild of the services.
    setOfflineLimits: (id, limits) => store.setOfflineLimits(id, limits),
    async setSecret(id, secret, value) {
      return refreshIfActive(await store.setSecret(id, secret, value));
    },
    activate,
    active: () => store.active(),
    resolveConnection: (id) => store.resolveConnection(id),
    async testConnection(id) {
      let connection;
      try {
        connection = await store.resolveConnection(id);
      } catch (error) {
        // A missing key is a finding of the test, not a failure of it.
        if (error instanceof AppError && error.code === 'odoo.not_configured') return notTestedReport(id, (await store.get(id)).odoo.login, error, now);
        throw error;
      }
      return testOdooConnection({ profileId: id, connection: connection.odoo, createClient: createOdooClient, now });
    },
    onActivate(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
