import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { AppError } from '../../../shared/errors';

/** Seals and opens local data files of a HIPAA profile. */
export interface Cipher {
  seal(plain: Buffer): Buffer;
  open(sealed: Buffer): Buffer;
}

/**
 * Sealed layout: "MKTENC" | version (1 byte) | IV (12) | GCM tag (16) | ciphertext.
 * The magic lets us tell an encrypted file from a plaintext one (and say so) and the version
 * lets a later format coexist with files already on disk.
 */
export const SEALED_MAGIC = Buffer.from('MKTENC', 'ascii');
export const SEALED_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = SEALED_MAGIC.length + 1 + IV_BYTES + TAG_BYTES;
export const DATA_KEY_BYTES = 32;

export function isSealed(data: Buffer): boolean {
  return data.length >= SEALED_MAGIC.length && data.subarray(0, SEALED_MAGIC.length).equals(SEALED_MAGIC);
}

function unreadable(reason: string, message: string): AppError {
  return new AppError('internal', message, { reason });
}

/** AES-256-GCM with a fresh random 96-bit IV per seal; the header is authenticated too. */
export function createAesGcmCipher(key: Buffer): Cipher {
  if (key.length !== DATA_KEY_BYTES) throw new AppError('internal', 'The local data key has the wrong length.', { bytes: key.length });
  const header = (iv: Buffer) => Buffer.concat([SEALED_MAGIC, Buffer.from([SEALED_VERSION]), iv]);

  return {
    seal(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(header(iv));
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([SEALED_MAGIC, Buffer.from([SEALED_VERSION]), iv, cipher.getAuthTag(), body]);
    },
    open(sealed) {
      if (!isSealed(sealed)) {
        throw unreadable('not_encrypted', 'A local data file is not encrypted although this profile encrypts its data. It may have been replaced; restore it from a backup or delete it.');
      }
      if (sealed.length < HEADER_BYTES) throw unreadable('truncated', 'An encrypted local data file is truncated. Restore it from a backup or delete it.');
      const version = sealed[SEALED_MAGIC.length];
      if (version !== SEALED_VERSION) {
        throw unreadable('unknown_version', 'An encrypted local data file was written by a newer version of the console. Update the console to read it.');
      }
      const ivStart = SEALED_MAGIC.length + 1;
      const iv = sealed.subarray(ivStart, ivStart + IV_BYTES);
      const tag = sealed.subarray(ivStart + IV_BYTES, HEADER_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAAD(header(iv));
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([decipher.update(sealed.subarray(HEADER_BYTES)), decipher.final()]);
      } catch {
        throw unreadable(
          'authentication_failed',
          'An encrypted local data file failed its integrity check: it was modified or belongs to another profile key. Restore it from a backup or delete it.',
        );
      }
    },
  };
}
