import { AppError } from '../../../shared/errors';
import { lostAnswer, looksTruncated, malformedResponse, transportToAppError, type CallSite } from './errors';

/** Everything needed to send one HTTP request to Odoo. */
export interface HttpTarget {
  baseUrl: string;
  timeoutMs: number;
  fetch: typeof fetch;
  /** Aborted when the client is closed. */
  closed: AbortSignal;
  secrets: readonly string[];
  log?: (line: string) => void;
  now: () => number;
  /** Ends a request that has waited `timeoutMs`. */
  timeout: (ms: number) => AbortSignal;
}

export interface HttpAnswer {
  status: number;
  contentType: string;
  text: string;
  /** Parsed body, or undefined when the body is not JSON. */
  json: unknown;
}

/**
 * Strips credentials and trailing slashes from the address the user typed, so that neither
 * error messages nor logs can carry a password given as https://user:pass@host.
 */
export function normalizeBaseUrl(raw: string): string {
  const url = new URL(raw.trim());
  url.username = '';
  url.password = '';
  url.hash = '';
  url.search = '';
  return url.toString().replace(/\/+$/, '');
}

/**
 * One request with a timeout. The body is always read to the end so the keep-alive
 * connection goes back to the pool (Node's fetch keeps connections alive by default).
 */
export async function sendRequest(
  target: HttpTarget,
  path: string,
  init: { method: 'GET' | 'POST'; headers?: Record<string, string>; body?: unknown },
  site: CallSite,
): Promise<HttpAnswer> {
  const started = target.now();
  const signal = AbortSignal.any([target.timeout(target.timeoutMs), target.closed]);
  let status = 0;
  let contentType = '';
  let text: string;
  try {
    const response = await target.fetch(`${target.baseUrl}${path}`, {
      method: init.method,
      headers: { Accept: 'application/json', ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...init.headers },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
      signal,
    });
    status = response.status;
    contentType = response.headers.get('content-type') ?? '';
    text = await response.text();
  } catch (error) {
    if (target.closed.aborted) throw closedError(site);
    const mapped = transportToAppError(error, site, target.timeoutMs);
    target.log?.(`odoo ${describe(init.method, path, site)} failed ${mapped.code} after ${target.now() - started}ms`);
    throw mapped;
  }
  target.log?.(`odoo ${describe(init.method, path, site)} -> ${status} in ${target.now() - started}ms`);
  return { status, contentType, text, json: parseJson(text) };
}

function describe(method: string, path: string, site: CallSite): string {
  const what = site.model ? `${site.model}.${site.method ?? ''}` : (site.method ?? '');
  return `${method} ${path}${what ? ` (${what})` : ''}`;
}

function parseJson(text: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function notJson(answer: HttpAnswer, site: CallSite, secrets: readonly string[]): never {
  // A 5xx page (Odoo behind nginx answers 502/504 HTML) or a JSON answer cut short: the server was
  // reached and may have done the work. Anything else is most likely not Odoo at all.
  if (answer.status >= 500) throw lostAnswer(site, `HTTP ${answer.status}`, answer.text, secrets, answer.status);
  // After a change was sent, no readable answer is no answer: whether it was made is unknown.
  if (site.mutating) throw lostAnswer(site, `HTTP ${answer.status} without a readable answer`, answer.text, secrets, answer.status);
  if (answer.status >= 200 && answer.status < 300 && looksTruncated(answer.text)) {
    throw lostAnswer(site, `HTTP ${answer.status} with an incomplete answer`, answer.text, secrets, answer.status);
  }
  throw malformedResponse(site, `HTTP ${answer.status}, ${answer.contentType || 'no content type'}, not JSON`, answer.text, secrets, answer.status);
}

export function closedError(site: CallSite): AppError {
  return new AppError('cancelled', 'The Odoo connection was closed before this request finished.', { url: site.url, ...(site.model ? { model: site.model } : {}) });
}
