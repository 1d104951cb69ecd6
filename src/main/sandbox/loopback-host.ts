/**
 * DNS-rebinding defence for the demo peers the console runs inside itself: a page on evil.example
 * that re-resolves to 127.0.0.1 still sends `Host: evil.example`, so only this computer's loopback
 * names with the peer's own port are answered (as the console's own API does).
 */
export function loopbackHostAllowed(hostHeader: string | undefined, port: number): boolean {
  if (!hostHeader) return false;
  const host = hostHeader.toLowerCase();
  return host === `127.0.0.1:${port}` || host === `localhost:${port}` || host === `[::1]:${port}`;
}
