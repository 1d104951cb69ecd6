import type { ServerResponse } from 'node:http';
import type { Outcome } from '../../shared/rpc';
import { API_HEADERS, BASE_HEADERS } from './http-io';

/**
 * One call answered as Server-Sent Events: `progress` for each event the operation emits, then
 * one `result` (ok) or `error` (not ok) carrying the whole Outcome. JSON.stringify never emits a
 * raw newline, so each payload fits the single `data:` line the format requires.
 */
export function openEventStream(res: ServerResponse): { progress(event: unknown): void; finish(outcome: Outcome): void } {
  res.writeHead(200, {
    ...BASE_HEADERS,
    ...API_HEADERS,
    'Content-Type': 'text/event-stream; charset=utf-8',
    Connection: 'keep-alive',
  });
  res.flushHeaders();
  const write = (name: string, data: unknown) => {
    if (res.writableEnded || res.destroyed) return;
    res.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  return {
    progress: (event) => write('progress', event),
    finish: (outcome) => {
      write(outcome.ok ? 'result' : 'error', outcome);
      if (!res.writableEnded) res.end();
    },
  };
}

export function wantsEventStream(accept: string | undefined): boolean {
  return !!accept && accept.split(',').some((part) => part.trim().toLowerCase().startsWith('text/event-stream'));
}
