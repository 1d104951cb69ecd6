import { AppError } from '../../../shared/errors';
import type { ExtensionRecord } from '../../../shared/schemas/extension';
import { keySafeOdooUrl } from '../../../shared/schemas/odoo-url';
import { createOdooClient, type OdooClient, type OdooClientDeps } from '../odoo';
import { extensionKeyAccount } from './registry';
import type { StoreOdoo } from './runner';

export interface SecretReader {
  get(account: string): Promise<string | null>;
}

/**
 * Builds the Odoo client of an extension that uses the store's own Odoo. The key is read from the
 * keychain at run time: a record never holds it (the registry strips an inline api_key on save),
 * so even a record file copied off the machine cannot reach the store's Odoo.
 */
export function keychainStoreOdoo(deps: { secrets: SecretReader; odooDeps?: OdooClientDeps; createClient?: typeof createOdooClient }) {
  const create = deps.createClient ?? createOdooClient;
  return async (record: ExtensionRecord): Promise<StoreOdoo & { close(): Promise<void> }> => {
    const credentials = record.credentials;
    if (!('url' in credentials)) throw new AppError('internal', 'This extension uses the profile Odoo, not its own.');
    // Records saved before addresses were checked may still say plain http:// to another computer:
    // the key is not read, let alone sent, until the address is corrected.
    if (!keySafeOdooUrl(credentials.url)) {
      throw new AppError('input.invalid', `The extension ${record.key} points at ${credentials.url}, which is not https://. Change the address to https:// (plain http:// only for this computer) so the API key never travels unencrypted.`, {
        extensionId: record.id,
        fields: [{ field: 'credentials.url', problem: 'must start with https://' }],
      });
    }
    const apiKey = await deps.secrets.get(extensionKeyAccount(record.id));
    if (!apiKey) {
      throw new AppError('odoo.not_configured', `The extension ${record.key} points at its own Odoo (${credentials.url}) but no API key for it is in the keychain. Enter the key again in the extension settings.`, {
        extensionId: record.id,
        field: 'credentials.api_key',
      });
    }
    const client: OdooClient = create({ url: credentials.url, database: credentials.database, login: credentials.login ?? 'admin', apiKey }, deps.odooDeps);
    return { client, credentials: { source: 'store', url: credentials.url, database: credentials.database }, close: () => client.close() };
  };
}
