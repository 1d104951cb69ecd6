import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { SecretStore } from '../secrets/types';

/** The keychain account of the app passphrase's hash (app-wide: one passphrase unlocks the console). */
export const PASSPHRASE_ACCOUNT = 'app:session-passphrase';
export const MIN_PASSPHRASE_LENGTH = 8;

/** scrypt cost: about 50 ms on a laptop, so guessing offline from a stolen hash stays expensive. */
const COST = { N: 16384, r: 8, p: 1 } as const;
const KEY_BYTES = 32;

function derive(passphrase: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), salt, KEY_BYTES, { ...options, maxmem: 64 * 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** `scrypt$N$r$p$salt$hash` (base64): the parameters travel with the hash so they can be raised later. */
export async function hashPassphrase(passphrase: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(passphrase, salt, COST);
  return ['scrypt', COST.N, COST.r, COST.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function passphraseMatches(passphrase: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await derive(passphrase, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Where the app passphrase's hash lives: the keychain only; the passphrase itself is never kept. */
export interface PassphraseStore {
  isSet(): Promise<boolean>;
  /** Replacing a passphrase needs the current one. */
  set(next: string, current?: string): Promise<void>;
  verify(passphrase: string): Promise<boolean>;
}

export function createPassphraseStore(secrets: SecretStore | undefined): PassphraseStore {
  const keychain = (): SecretStore => {
    if (!secrets) throw new AppError('keychain.unavailable', 'No keychain is available, so the console cannot keep a passphrase to unlock it.');
    return secrets;
  };
  let known: boolean | undefined;
  return {
    async isSet() {
      if (!secrets) return false;
      known ??= await secrets.has(PASSPHRASE_ACCOUNT);
      return known;
    },
    async set(next, current) {
      if (next.length < MIN_PASSPHRASE_LENGTH) {
        throw new AppError('input.invalid', `Choose a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters.`, {
          fields: [{ field: 'passphrase', problem: `must be at least ${MIN_PASSPHRASE_LENGTH} characters` }],
        });
      }
      const stored = await keychain().get(PASSPHRASE_ACCOUNT);
      if (stored && !(current !== undefined && (await passphraseMatches(current, stored)))) {
        throw new AppError('input.invalid', 'Enter the current passphrase to replace it.', { fields: [{ field: 'current', problem: 'is not the current passphrase' }] });
      }
      await keychain().set(PASSPHRASE_ACCOUNT, await hashPassphrase(next));
      known = true;
    },
    async verify(passphrase) {
      const stored = secrets ? await secrets.get(PASSPHRASE_ACCOUNT) : null;
      return stored !== null && (await passphraseMatches(passphrase, stored));
    },
  };
}
