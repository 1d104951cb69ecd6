import { AppError, ErrorPayload } from '../../../shared/errors';
import { routeOf, type Outcome } from '../../../shared/rpc';
import { readEventStream } from './sse';
import type { Transport, TransportRequest } from './transport';

export interface HttpTransportOptions {
  /** e.g. http://127.0.0.1:5178 — '' means the page's own origin (browser mode). */
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
}

const failure = (error: AppError): Outcome => ({ ok: false, error: error.toPayload() });

/** Fills `:param` segments from the input and returns the URL path plus the input that is left. */
function buildUrl(request: TransportRequest): { method: string; path: string; rest: Record<string, unknown> } {
  const { method, path } = routeOf(request.name, request.def);
  const rest: Record<string, unknown> = { ...(request.input as Record<string, unknown> | undefined) };
  const filled = path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_match, key: string) => {
    const value = rest[key];
    delete rest[key];
    if (value === undefined || value === null || value === '') {
      throw new AppError('input.invalid', `The request is not valid: ${key} — is required.`, { fields: [{ field: key, problem: 'is required' }] });
    }
    return encodeURIComponent(String(value));
  });
  return { method, path: filled, rest };
}

function toQuery(rest: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(rest)) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      params.append(key, typeof item === 'object' ? JSON.stringify(item) : String(item));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function outcomeFromJson(response: Response): Promise<Outcome> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return failure(new AppError('internal', `The console answered with something that is not JSON (HTTP ${response.status}).`));
  }
  if (response.ok) return { ok: true, value: body };
  if (response.status === 401) return failure(new AppError('unauthorized', 'This page no longer holds a valid console token. Open the address the console printed again.'));
  const error = ErrorPayload.safeParse((body as { error?: unknown } | null)?.error);
  return error.success ? { ok: false, error: error.data } : failure(new AppError('internal', `The console failed with HTTP ${response.status}.`));
}

async function outcomeFromStream(response: Response, onEvent: ((event: unknown) => void) | undefined): Promise<Outcome> {
  if (!response.body) return failure(new AppError('internal', 'The console sent an empty event stream.'));
  for await (const message of readEventStream(response.body)) {
    const data: unknown = JSON.parse(message.data);
    if (message.event === 'progress') onEvent?.(data);
    else if (message.event === 'result' || message.event === 'error') return data as Outcome;
  }
  return failure(new AppError('offline', 'The console stopped answering before the operation finished. Try again.'));
}

/**
 * The loopback HTTP API as a transport: REST route from the contract, path parameters filled,
 * the rest as a query string (GET/DELETE) or JSON body; Server-Sent Events when progress is wanted.
 */
export function httpTransport(options: HttpTransportOptions): Transport {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  return {
    async call(request) {
      let url: { method: string; path: string; rest: Record<string, unknown> };
      try {
        url = buildUrl(request);
      } catch (error) {
        return failure(error as AppError);
      }
      const hasBody = url.method === 'POST' || url.method === 'PUT' || url.method === 'PATCH';
      const streaming = request.onEvent !== undefined;
      try {
        const response = await doFetch(`${options.baseUrl}${url.path}${hasBody ? '' : toQuery(url.rest)}`, {
          method: url.method,
          headers: {
            Authorization: `Bearer ${options.token}`,
            Accept: streaming ? 'text/event-stream' : 'application/json',
            ...(hasBody ? { 'Content-Type': 'application/json' } : {}),
          },
          body: hasBody ? JSON.stringify(url.rest) : undefined,
          signal: request.signal,
          credentials: 'omit',
        });
        const isStream = (response.headers.get('content-type') ?? '').startsWith('text/event-stream');
        return isStream ? await outcomeFromStream(response, request.onEvent) : await outcomeFromJson(response);
      } catch {
        if (request.signal?.aborted) return failure(new AppError('cancelled', 'The request was cancelled.'));
        return failure(new AppError('offline', "The console's local service is not answering. Check that it is still running."));
      }
    },
  };
}
