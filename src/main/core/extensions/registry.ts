import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import { invalidInput } from '../../../shared/rpc';
import {
  type CredentialsInput,
  type ExtensionKey,
  ExtensionRecord,
  ExtensionRecordInput,
  type StoredCredentials,
  defaultTriggers,
} from '../../../shared/schemas/extension';
import { parseConfig } from './runner';
import type { ExtensionStore } from './types';

/** The part of the secret store the registry needs (the keychain in the app). */
export interface ExtensionSecrets {
  set(account: string, secret: string): Promise<void>;
  has(account: string): Promise<boolean>;
  delete(account: string): Promise<boolean>;
}

function movedServer(previous: StoredCredentials, input: { url: string; database: string }): boolean {
  if (!('url' in previous)) return true;
  return previous.url !== input.url || previous.database !== input.database;
}

export const extensionKeyAccount = (extensionId: string) => `extension:${extensionId}:odoo-api-key`;
/** The stats extension's own SendGrid key (the spec's `"credentials": { "api_key": "SG...." }`). */
export const extensionSendgridKeyAccount = (extensionId: string) => `extension:${extensionId}:sendgrid-api-key`;

/**
 * Adds, edits and removes a store's extension records. An api_key that arrives inline (as the spec's
 * records allow) goes to the keychain and is stripped: the stored record only says whether one is set.
 */
export function createExtensionRegistry(deps: { store: ExtensionStore; secrets: ExtensionSecrets; newId?: () => string }) {
  const newId = deps.newId ?? (() => `ext_${randomUUID()}`);

  async function storeCredentials(id: string, key: ExtensionKey, input: CredentialsInput, previous?: StoredCredentials): Promise<StoredCredentials> {
    const account = extensionKeyAccount(id);
    const sendgridAccount = extensionSendgridKeyAccount(id);
    // A key kept for a kind of credentials the record no longer has is dropped with them.
    const sendgridKey = (c: CredentialsInput | StoredCredentials) => !('use_default' in c) && !('url' in c);
    if (previous && 'url' in previous && !('url' in input)) await deps.secrets.delete(account);
    if (previous && sendgridKey(previous) && !sendgridKey(input)) await deps.secrets.delete(sendgridAccount);
    if ('use_default' in input) return { use_default: true };
    if (!('url' in input)) {
      if (key !== 'markket:sendgrid:stats') {
        throw new AppError('input.invalid', `An api_key alone is a SendGrid key, which only the markket:sendgrid:stats extension takes. For ${key} on the store's own Odoo, give url, database and api_key; on the profile's Odoo, { "use_default": true }.`, {
          fields: [{ field: 'credentials', problem: 'needs url and database with the api_key, or use_default' }],
        });
      }
      await deps.secrets.set(sendgridAccount, input.api_key);
      return { api_key_set: true };
    }
    if (input.api_key) await deps.secrets.set(account, input.api_key);
    // The saved key belongs to the server it was given for: a new address or database without a new
    // key drops it and asks for it again, so it is never sent to another host (the profile rule).
    else if (previous && movedServer(previous, input)) await deps.secrets.delete(account);
    const apiKeySet = await deps.secrets.has(account);
    return { url: input.url, database: input.database, ...(input.login ? { login: input.login } : {}), api_key_set: apiKeySet };
  }

  async function add(storeId: string, raw: unknown) {
    const parsed = ExtensionRecordInput.safeParse(raw);
    if (!parsed.success) throw invalidInput(parsed.error, 'extension record');
    const input = parsed.data;
    const config = parseConfig(input.key, input.config);
    const id = newId();
    const record = ExtensionRecord.parse({
      id,
      storeId,
      key: input.key,
      triggers: input.triggers ?? defaultTriggers[input.key],
      credentials: await storeCredentials(id, input.key, input.credentials),
      config,
      active: input.active,
      meta: { execution_log: [] },
    });
    await deps.store.save(record);
    return record;
  }

  async function update(id: string, patch: { credentials?: unknown; config?: unknown; active?: boolean; triggers?: unknown }) {
    const current = await deps.store.get(id);
    if (!current) throw new AppError('not_found', 'That extension does not exist (it may have been deleted).', { id });
    const merged = ExtensionRecordInput.safeParse({
      key: current.key,
      triggers: patch.triggers ?? current.triggers,
      ...(patch.credentials === undefined ? {} : { credentials: patch.credentials }),
      config: patch.config ?? current.config,
      active: patch.active ?? current.active,
    });
    if (!merged.success) throw invalidInput(merged.error, 'extension record');
    // Credentials left out of the patch stay as they are (and are not re-validated: an old record's
    // address is checked where it is used, in keychainStoreOdoo).
    const credentials = patch.credentials === undefined ? current.credentials : await storeCredentials(id, current.key, merged.data.credentials, current.credentials);
    const next = ExtensionRecord.parse({
      ...current,
      triggers: merged.data.triggers ?? current.triggers,
      credentials,
      config: parseConfig(current.key, merged.data.config),
      active: merged.data.active,
    });
    await deps.store.save(next);
    return next;
  }

  async function remove(id: string) {
    const existed = await deps.store.delete(id);
    await deps.secrets.delete(extensionKeyAccount(id));
    await deps.secrets.delete(extensionSendgridKeyAccount(id));
    return existed;
  }

  return { add, update, remove, list: deps.store.list, get: deps.store.get };
}

export type ExtensionRegistry = ReturnType<typeof createExtensionRegistry>;
