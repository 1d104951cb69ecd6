import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendError, sendJson } from './http-io';
import { openEventStream, wantsEventStream } from './sse';

/** Named events the host pushes to its pages on GET /api/events (issue 18: the active profile's HIPAA mode). */
export interface PushSource {
  /** The event's name in the stream (`event:` line). */
  name: string;
  /** The state as it is now: sent first, so a page that connects late misses nothing. */
  current(): unknown;
  subscribe(listener: (data: unknown) => void): () => void;
}

/** A comment line this often keeps the stream visibly alive through anything that drops idle connections. */
const KEEPALIVE_MS = 25_000;
/** A ticket opens one stream, within this time of being issued. */
const TICKET_TTL_MS = 60_000;
/** Unused tickets kept at most (the oldest goes first): a script asking in a loop cannot grow memory. */
const MAX_TICKETS = 64;

const unauthorized = { code: 'unauthorized', message: 'This event stream needs the console token ("Authorization: Bearer <token>") or a fresh ticket from POST /api/events/ticket.' } as const;

/**
 * Serves the never-ending event stream. A browser's EventSource cannot send the bearer token, and
 * the token must not travel in a URL, so a page first trades its token for a one-time ticket
 * (POST /api/events/ticket, bearer required) and opens `GET /api/events?ticket=…`; a script may send
 * the bearer header instead. The stream takes no other input (an unknown query key is refused like
 * anywhere in the API), is read with GET and `Accept: text/event-stream` only, and ends when the
 * caller goes away or the host closes (`closeAll`), unsubscribing either way.
 */
export function pushEventsRoute(sources: readonly PushSource[], now: () => number = Date.now) {
  const open = new Map<() => void, ServerResponse>();
  const tickets = new Map<string, number>();

  const takeTicket = (ticket: string | null): boolean => {
    if (!ticket) return false;
    const issued = tickets.get(ticket);
    tickets.delete(ticket);
    return issued !== undefined && now() - issued <= TICKET_TTL_MS;
  };

  const stream = (res: ServerResponse) => {
    const events = openEventStream(res);
    const unsubscribes = sources.map((source) => {
      events.send(source.name, source.current());
      return source.subscribe((data) => events.send(source.name, data));
    });
    const keepalive = setInterval(() => events.comment('keep-alive'), KEEPALIVE_MS);
    keepalive.unref();
    const end = () => {
      clearInterval(keepalive);
      for (const unsubscribe of unsubscribes) unsubscribe();
      open.delete(end);
      events.end();
    };
    open.set(end, res);
    res.on('close', end);
  };

  return {
    /** `POST /api/events/ticket`; the caller has checked the bearer token. */
    issueTicket(req: IncomingMessage, res: ServerResponse, url: URL): void {
      if (req.method !== 'POST') return sendError(res, { code: 'not_found', message: `${url.pathname} is asked with POST.` }, { status: 405, headers: { Allow: 'POST' } });
      const ticket = randomBytes(24).toString('base64url');
      if (tickets.size >= MAX_TICKETS) tickets.delete(tickets.keys().next().value as string);
      tickets.set(ticket, now());
      sendJson(res, 200, { ticket, expires_in: TICKET_TTL_MS / 1000 });
    },
    /** `GET /api/events`; `bearer` says whether the request carried the console token. */
    serve(req: IncomingMessage, res: ServerResponse, url: URL, bearer: boolean): void {
      const keys = [...url.searchParams.keys()];
      // A ticket is spent by any request that shows it, so one seen once opens nothing later.
      if (!bearer && !takeTicket(url.searchParams.get('ticket'))) return sendError(res, unauthorized, { headers: { 'WWW-Authenticate': 'Bearer' } });
      if (req.method !== 'GET') return sendError(res, { code: 'not_found', message: `${url.pathname} is read with GET.` }, { status: 405, headers: { Allow: 'GET' } });
      const unknown = keys.find((key) => key !== 'ticket');
      if (unknown !== undefined) {
        const field = unknown.slice(0, 80);
        return sendError(res, { code: 'input.invalid', message: `The request is not valid: ${field} — is not a field this stream takes.`, details: { fields: [{ field, problem: 'is not a field this stream takes' }] } });
      }
      if (!wantsEventStream(req.headers.accept)) {
        return sendError(res, { code: 'input.invalid', message: `${url.pathname} is a stream of Server-Sent Events: ask for it with "Accept: text/event-stream".`, details: { fields: [{ field: 'accept', problem: 'must be text/event-stream' }] } });
      }
      stream(res);
    },
    /** Ends every open stream properly (its last chunk sent, not a reset), so pages see a clean end. */
    async closeAll(): Promise<void> {
      tickets.clear();
      const ending = [...open].map(([end, res]) => {
        const sent = new Promise<void>((resolve) => {
          if (res.writableFinished || res.destroyed) resolve();
          else res.once('finish', () => resolve()).once('close', () => resolve());
        });
        end();
        return sent;
      });
      await Promise.all(ending);
    },
  };
}
