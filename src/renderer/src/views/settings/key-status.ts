/**
 * Where this console keeps API keys: the desktop app (the preload's `window.markket`) in the OS
 * keychain; browser mode (`npm run serve`) in the host's memory for the run only, so a card must
 * not promise the keychain there (issue 16).
 */
export type KeyStorage = 'keychain' | 'memory';

export function keyStorage(win: { markket?: unknown }): KeyStorage {
  return win.markket ? 'keychain' : 'memory';
}

/** The profile card's line about its keys, in the words of where they really are. */
export function keyStatus(secrets: { odooApiKey: boolean; sendgridApiKey: boolean }, storage: KeyStorage): string {
  const saved = storage === 'keychain' ? 'saved in the keychain' : 'kept in memory until the console stops';
  return `Odoo API key ${secrets.odooApiKey ? saved : 'missing'} · SendGrid key ${secrets.sendgridApiKey ? (storage === 'keychain' ? 'saved' : 'kept in memory') : 'not set'}`;
}
