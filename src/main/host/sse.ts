import type { ServerResponse } from 'node:http';
import type { Outcome } from '../../shared/rpc';
import { API_HEADERS, BASE_HEADERS } from './http-io';

/** A response written as Server-Sent Events. */
export interface EventStream {
  send(name: string, data: unknown): void;
  /** A comment line, which readers skip. */
  comment(text: string): void;
  end(): void;
}

export function openEventStream(res: ServerResponse): EventStream {
  res.writeHead(200, {
    ...BASE_HEADERS,
    ...API_HEADERS,
    'Content-Type': 'text/event-stream; charset=utf-8',
    Connection: 'keep-alive',
  });
  res.flushHeaders();
  const open = () => !res.writableEnded && !res.destroyed;
  return {
    // JSON.stringify never emits a raw newline, so each payload fits the single `data:` line the format requires.
    send: (name, data) => void (open() && res.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`)),
    comment: (text) => void (open() && res.write(`: ${text}\n\n`)),
    end: () => void (open() && res.end()),
  };
}

/**
 * One call answered as Server-Sent Events: `progress` for each event the operation emits, then
 * one `result` (ok) or `error` (not ok) carrying the whole Outcome.
 */
export function openCallStream(res: ServerResponse): { progress(event: unknown): void; finish(outcome: Outcome): void } {
  const stream = openEventStream(res);
  return {
    progress: (event) => stream.send('progress', event),
    finish: (outcome) => {
      stream.send(outcome.ok ? 'result' : 'error', outcome);
      stream.end();
    },
  };
}

export function wantsEventStream(accept: string | undefined): boolean {
  return !!accept && accept.split(',').some((part) => part.trim().toLowerCase().startsWith('text/event-stream'));
}
