import { randomBytes } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import { profileSecretAccount, type SecretStore } from '../secrets/types';
import { createAesGcmCipher, DATA_KEY_BYTES, type Cipher } from './cipher';

export const dataKeyAccount = (profileId: string): string => profileSecretAccount(profileId, 'data-key');

/**
 * The profile's 32-byte data key, created on first use and kept only in the keychain (base64).
 * A key that is present but malformed is an error, never silently replaced: replacing it would
 * make every file sealed with the old key unreadable.
 */
export async function getOrCreateDataKey(secrets: SecretStore, profileId: string): Promise<Buffer> {
  const account = dataKeyAccount(profileId);
  const stored = await secrets.get(account);
  if (stored) {
    const key = Buffer.from(stored, 'base64');
    if (key.length !== DATA_KEY_BYTES) {
      throw new AppError('internal', "This profile's local data key in the keychain is damaged, so its encrypted drafts and audit log cannot be opened.", {
        account,
      });
    }
    return key;
  }
  const key = randomBytes(DATA_KEY_BYTES);
  await secrets.set(account, key.toString('base64'));
  return key;
}

/** The cipher a HIPAA profile's drafts, outbox, audit log and cache use. */
export async function createProfileCipher(secrets: SecretStore, profileId: string): Promise<Cipher> {
  return createAesGcmCipher(await getOrCreateDataKey(secrets, profileId));
}
