/**
 * Where the console keeps secrets (Odoo API keys, SendGrid keys, the local data key).
 * Only the main process holds one; `get` never crosses the contract — the renderer can only learn
 * whether a secret is set (Bitwarden's rule: key material is never exposed over IPC).
 */
export interface SecretStore {
  set(account: string, secret: string): Promise<void>;
  has(account: string): Promise<boolean>;
  /** Main process only; never exposed through the contract. */
  get(account: string): Promise<string | null>;
  /** Resolves true when something was deleted, false when there was nothing to delete. */
  delete(account: string): Promise<boolean>;
  /**
   * True when the secrets are gone after a restart while the data folder stays (browser mode with
   * --data-dir keeps keys in memory): a HIPAA data key kept here would leave sealed data no one can open.
   */
  readonly forgottenOnRestart?: boolean;
}

/** `audit-key` seals the audit log's entries and `audit-head` anchors its newest one (core/audit/keyring.ts). */
export type ProfileSecretKind = 'odoo-api-key' | 'sendgrid-api-key' | 'data-key' | 'audit-key' | 'audit-head';

export const PROFILE_SECRET_KINDS: readonly ProfileSecretKind[] = ['odoo-api-key', 'sendgrid-api-key', 'data-key', 'audit-key', 'audit-head'];

/** The keychain account of one of a profile's secrets, e.g. `profile:p_ab12:odoo-api-key`. */
export function profileSecretAccount(profileId: string, kind: ProfileSecretKind): string {
  return `profile:${profileId}:${kind}`;
}
