import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startBrowserMode, type BrowserMode } from '../../../src/main/host/browser-mode';
import { createApi, type Client } from '../../../src/renderer/src/api/client';
import { httpTransport } from '../../../src/renderer/src/api/http-transport';
import { readEventStream } from '../../../src/renderer/src/api/sse';
import type { AppContract } from '../../../src/shared/contract';
import { ActiveProfileEvent, EventsTicket } from '../../../src/shared/profile-events';

/**
 * Browser mode's push of the active profile (issue 18): GET /api/events streams the profile and its
 * HIPAA mode, first as it is, then on each change, so an open page tightens its image policy at
 * once instead of at its next poll. The stream is authenticated like every /api route, refuses what
 * it cannot serve in the API's error shape, and ends cleanly when the console closes.
 */
let served: BrowserMode;
let api: Client<AppContract>;
let profileId: string;

const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string().min(12) }) });

/** Opens the stream as a script does (bearer) or as the page does (`?ticket=`, no header); returns its events as they arrive. */
async function openStream(how: { bearer: true } | { ticket: string }, base = served): Promise<{ status: number; next(): Promise<ActiveProfileEvent | 'ended'>; close(): Promise<void>; res: Response }> {
  const query = 'ticket' in how ? `?ticket=${encodeURIComponent(how.ticket)}` : '';
  const res = await fetch(`${base.url}/api/events${query}`, { headers: { Accept: 'text/event-stream', ...('bearer' in how ? { Authorization: `Bearer ${base.token}` } : {}) } });
  const events = res.ok && res.body ? readEventStream(res.body) : null;
  return {
    status: res.status,
    res,
    async next() {
      const step = await events!.next();
      if (step.done) return 'ended';
      expect(step.value.event).toBe('profile');
      return ActiveProfileEvent.parse(JSON.parse(step.value.data));
    },
    // Hangs up as a closed tab does: the reader is cancelled (or the unread body, if none was taken).
    async close() {
      await events?.return(undefined);
      await res.body?.cancel().catch(() => undefined);
    },
  };
}

async function ticket(base = served): Promise<string> {
  const res = await fetch(`${base.url}/api/events/ticket`, { method: 'POST', headers: { Authorization: `Bearer ${base.token}` } });
  expect(res.status).toBe(200);
  return EventsTicket.parse(await res.json()).ticket;
}

beforeAll(async () => {
  served = await startBrowserMode({ demo: true, envOdoo: null });
  api = createApi(httpTransport({ baseUrl: served.url, token: served.token }));
  profileId = (await api.call('profiles.list', {})).activeProfileId ?? '';
}, 60_000);
afterAll(async () => served?.close(), 60_000);

describe("the console's event stream, GET /api/events", () => {
  it('starts with the active profile as it is, then tells each switch of its HIPAA mode as it happens', async () => {
    const script = await openStream({ bearer: true });
    expect(await script.next()).toEqual({ activeProfileId: profileId, hipaa: false });
    // The page's way in: its token traded for a ticket, the stream opened without any header.
    const page = await openStream({ ticket: await ticket() });
    expect(page.status).toBe(200);
    expect(await page.next()).toEqual({ activeProfileId: profileId, hipaa: false });

    await api.call('profiles.update', { id: profileId, hipaa: { enabled: true, idleLockMinutes: 240 } });
    // A change the pages need not hear (the idle time) sends nothing; the next real one comes next.
    await api.call('profiles.update', { id: profileId, hipaa: { idleLockMinutes: 30 } });
    await api.call('profiles.update', { id: profileId, hipaa: { enabled: false }, sendgrid: { delivery: 'sendgrid-relay' } });
    for (const stream of [script, page]) {
      expect([await stream.next(), await stream.next()]).toEqual([{ activeProfileId: profileId, hipaa: true }, { activeProfileId: profileId, hipaa: false }]);
      await stream.close();
    }
  }, 60_000);

  it('opens once per ticket: a spent, unknown or missing ticket is refused like a missing token', async () => {
    const once = await ticket();
    const first = await openStream({ ticket: once });
    expect(first.status).toBe(200);
    await first.close();
    for (const spent of [once, 'not-a-ticket-we-gave-0000', '']) {
      const again = await openStream({ ticket: spent });
      expect(again.status).toBe(401);
      expect(ErrorBody.parse(await again.res.json()).error.code).toBe('unauthorized');
    }
    // Only the console token gets a ticket.
    const stranger = await fetch(`${served.url}/api/events/ticket`, { method: 'POST' });
    expect(stranger.status).toBe(401);
  });

  it('answers only the console token, in the API error shape', async () => {
    const res = await fetch(`${served.url}/api/events`, { headers: { Accept: 'text/event-stream' } });
    expect(res.status).toBe(401);
    expect(ErrorBody.parse(await res.json()).error.code).toBe('unauthorized');
  });

  it('refuses another method, a query key and a request that does not ask for events, never with a 5xx', async () => {
    const auth = { Authorization: `Bearer ${served.token}` };
    const asks: [string, RequestInit, number, string][] = [
      ['/api/events', { method: 'POST', headers: { ...auth, Accept: 'text/event-stream' }, body: '{}' }, 405, 'not_found'],
      ['/api/events', { method: 'DELETE', headers: auth }, 405, 'not_found'],
      ['/api/events?profile=p_other1234', { headers: { ...auth, Accept: 'text/event-stream' } }, 400, 'input.invalid'],
      ['/api/events?__proto__=1', { headers: { ...auth, Accept: 'text/event-stream' } }, 400, 'input.invalid'],
      ['/api/events', { headers: { ...auth, Accept: 'application/json' } }, 400, 'input.invalid'],
      ['/api/events', { headers: auth }, 400, 'input.invalid'],
      ['/api/events/', { headers: { ...auth, Accept: 'text/event-stream' } }, 404, 'not_found'],
      ['/api/events/ticket', { method: 'GET', headers: auth }, 405, 'not_found'],
    ];
    for (const [path, init, status, code] of asks) {
      const res = await fetch(`${served.url}${path}`, init);
      expect({ path, method: init.method ?? 'GET', status: res.status, code: ErrorBody.parse(await res.json()).error.code }).toEqual({ path, method: init.method ?? 'GET', status, code });
    }
  });

  it('is no operation of the contract, so the walks over every operation never open it', async () => {
    const res = await fetch(`${served.url}/api/contract`, { headers: { Authorization: `Bearer ${served.token}` } });
    const { operations } = (await res.json()) as { operations: { path: string }[] };
    expect(operations.filter((o) => o.path.startsWith('/api/events'))).toEqual([]);
  });

  it('ends open streams cleanly when the console closes, and the console does not wait on them', async () => {
    const own = await startBrowserMode({ demo: true, envOdoo: null });
    const stream = await openStream({ ticket: await ticket(own) }, own);
    expect(stream.res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(stream.res.headers.get('cache-control')).toBe('no-store');
    expect(await stream.next()).toMatchObject({ hipaa: false });
    await own.close();
    // The stream's last chunk arrived: it is done, not broken off with an error.
    expect(await stream.next()).toBe('ended');
  }, 60_000);
});
