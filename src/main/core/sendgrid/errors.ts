import { AppError } from '../../../shared/errors';
import { SendgridErrorBody } from './schemas';

/** What @sendgrid/client rejects with for an HTTP status >= 400 (helpers/classes/response-error.js). */
export interface SendgridHttpFailure {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * Pulls status, headers and body out of whatever @sendgrid/client threw. The raw error also holds
 * axios' request config, whose Authorization header carries the API key: it must never travel further,
 * so callers only ever see what this returns.
 */
export function readHttpFailure(error: unknown): SendgridHttpFailure | null {
  if (typeof error !== 'object' || error === null) return null;
  const candidate = error as { code?: unknown; response?: { headers?: unknown; body?: unknown } };
  if (typeof candidate.code !== 'number' || typeof candidate.response !== 'object' || candidate.response === null) return null;
  return {
    status: candidate.code,
    headers: normaliseHeaders(candidate.response.headers),
    body: candidate.response.body,
  };
}

export function normaliseHeaders(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof headers !== 'object' || headers === null) return out;
  // axios hands over an AxiosHeaders instance; toJSON() gives plain values when present.
  const plain = typeof (headers as { toJSON?: unknown }).toJSON === 'function'
    ? (headers as { toJSON: () => Record<string, unknown> }).toJSON()
    : (headers as Record<string, unknown>);
  for (const [key, value] of Object.entries(plain)) {
    if (value === undefined || value === null) continue;
    out[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return out;
}

/** SendGrid's `errors[]` reduced to what support needs: field and message (help links dropped). */
export function sendgridErrorList(body: unknown): { field: string | null; message: string }[] {
  const parsed = SendgridErrorBody.safeParse(body);
  if (!parsed.success) return [];
  return parsed.data.errors.map((e) => ({ field: e.field ?? null, message: e.message }));
}

export function appErrorForStatus(failure: SendgridHttpFailure, operation: string): AppError {
  const errors = sendgridErrorList(failure.body);
  const details = { operation, status: failure.status, ...(errors.length > 0 ? { errors } : {}) };
  switch (failure.status) {
    case 400:
    case 413:
    case 422:
      return new AppError(
        'sendgrid.bad_request',
        `SendGrid refused the request${errors[0] ? `: ${errors[0].message}` : '.'} Check the fields listed in the details.`,
        details,
      );
    case 401:
      return new AppError(
        'sendgrid.unauthorized',
        'SendGrid did not accept the API key. Paste a current key from SendGrid › Settings › API Keys.',
        details,
      );
    case 403:
      return new AppError(
        'sendgrid.forbidden',
        'The SendGrid API key lacks a permission this action needs. Give the key the missing scope in SendGrid › Settings › API Keys.',
        details,
      );
    case 404:
      return new AppError('sendgrid.not_found', 'SendGrid has no such item. It may have been deleted in SendGrid.', details);
    case 429:
      return rateLimited(details);
    default:
      return new AppError(
        'sendgrid.server_error',
        'SendGrid answered with an error. Try again in a few minutes; if it persists, check status.sendgrid.com.',
        details,
      );
  }
}

export function rateLimited(details: Record<string, unknown>): AppError {
  return new AppError(
    'sendgrid.rate_limited',
    'SendGrid is limiting requests from this API key. Wait a minute and try again.',
    details,
  );
}

/** Network-level failure (no HTTP answer): only the error code is kept, never the request config. */
export function unreachable(error: unknown, operation: string): AppError {
  const code = typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string'
    ? (error as { code: string }).code
    : undefined;
  return new AppError(
    'sendgrid.unreachable',
    'The console could not reach SendGrid. Check the internet connection (and any proxy or firewall) and try again.',
    code === undefined ? { operation } : { operation, cause: code },
  );
}
