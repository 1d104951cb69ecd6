import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import { invalidInput } from '../../../shared/rpc';
import {
  type CredentialsInput,
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
  if ('use_default' in previous) return true;
  return previous.url !== input.url || previous.database !== input.database;
}

export const extensionKeyAccount = (extensionId: string) => `extension:${extensionId}:odoo-api-key`;

/**
 * Adds, edits and removes a store's extension records. An api_key that arrives inline (as the spec's
 * records allow) goes to the keychain and is stripped: the stored record only says whether one is set.
 */
export function createExtensionRegistry(deps: { store: ExtensionStore; secrets: ExtensionSecrets; newId?: () => string }) {
  const newId = deps.newId ?? (() => `ext_${randomUUID()}`);

  async function storeCredentials(id: string, input: CredentialsInput, previous?: StoredCredentials): Promise<StoredCredentials> {
    const account = extensionKeyAccount(id);
    if ('use_default' in input) {
      if (previous && !('use_default' in previous)) await deps.secrets.delete(account);
      return { use_default: true };
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
      credentials: await storeCredentials(id, input.credentials),
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
    const credentials = patch.credentials === undefined ? current.credentials : await storeCredentials(id, merged.data.credentials, current.credentials);
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
    return existed;
  }

  return { add, update, remove, list: deps.store.list, get: deps.store.get };
}

export type ExtensionRegistry = ReturnType<typeof createExtensionRegistry>;
