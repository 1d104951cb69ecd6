import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { invalidInput } from '../../../shared/rpc';
import {
  CreateProfileInput,
  OfflineCopyLimits,
  ProfileView,
  UpdateProfileInput,
  type Profile,
  type SecretName,
} from '../../../shared/schemas/profile';
import { PROFILE_SECRET_KINDS, profileSecretAccount, type ProfileSecretKind, type SecretStore } from '../secrets/types';
import type { DemoConnectionProvider, ResolvedConnection } from './connection';
import { applyUpdate, buildProfile } from './rules';
import { openSettingsFile } from './settings-file';

export interface ProfileStoreDeps {
  /** The folder the profiles file lives in (Electron: app.getPath('userData'); tests: a temp dir). */
  cwd: string;
  secrets: SecretStore;
  now?: () => Date;
  newId?: () => string;
  /** The demo workspace's peers; without it a demo profile cannot be resolved (e.g. in tests of real Odoo). */
  demo?: DemoConnectionProvider;
}

export interface ProfileStore {
  /** The settings file's path (no secrets in it). */
  readonly path: string;
  list(): Promise<{ profiles: ProfileView[]; activeProfileId: string | null }>;
  get(id: string): Promise<ProfileView>;
  create(input: CreateProfileInput): Promise<ProfileView>;
  update(input: UpdateProfileInput): Promise<ProfileView>;
  /** Removes the profile and its keychain entries (Odoo key, SendGrid key, data key). */
  delete(id: string): Promise<{ id: string; deleted: true; secretsRemoved: number }>;
  /** Saves how much the profile's offline copies may take; the caller applies it to an open cache. */
  setOfflineLimits(id: string, limits: OfflineCopyLimits): Promise<ProfileView>;
  /** Write-only: saves or replaces a secret; the answer says only that it is set. */
  setSecret(id: string, secret: SecretName, value: string): Promise<ProfileView>;
  /** Marks a profile active; answers the previous active id. */
  activate(id: string): Promise<{ profile: ProfileView; previousId: string | null }>;
  active(): Promise<{ profile: ProfileView | null; firstRun: boolean }>;
  /** Main process only: the connection settings with the secrets, for building services. */
  resolveConnection(id: string): Promise<ResolvedConnection>;
}

const SECRET_KIND: Record<SecretName, ProfileSecretKind> = { odoo: 'odoo-api-key', sendgrid: 'sendgrid-api-key' };

