import { AsyncEntry } from '@napi-rs/keyring';
import { AppError } from '../../../shared/errors';
import { keychainError } from './errors';
import type { SecretStore } from './types';

export interface KeychainStoreOptions {
  /** The keychain "service" every entry is filed under. */
  service: string;
  platform?: NodeJS.Platform;
}

// gnome-keyring 42 mishandles overlapping calls on one item: two writes of the same entry in flight at once fail
// with "Object does not exist" and the daemon logs "already registered" (the test suite has also seen it abort).
// The audit head is rewritten on every audit entry, so such overlaps are ordinary here: calls on one entry, from
// any store of this process, wait their turn. Calls on different entries still run side by side.
const inFlight = new Map<string, Promise<void>>();

/**
 * The OS keychain (macOS Keychain, Windows Credential Manager, Linux Secret Service) through
 * @napi-rs/keyring: a maintained N-API binding with prebuilt binaries (no per-Electron rebuild,
 * no libsecret needed), chosen over the archived keytar.
 * There is deliberately no fallback: when the keychain is missing or locked, every call fails with
 * keychain.unavailable / keychain.locked and nothing is written anywhere else.
 */
export function createKeychainStore({ service, platform = process.platform }: KeychainStoreOptions): SecretStore {
  const entry = (account: string) => new AsyncEntry(service, checkedAccount(account));

  function run<T>(operation: string, account: string, work: () => Promise<T>): Promise<T> {
    const key = `${service}\n${account}`;
    const previous = inFlight.get(key) ?? Promise.resolve();
    const mine = previous.then(async () => {
      try {
        // work() runs inside the try so a malformed account name rejects instead of throwing synchronously.
        return await work();
      } catch (error) {
        throw keychainError(error, operation, platform);
      }
    });
    const settled = mine.then(() => undefined, () => undefined);
    inFlight.set(key, settled);
    void settled.then(() => {
      if (inFlight.get(key) === settled) inFlight.delete(key);
    });
    return mine;
  }

  return {
    set: async (account, secret) => {
      if (secret.length === 0) throw new AppError('input.invalid', 'An empty secret cannot be saved; paste the key again.');
      await run('set', account, () => entry(account).setPassword(secret));
    },
    has: (account) => run('has', account, async () => (await entry(account).getPassword()) !== null),
    get: (account) => run('get', account, () => entry(account).getPassword()),
    delete: (account) => run('delete', account, () => entry(account).deleteCredential()),
  };
}

function checkedAccount(account: string): string {
  if (!/^[A-Za-z0-9_.:-]{1,200}$/.test(account)) {
    throw new AppError('internal', 'The console asked the keychain for a malformed entry name.', { account });
  }
  return account;
}
