import type { SecretStore } from './types';

/**
 * A FAKE secret store that keeps secrets in memory, for unit tests of other features.
 * Never wire it into the app: the console keeps secrets only in the OS keychain.
 */
export function createMemorySecretStore(initial: Record<string, string> = {}): SecretStore & { accounts(): string[] } {
  const secrets = new Map(Object.entries(initial));
  return {
    set: async (account, secret) => {
      secrets.set(account, secret);
    },
    has: async (account) => secrets.has(account),
    get: async (account) => secrets.get(account) ?? null,
    delete: async (account) => secrets.delete(account),
    accounts: () => [...secrets.keys()],
  };
}
