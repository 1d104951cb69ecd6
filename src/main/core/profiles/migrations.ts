/**
 * The profiles file's own version (not the app's): conf runs every migration newer than the
 * version recorded in the file (`__internal__.migrations.version`), up to SETTINGS_VERSION.
 *
 * History:
 * - 1.0.0: a profile carried `hipaaMode: boolean` and an optional `sendgrid.delivery`.
 * - 2.0.0: `hipaa: { enabled, idleLockMinutes }` (auto-lock needs a per-profile idle time) and
 *   `sendgrid.delivery` always set — a HIPAA profile defaults to the Odoo's own mail server because
 *   SendGrid signs no BAA.
 * Migrations work on the raw JSON: they must accept anything an older console wrote, and the
 * zod check on read catches what they could not repair.
 */
export const SETTINGS_VERSION = '2.0.0';

export const DEFAULT_IDLE_LOCK_MINUTES = 15;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One v1 profile → v2. Leaves a profile that is already v2 as it is. */
export function migrateProfileV1ToV2(profile: unknown): unknown {
  if (!isObject(profile) || isObject(profile.hipaa)) return profile;
  const { hipaaMode, ...rest } = profile;
  const enabled = hipaaMode === true;
  const sendgrid = isObject(rest.sendgrid) ? rest.sendgrid : {};
  // v1 let a HIPAA profile keep SendGrid without any acknowledgment; v2 requires one, so an old
  // HIPAA profile falls back to the Odoo mail server until the owner acknowledges again.
  const delivery = enabled ? 'odoo-mail-server' : (sendgrid.delivery ?? 'sendgrid-relay');
  return {
    ...rest,
    sendgrid: { region: 'global', ...sendgrid, delivery },
    hipaa: { enabled, idleLockMinutes: DEFAULT_IDLE_LOCK_MINUTES },
  };
}

/** The store-level v2 migration: what conf calls with the whole file. */
export function migrateSettingsV1ToV2(read: (key: string) => unknown, write: (key: string, value: unknown) => void): void {
  const profiles = read('profiles');
  if (Array.isArray(profiles)) write('profiles', profiles.map(migrateProfileV1ToV2));
}
