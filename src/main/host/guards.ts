import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh API token for one run: 32 random bytes, URL-safe so it can sit in a `#token=` fragment. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Compares the Authorization header with the token in constant time. Both sides are hashed first
 * so that neither the comparison time nor an early length mismatch reveals anything about the token.
 */
export function bearerMatches(header: string | undefined, token: string): boolean {
  if (!header) return false;
  const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
  if (!match) return false;
  const given = createHash('sha256').update(match[1] as string).digest();
  const expected = createHash('sha256').update(token).digest();
  return timingSafeEqual(given, expected);
}

/**
 * DNS rebinding defence: a page on evil.example that re-resolves to 127.0.0.1 still sends
 * `Host: evil.example`. Only our own loopback names with our own port are accepted.
 */
export function hostAllowed(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false;
  const host = hostHeader.toLowerCase();
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}
