/** Where the browser-mode token lives once read from the address: this tab only, gone when it closes. */
export const TOKEN_STORAGE_KEY = 'markket.apiToken';

export interface TokenEnvironment {
  location: { hash: string; pathname: string; search: string };
  history: { replaceState(data: unknown, unused: string, url?: string): void };
  storage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
}

/**
 * `npm run serve` prints `http://127.0.0.1:PORT/#token=…`. The fragment never reaches a server log;
 * it is read once, kept in sessionStorage and removed from the address bar so it is not bookmarked,
 * shared in a screenshot or left in history.
 */
export function takeApiToken(env: TokenEnvironment): string | null {
  const { hash, pathname, search } = env.location;
  // Only the token is removed: anything else in the fragment (the router's #/path) stays as it was.
  const match = /(?:^#|&)token=([^&]*)/.exec(hash);
  const fromUrl = match ? safeDecode(match[1] as string) : '';
  if (match && fromUrl) {
    env.storage.setItem(TOKEN_STORAGE_KEY, fromUrl);
    const rest = hash.replace(match[0], '').replace(/^#?&?/, '');
    env.history.replaceState(null, '', `${pathname}${search}${rest ? `#${rest}` : ''}`);
    return fromUrl;
  }
  return env.storage.getItem(TOKEN_STORAGE_KEY);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return '';
  }
}
