import { AsyncEntry } from '@napi-rs/keyring';
import { AppError } from '../../../shared/errors';
import { keychainError } from './errors';
import type { SecretStore } from './types';

export interface KeychainStoreOptions {
  /** The keychain "service" every entry is filed under. */
  service: string;
  platform?: NodeJS.Platform;
}

/**
 * The OS keychain (macOS Keychain, Windows Credential Manager, Linux Secret Service) through
 * @napi-rs/keyring: a maintained N-API binding with prebuilt binaries (no per-Electron rebuild,
 * no libsecret needed), chosen over the archived keytar.
 * There is deliberately no fallback: when the keychain is missing or locked, every call fails with
 * keychain.unavailable / keychain.locked and nothing is written anywhere else.
 */
export function createKeychainStore({ service, platform = process.platform }: KeychainStoreOptions): SecretStore {
  const entry = (account: string) => new AsyncEntry(service, checkedAccount(account));

  async function run<T>(operation: string, work: () => Promise<T>): Promise<T> {
    try {
      // work() runs inside the try so a malformed account name rejects instead of throwing synchronously.
      return await work();
    } catch (error) {
      throw keychainError(error, operation, platform);
    }
  }

  return {
    set: async (account, secret) => {
      if (secret.length === 0) throw new AppError('input.invalid', 'An empty secret cannot be saved; paste the key again.');
      await run('set', () => entry(account).setPassword(secret));
    },
    has: (account) => run('has', async () => (await entry(account).getPassword()) !== null),
    get: (account) => run('get', () => entry(account).getPassword()),
    delete: (account) => run('delete', () => entry(account).deleteCredential()),
  };
}

function checkedAccount(account: string): string {
  if (!/^[A-Za-z0-9_.:-]{1,200}$/.test(account)) {
    throw new AppError('internal', 'The console asked the keychain for a malformed entry name.', { account });
  }
  return account;
}
