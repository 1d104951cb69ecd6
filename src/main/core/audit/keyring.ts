import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { profileSecretAccount, type SecretStore } from '../secrets/types';

/** The newest entry the log is known to have reached: a shorter file was cut. */
export const AuditAnchor = z.object({ seq: z.number().int().positive(), hash: z.string().regex(/^[0-9a-f]{64}$/) });
export type AuditAnchor = z.infer<typeof AuditAnchor>;

/**
 * What makes the audit log tamper-evident beyond its own file: the key its entries are sealed
 * with (HMAC-SHA256) and the anchor of its head, both kept in the OS keychain. Someone who can
 * edit the file but not the keychain can neither re-seal an edited entry nor cut entries off the end.
 */
export interface AuditKeyring {
  /** The MAC key; `create` only under the log's append queue, so two instances never make two keys. */
  key(options: { create: boolean }): Promise<Buffer | null>;
  anchor(): Promise<AuditAnchor | null>;
  setAnchor(anchor: AuditAnchor): Promise<void>;
}

const KEY_BYTES = 32;

export function createAuditKeyring(secrets: SecretStore, profileId: string): AuditKeyring {
  const keyAccount = profileSecretAccount(profileId, 'audit-key');
  const anchorAccount = profileSecretAccount(profileId, 'audit-head');
  let cached: Buffer | undefined;

  async function key({ create }: { create: boolean }): Promise<Buffer | null> {
    if (cached) return cached;
    const stored = await secrets.get(keyAccount);
    if (stored) {
      const bytes = Buffer.from(stored, 'base64');
      // A damaged key is never replaced: a new one would make every sealed entry look forged.
      if (bytes.length !== KEY_BYTES) {
        throw new AppError('internal', "This profile's audit log key in the keychain is damaged, so the log cannot be checked or continued. Export the log for support.", { account: keyAccount });
      }
      cached = bytes;
      return bytes;
    }
    if (!create) return null;
    const fresh = randomBytes(KEY_BYTES);
    await secrets.set(keyAccount, fresh.toString('base64'));
    cached = fresh;
    return fresh;
  }

  async function anchor(): Promise<AuditAnchor | null> {
    const stored = await secrets.get(anchorAccount);
    if (!stored) return null;
    try {
      return AuditAnchor.parse(JSON.parse(stored));
    } catch {
      throw new AppError('internal', "This profile's audit log anchor in the keychain is damaged, so a shortened log could not be detected. Export the log for support.", { account: anchorAccount });
    }
  }

  return {
    key,
    anchor,
    setAnchor: (next) => secrets.set(anchorAccount, JSON.stringify(AuditAnchor.parse(next))),
  };
}
