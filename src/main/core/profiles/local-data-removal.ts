import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { createAesGcmCipher, dataKeyAccount, isFolderSealed, type Cipher } from '../crypto';
import { extensionKeyAccount } from '../extensions/registry';
import { readJsonFile } from '../local-data/atomic';
import type { SecretStore } from '../secrets/types';

/** Only the ids of the records in <profileDir>/extensions.json: the rest is not needed to find their keys. */
const ExtensionIds = z.object({ records: z.array(z.looseObject({ id: z.string() })) });

/**
 * Removes what a deleted profile leaves on this computer: its extensions' keys in the keychain
 * (found through the records in its folder, opened with its data key when the folder is sealed)
 * and the folder itself (drafts, outbox, cache, audit log). Runs before the profile's data key
 * is deleted, since that key is the only way to read sealed records.
 */
export async function removeProfileLocalData({ dir, profileId, secrets }: { dir: string; profileId: string; secrets: SecretStore }): Promise<{ extensionKeysRemoved: number }> {
  let cipher: Cipher | undefined;
  let readable = true;
  if (await isFolderSealed(dir)) {
    // Read the key without creating one: a lost key must not keep the owner from deleting the profile.
    const stored = await secrets.get(dataKeyAccount(profileId));
    if (stored) cipher = createAesGcmCipher(Buffer.from(stored, 'base64'));
    else readable = false;
  }
  const file = readable ? await readJsonFile(join(dir, 'extensions.json'), ExtensionIds, cipher) : undefined;
  const removed = await Promise.all((file?.records ?? []).map((record) => secrets.delete(extensionKeyAccount(record.id))));
  await rm(dir, { recursive: true, force: true });
  return { extensionKeysRemoved: removed.filter(Boolean).length };
}
