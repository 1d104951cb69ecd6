import { describe, expect, it } from 'vitest';
import { createAesGcmCipher, SEALED_MAGIC } from '../../../src/main/core/crypto/cipher';
import { dataKeyAccount, getOrCreateDataKey, createProfileCipher } from '../../../src/main/core/crypto/data-key';
import { createMemorySecretStore } from '../../../src/main/core/secrets/memory';

const key = Buffer.alloc(32, 3);
const secret = Buffer.from('jane.roe@clinic.example — appointment reminder');

describe('AES-256-GCM cipher', () => {
  it('round-trips data and never shows the plaintext in the sealed bytes', () => {
    const cipher = createAesGcmCipher(key);
    const sealed = cipher.seal(secret);
    expect(sealed.includes('jane.roe')).toBe(false);
    expect(sealed.subarray(0, SEALED_MAGIC.length).toString('ascii')).toBe('MKTENC');
    expect(cipher.open(sealed).equals(secret)).toBe(true);
  });

  it('uses a fresh IV per write so equal plaintexts give different files', () => {
    const cipher = createAesGcmCipher(key);
    expect(cipher.seal(secret).equals(cipher.seal(secret))).toBe(false);
  });

  it('rejects a sealed file whose ciphertext was modified, with a clear error', () => {
    const cipher = createAesGcmCipher(key);
    const sealed = cipher.seal(secret);
    sealed[sealed.length - 1] = (sealed[sealed.length - 1] ?? 0) ^ 1;
    expect(() => cipher.open(sealed)).toThrow(/failed its integrity check/);
  });

  it('rejects a sealed file whose header was modified', () => {
    const cipher = createAesGcmCipher(key);
    const sealed = cipher.seal(secret);
    sealed[8] = (sealed[8] ?? 0) ^ 1; // inside the IV, which is authenticated
    expect(() => cipher.open(sealed)).toThrow(/failed its integrity check/);
  });

  it('rejects a file sealed under another key', () => {
    const sealed = createAesGcmCipher(Buffer.alloc(32, 4)).seal(secret);
    expect(() => createAesGcmCipher(key).open(sealed)).toThrow(expect.objectContaining({ details: { reason: 'authentication_failed' } }));
  });

  it('rejects a plaintext file where an encrypted one is expected', () => {
    expect(() => createAesGcmCipher(key).open(Buffer.from('{"subject":"x"}'))).toThrow(expect.objectContaining({ details: { reason: 'not_encrypted' } }));
  });
});

describe('profile data key', () => {
  it('creates a 32-byte key in the keychain on first use and reuses it afterwards', async () => {
    const secrets = createMemorySecretStore();
    const first = await getOrCreateDataKey(secrets, 'p_clinic');
    expect(first.length).toBe(32);
    expect(await secrets.has(dataKeyAccount('p_clinic'))).toBe(true);
    expect(dataKeyAccount('p_clinic')).toBe('profile:p_clinic:data-key');
    expect((await getOrCreateDataKey(secrets, 'p_clinic')).equals(first)).toBe(true);
  });

  it('opens with a new cipher what an earlier cipher of the same profile sealed', async () => {
    const secrets = createMemorySecretStore();
    const sealed = (await createProfileCipher(secrets, 'p_clinic')).seal(secret);
    expect((await createProfileCipher(secrets, 'p_clinic')).open(sealed).equals(secret)).toBe(true);
  });

  it('refuses a damaged key instead of silently replacing it', async () => {
    const secrets = createMemorySecretStore({ [dataKeyAccount('p_clinic')]: 'c2hvcnQ=' });
    await expect(getOrCreateDataKey(secrets, 'p_clinic')).rejects.toMatchObject({ code: 'internal' });
    expect(await secrets.get(dataKeyAccount('p_clinic'))).toBe('c2hvcnQ=');
  });
});
