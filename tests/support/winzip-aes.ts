import { createCipheriv, createHmac, pbkdf2Sync } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';

/**
 * Reads the first entry of a WinZip AES-256 ZIP (method 99, AE-x extra field 0x9901), the way
 * 7-Zip does: PBKDF2-HMAC-SHA1 (1000 rounds) → AES key, HMAC key, 2-byte password check;
 * AES-CTR with a little-endian counter from 1; HMAC-SHA1 (first 10 bytes) over the ciphertext.
 * Enough to prove in a test that the export opens with the password and only with it.
 */
export function readAesZipEntry(zip: Buffer, password: string): { name: string; data: Buffer } {
  if (zip.readUInt32LE(0) !== 0x04034b50) throw new Error('not a zip');
  const flags = zip.readUInt16LE(6);
  const method = zip.readUInt16LE(8);
  if (!(flags & 1) || method !== 99) throw new Error('entry is not AES-encrypted');
  const nameLength = zip.readUInt16LE(26);
  const extraLength = zip.readUInt16LE(28);
  const name = zip.subarray(30, 30 + nameLength).toString('utf8');
  const extra = zip.subarray(30 + nameLength, 30 + nameLength + extraLength);
  const realMethod = extra.readUInt16LE(extra.indexOf(Buffer.from([0x01, 0x99])) + 9);
  // Sizes are in the data descriptor / central directory when streamed: find the central header.
  const central = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  const compressedSize = zip.readUInt32LE(central + 20);
  const start = 30 + nameLength + extraLength;
  const salt = zip.subarray(start, start + 16);
  const check = zip.subarray(start + 16, start + 18);
  const body = zip.subarray(start + 18, start + compressedSize - 10);
  const mac = zip.subarray(start + compressedSize - 10, start + compressedSize);
  const derived = pbkdf2Sync(password, salt, 1000, 66, 'sha1');
  if (!derived.subarray(64, 66).equals(check)) throw new Error('wrong password');
  if (!createHmac('sha1', derived.subarray(32, 64)).update(body).digest().subarray(0, 10).equals(mac)) throw new Error('authentication failed');
  const out = Buffer.alloc(body.length);
  const key = derived.subarray(0, 32);
  for (let block = 0; block * 16 < body.length; block += 1) {
    const counter = Buffer.alloc(16);
    counter.writeUInt32LE(block + 1, 0);
    const stream = createCipheriv('aes-256-ecb', key, null).setAutoPadding(false).update(counter);
    for (let i = 0; i < 16 && block * 16 + i < body.length; i += 1) out[block * 16 + i] = (body[block * 16 + i] ?? 0) ^ (stream[i] ?? 0);
  }
  return { name, data: realMethod === 8 ? inflateRawSync(out) : out };
}
