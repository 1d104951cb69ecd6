import { describe, expect, it } from 'vitest';
import { keychainError } from '../../../src/main/core/secrets';

// The texts @napi-rs/keyring 2.1 produces (shared/TOOLCHAIN.md and a probe on Debian 12).
describe('keychain failures become errors a store owner can act on', () => {
  it('tells a Linux user without a Secret Service to install gnome-keyring or KWallet', () => {
    const error = keychainError(new Error("Couldn't access platform storage: AccessDenied"), 'set', 'linux');
    expect([error.code, /gnome-keyring.*KWallet/.test(error.message)]).toEqual(['keychain.unavailable', true]);
  });

  it('treats a Secret Service without a default keyring as unavailable', () => {
    const error = keychainError(new Error("Couldn't access platform storage: Secret Service: no result found"), 'get', 'linux');
    expect(error.code).toBe('keychain.unavailable');
  });

  it('asks the user to unlock the keyring when the unlock prompt was dismissed', () => {
    const error = keychainError(new Error("Couldn't access platform storage: unlock prompt was dismissed"), 'get', 'linux');
    expect([error.code, /Unlock it/.test(error.message)]).toEqual(['keychain.locked', true]);
  });

  it('names the macOS keychain on a Mac', () => {
    expect(keychainError(new Error('boom'), 'set', 'darwin').message).toMatch(/macOS keychain/);
  });
});
