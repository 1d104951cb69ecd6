import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A fetch with a network round trip in front of it: half the delay on the way out, half on the
 * way back, per request, so calls made together overlap their waits as they would on a real link.
 * The peer runs on loopback, where a round trip costs nothing and call counts would not show.
 */
export function withRoundTrip(ms: number, inner: typeof fetch = globalThis.fetch): typeof fetch {
  if (ms <= 0) return inner;
  return async (input, init) => {
    await sleep(ms / 2);
    const response = await inner(input, init);
    const body = await response.arrayBuffer();
    await sleep(ms / 2);
    return new Response(body.byteLength > 0 ? body : null, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