export function createProfileStore({ cwd, secrets, now = () => new Date(), newId = defaultId, demo }: ProfileStoreDeps): ProfileStore {
  const file = openSettingsFile(cwd);
  // Read-modify-write of the file around keychain awaits: one mutation at a time.
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };

  function find(id: string): Profile {
    const profile = file.read().profiles.find((candidate) => candidate.id === id);
    if (!profile) throw new AppError('profile.not_found', 'That profile no longer exists. Reload the list of profiles.', { profileId: id });
    return profile;
  }

  async function view(profile: Profile): Promise<ProfileView> {
    // The demo workspace needs no keys: never ask the keychain for it, so the demo runs without one.
    if (profile.kind === 'demo') return { ...profile, secrets: { odooApiKey: false, sendgridApiKey: false } };
    const [odooApiKey, sendgridApiKey] = await Promise.all([
      secrets.has(profileSecretAccount(profile.id, 'odoo-api-key')),
      secrets.has(profileSecretAccount(profile.id, 'sendgrid-api-key')),
    ]);
    return { ...profile, secrets: { odooApiKey, sendgridApiKey } };
  }

  async function saveSecret(profile: Profile, secret: SecretName, value: string): Promise<void> {
    if (profile.kind === 'demo') {
      throw new AppError('profile.invalid', 'The demo workspace needs no API key. Create a profile for your own Odoo to use one.', { profileId: profile.id });
    }
    await secrets.set(profileSecretAccount(profile.id, SECRET_KIND[secret]), value);
  }

  /** Sealed data must outlive the run only with a key that does: refuse HIPAA mode otherwise, saying why. */
  function requireLastingKeychain(turningHipaaOn: boolean): void {
    if (!turningHipaaOn || !secrets.forgottenOnRestart) return;
    throw new AppError(
      'profile.invalid',
      'HIPAA mode cannot be turned on here: this console keeps keys in memory for this run only, while its data folder lasts, so after a restart the encrypted data could not be opened by anyone. Turn HIPAA mode on in the desktop app (it keeps the key in the system keychain).',
      { field: 'hipaa.enabled', reason: 'keychain_not_lasting' },
    );
  }

  return {
    path: file.path,
    async list() {
      const { profiles, activeProfileId } = file.read();
      return { profiles: await Promise.all(profiles.map(view)), activeProfileId };
    },
    get: async (id) => view(find(id)),
    create: (raw) =>
      exclusive(async () => {
        const input = parsed(CreateProfileInput, raw);
        const profile = buildProfile(input, newId(), now().toISOString());
        requireLastingKeychain(profile.hipaa.enabled);
        const written: SecretName[] = [];
        try {
          // Keys first: if the keychain refuses, no half-configured profile is left behind.
          if (input.secrets.odooApiKey) await saveSecret(profile, 'odoo', input.secrets.odooApiKey).then(() => written.push('odoo'));
          if (input.secrets.sendgridApiKey) await saveSecret(profile, 'sendgrid', input.secrets.sendgridApiKey).then(() => written.push('sendgrid'));
        } catch (error) {
          await Promise.allSettled(written.map((name) => secrets.delete(profileSecretAccount(profile.id, SECRET_KIND[name]))));
          throw error;
        }
        const current = file.read();
        file.write({ ...current, profiles: [...current.profiles, profile] });
        return view(profile);
      }),
    update: (raw) =>
      exclusive(async () => {
        const input = parsed(UpdateProfileInput, raw);
        const before = find(input.id);
        const next = applyUpdate(before, input, now().toISOString());
        requireLastingKeychain(next.hipaa.enabled && !before.hipaa.enabled);
        const odooMoved = before.odoo.url !== next.odoo.url || before.odoo.database !== next.odoo.database;
        if (input.secrets?.odooApiKey) await saveSecret(next, 'odoo', input.secrets.odooApiKey);
        // The key belongs to the old server: never send it to the new one. The answer shows it is no longer set.
        else if (odooMoved && next.kind !== 'demo') await secrets.delete(profileSecretAccount(next.id, 'odoo-api-key'));
        if (input.secrets?.sendgridApiKey) await saveSecret(next, 'sendgrid', input.secrets.sendgridApiKey);
        const current = file.read();
        file.write({ ...current, profiles: current.profiles.map((p) => (p.id === next.id ? next : p)) });
        return view(next);
      }),
    delete: (id) =>
      exclusive(async () => {
        find(id);
        // Secrets go first: a profile whose keys could not be removed stays listed, so the
        // owner can retry, instead of leaving orphaned keys nobody can see.
        const removed = await Promise.all(PROFILE_SECRET_KINDS.map((kind) => secrets.delete(profileSecretAccount(id, kind))));
        const current = file.read();
        file.write({
          profiles: current.profiles.filter((p) => p.id !== id),
          activeProfileId: current.activeProfileId === id ? null : current.activeProfileId,
        });
        return { id, deleted: true as const, secretsRemoved: removed.filter(Boolean).length };
      }),
    setOfflineLimits: (id, raw) =>
      exclusive(async () => {
        const offline = parsed(OfflineCopyLimits, raw);
        const next: Profile = { ...find(id), offline, updatedAt: now().toISOString() };
        const current = file.read();
        file.write({ ...current, profiles: current.profiles.map((p) => (p.id === next.id ? next : p)) });
        return view(next);
      }),
    setSecret: (id, secret, value) =>
      exclusive(async () => {
        const profile = find(id);
        await saveSecret(profile, secret, value);
        return view(profile);
      }),
    activate: (id) =>
      exclusive(async () => {
        const profile = find(id);
        const current = file.read();
        file.write({ ...current, activeProfileId: id });
        return { profile: await view(profile), previousId: current.activeProfileId };
      }),
    async active() {
      const { profiles, activeProfileId } = file.read();
      const profile = profiles.find((p) => p.id === activeProfileId);
      return { profile: profile ? await view(profile) : null, firstRun: profiles.length === 0 };
    },
    async resolveConnection(id) {
      const profile = find(id);
      const base = { profileId: profile.id, kind: profile.kind, hipaa: { enabled: profile.hipaa.enabled, idleLockMinutes: profile.hipaa.idleLockMinutes } };
      if (profile.kind === 'demo') {
        if (!demo) throw new AppError('odoo.not_configured', 'The demo workspace is not available in this mode. Create a profile for your Odoo instead.', { profileId: id });
        const peers = await demo();
        return { ...base, odoo: peers.odoo, sendgrid: peers.sendgrid, storeIds: profile.storeIds.length > 0 ? profile.storeIds : (peers.storeIds ?? []) };
      }
      const [odooKey, sendgridKey] = await Promise.all([
        secrets.get(profileSecretAccount(id, 'odoo-api-key')),
        secrets.get(profileSecretAccount(id, 'sendgrid-api-key')),
      ]);
      if (odooKey === null) {
        throw new AppError('odoo.not_configured', `No Odoo API key is saved for the profile "${profile.name}". Add it in Settings → Profiles.`, { profileId: id });
      }
      const sendgrid = sendgridKey === null ? undefined : { apiKey: sendgridKey, region: profile.sendgrid.region, webhookPublicKey: profile.sendgrid.webhookPublicKey, delivery: profile.sendgrid.delivery };
      return { ...base, odoo: { ...profile.odoo, apiKey: odooKey }, sendgrid, storeIds: profile.storeIds };
    },
  };
}

/** Callers inside main get the same input.invalid error as the transports, naming the field. */
function parsed<T extends z.ZodType>(schema: T, raw: unknown): z.output<T> {
  const result = schema.safeParse(raw);
  if (!result.success) throw invalidInput(result.error, 'profile');
  return result.data;
}

function defaultId(): string {
  return `p_${randomBytes(9).toString('base64url').replace(/[-_]/g, 'x')}`;
}
