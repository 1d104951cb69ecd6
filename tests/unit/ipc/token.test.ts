import { describe, expect, it } from 'vitest';
import { TOKEN_STORAGE_KEY, takeApiToken, type TokenEnvironment } from '../../../src/renderer/src/api/token';

function environment(hash: string, stored: Record<string, string> = {}) {
  const storage = new Map(Object.entries(stored));
  const replaced: string[] = [];
  const env: TokenEnvironment = {
    location: { hash, pathname: '/', search: '' },
    history: { replaceState: (_data, _unused, url) => void replaced.push(url ?? '') },
    storage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v) },
  };
  return { env, storage, replaced };
}

describe('the browser-mode token', () => {
  it('is read from #token=, kept in sessionStorage and removed from the address bar', () => {
    const { env, storage, replaced } = environment('#token=abc_DEF-123');
    expect(takeApiToken(env)).toBe('abc_DEF-123');
    expect(storage.get(TOKEN_STORAGE_KEY)).toBe('abc_DEF-123');
    expect(replaced).toEqual(['/']);
  });

  it('leaves the rest of the fragment for the router', () => {
    const { env, replaced } = environment('#/campaigns&token=t0k');
    expect(takeApiToken(env)).toBe('t0k');
    expect(replaced).toEqual(['/#/campaigns']);
  });

  it('comes from sessionStorage after a reload, without touching the address', () => {
    const { env, replaced } = environment('#/overview', { [TOKEN_STORAGE_KEY]: 'saved' });
    expect(takeApiToken(env)).toBe('saved');
    expect(replaced).toEqual([]);
  });

  it('is null when the page was opened without one', () => {
    expect(takeApiToken(environment('').env)).toBeNull();
  });
});
