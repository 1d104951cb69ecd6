import { ActiveProfileEvent, EVENTS_PATH, EVENTS_TICKET_PATH, EventsTicket, PROFILE_EVENT } from '../../../shared/profile-events';
import type { MarkketBridge } from '../../../shared/ipc-channels';

/** Hears each change of the active profile or its HIPAA mode; returns the way to stop listening. */
export type ProfileChanges = (listener: (event: ActiveProfileEvent) => void) => () => void;

/** Inside Electron: the preload's bridge, which checks each message already. */
export function ipcProfileChanges(bridge: MarkketBridge): ProfileChanges {
  return (listener) => bridge.onProfileChange(listener);
}

/** The slice of the browser's EventSource used here. */
export interface EventSourceLike {
  addEventListener(type: string, listener: (event: { data?: unknown }) => void): void;
  close(): void;
}

export interface HttpProfileChangesOptions {
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
  /** The browser's EventSource: its stream is what the page keeps open. */
  openEventSource: (url: string) => EventSourceLike;
  /** Waits before a lost stream is opened again (the console restarting, a laptop waking). */
  retryDelayMs?: (attempt: number) => number;
}

const defaultDelay = (attempt: number) => Math.min(30_000, 1_000 * 2 ** Math.min(attempt, 5));

/**
 * In browser mode: GET /api/events as Server-Sent Events. An EventSource sends no Authorization
 * header and the token must not sit in a URL, so each connection first trades the token for a
 * one-time ticket. The stream starts with the state as it is, so nothing is missed between loading
 * the page and connecting. A lost stream is opened again (new ticket) after a pause, until the
 * listener stops; a refused token stops it for good. A malformed event is dropped.
 */
export function httpProfileChanges(options: HttpProfileChangesOptions): ProfileChanges {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const delay = options.retryDelayMs ?? defaultDelay;
  return (listener) => {
    const stop = new AbortController();
    let source: EventSourceLike | null = null;
    let attempt = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const retry = () => {
      source?.close();
      source = null;
      if (!stop.signal.aborted) timer = setTimeout(connect, delay(attempt++));
    };
    const connect = async () => {
      let ticket: string;
      try {
        const response = await doFetch(`${options.baseUrl}${EVENTS_TICKET_PATH}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${options.token}`, Accept: 'application/json' },
          signal: stop.signal,
          credentials: 'omit',
        });
        // A refused token will not get better by asking again.
        if (response.status === 401) return;
        ticket = EventsTicket.parse(await response.json()).ticket;
      } catch {
        return retry();
      }
      if (stop.signal.aborted) return;
      const opened = options.openEventSource(`${options.baseUrl}${EVENTS_PATH}?ticket=${encodeURIComponent(ticket)}`);
      source = opened;
      opened.addEventListener(PROFILE_EVENT, (message) => {
        attempt = 0;
        const parsed = ActiveProfileEvent.safeParse(safeJson(message.data));
        if (parsed.success) listener(parsed.data);
      });
      // EventSource would reconnect with the spent ticket: close it and start over with a new one.
      opened.addEventListener('error', () => {
        if (source === opened) retry();
      });
    };
    void connect();
    return () => {
      stop.abort();
      clearTimeout(timer);
      source?.close();
      source = null;
    };
  };
}

function safeJson(data: unknown): unknown {
  if (typeof data !== 'string') return undefined;
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}
