import { describe, expect, it } from 'vitest';
import { createMemorySecretStore } from '../../../src/main/core/secrets';
import { createPassphraseStore, createSessionLock, PASSPHRASE_ACCOUNT } from '../../../src/main/core/session';

function lockWith(options: { idleLockMs: number | null; passphrase?: string }) {
  const clock = { now: new Date('2025-03-01T10:00:00Z') };
  const secrets = createMemorySecretStore();
  const lock = createSessionLock({ now: () => clock.now, policy: async () => ({ idleLockMs: options.idleLockMs }), passphrase: createPassphraseStore(secrets) });
  const advance = (ms: number) => {
    clock.now = new Date(clock.now.getTime() + ms);
  };
  return { lock, secrets, advance };
}

describe('the session lock', () => {
  it('does not auto-lock before a passphrase exists, since nobody could unlock it', async () => {
    const { lock, advance } = lockWith({ idleLockMs: 60_000 });
    advance(3_600_000);
    expect(await lock.status()).toMatchObject({ locked: false, passphraseSet: false });
  });

  it('keeps only a scrypt hash of the passphrase in the keychain', async () => {
    const { lock, secrets } = lockWith({ idleLockMs: 60_000 });
    await lock.setPassphrase('a long passphrase');
    const stored = String(await secrets.get(PASSPHRASE_ACCOUNT));
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(stored).not.toContain('a long passphrase');
  });

  it('makes the user wait after five wrong passphrases in a row, even for the right one', async () => {
    const { lock, advance } = lockWith({ idleLockMs: 60_000 });
    await lock.setPassphrase('a long passphrase');
    await lock.lock();
    for (let i = 0; i < 5; i++) await expect(lock.unlock('wrong guess')).rejects.toMatchObject({ code: 'input.invalid' });
    await expect(lock.unlock('a long passphrase')).rejects.toMatchObject({ code: 'locked', details: { retryAfterSeconds: 30 } });
    advance(30_000);
    expect(await lock.unlock('a long passphrase')).toMatchObject({ locked: false });
  });

  it('refuses to replace the passphrase without the current one', async () => {
    const { lock } = lockWith({ idleLockMs: null });
    await lock.setPassphrase('a long passphrase');
    await expect(lock.setPassphrase('another passphrase')).rejects.toMatchObject({ code: 'input.invalid' });
    await expect(lock.setPassphrase('another passphrase', 'a long passphrase')).resolves.toMatchObject({ passphraseSet: true });
  });

  it('counts wrong current passphrases towards the same backoff as unlocking', async () => {
    const { lock, advance } = lockWith({ idleLockMs: null });
    await lock.setPassphrase('a long passphrase');
    for (let i = 0; i < 5; i++) await expect(lock.setPassphrase('another passphrase', 'wrong guess')).rejects.toMatchObject({ code: 'input.invalid' });
    await expect(lock.setPassphrase('another passphrase', 'a long passphrase')).rejects.toMatchObject({ code: 'locked', details: { retryAfterSeconds: 30 } });
    await expect(lock.unlock('a long passphrase')).rejects.toMatchObject({ code: 'locked' });
    advance(30_000);
    await expect(lock.setPassphrase('another passphrase', 'a long passphrase')).resolves.toMatchObject({ passphraseSet: true });
  });
});
