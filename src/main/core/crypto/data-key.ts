import { randomBytes } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import { profileSecretAccount, type SecretStore } from '../secrets/types';
import { createAesGcmCipher, DATA_KEY_BYTES, type Cipher } from './cipher';
import { isFolderSealed } from './reseal';

export const dataKeyAccount = (profileId: string): string => profileSecretAccount(profileId, 'data-key');

export interface DataKeyOptions {
  /** The profile's data folder: if it is already sealed, a missing key is refused instead of created. */
  folder?: string;
}

/**
 * The profile's 32-byte data key, created on first use and kept only in the keychain (base64).
 * A key that is present but malformed is an error, never silently replaced: replacing it would
 * make every file sealed with the old key unreadable. For the same reason a key missing while the
 * folder is sealed is an error: a new key could open nothing there.
 */
export async function getOrCreateDataKey(secrets: SecretStore, profileId: string, options: DataKeyOptions = {}): Promise<Buffer> {
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
  if (options.folder && (await isFolderSealed(options.folder))) {
    throw new AppError(
      'profile.invalid',
      "This profile's local data (drafts, audit log, cached data) was encrypted with a key that this computer's keychain no longer has, so it cannot be opened. " +
        'Restore the keychain that held the key, or delete the profile\'s local data to start afresh. ' +
        '(In browser mode keys are kept in memory for one run only, so a HIPAA profile in a lasting --data-dir cannot be opened after a restart.)',
      { profileId, account },
    );
  }
  const key = randomBytes(DATA_KEY_BYTES);
  await secrets.set(account, key.toString('base64'));
  return key;
}

/** The cipher a HIPAA profile's drafts, outbox, audit log and cache use. */
export async function createProfileCipher(secrets: SecretStore, profileId: string, options: DataKeyOptions = {}): Promise<Cipher> {
  return createAesGcmCipher(await getOrCreateDataKey(secrets, profileId, options));
}
