import { AppError } from '../../../shared/errors';

/**
 * Turns what the keychain binding throws into an error a store owner can act on.
 * The binding's texts (verified with @napi-rs/keyring 2.1 on Debian 12, see shared/TOOLCHAIN.md):
 * - no D-Bus session or no Secret Service provider: "Couldn't access platform storage: AccessDenied"
 * - a Secret Service without a default keyring: "Couldn't access platform storage: Secret Service: no result found"
 * - a locked keyring whose unlock prompt was cancelled: "... unlock prompt was dismissed"
 * The binding never puts the secret in its messages, so the raw reason is safe to keep for support.
 */
export function keychainError(error: unknown, operation: string, platform: NodeJS.Platform): AppError {
  if (error instanceof AppError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  const details = { operation, reason };
  if (/unlock prompt was dismissed|is locked|locked collection/i.test(reason)) {
    return new AppError('keychain.locked', lockedSentence(platform), details);
  }
  return new AppError('keychain.unavailable', unavailableSentence(platform), details);
}

function lockedSentence(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'Your macOS keychain is locked. Unlock the login keychain (Keychain Access) and try again.';
  if (platform === 'win32') return 'Windows Credential Manager refused access. Sign in to Windows again and try again.';
  return 'Your keyring is locked. Unlock it (the "Login" keyring in GNOME Passwords and Keys, or KWallet) and try again; the console keeps API keys only there.';
}

function unavailableSentence(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'The console cannot reach the macOS keychain, where it keeps API keys. Check that your login keychain exists and is unlocked.';
  if (platform === 'win32') return 'The console cannot reach Windows Credential Manager, where it keeps API keys. Check that the Credential Manager service is running.';
  return (
    'The console keeps API keys only in your system keyring, and none is available. ' +
    'Install and start a Secret Service provider (gnome-keyring, or KWallet with its Secret Service enabled), ' +
    'make sure a default keyring exists and is unlocked, then try again.'
  );
}
