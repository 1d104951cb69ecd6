import { z } from 'zod';

/**
 * Every error that crosses a boundary (IPC, HTTP, extension meta) is one of these codes,
 * a sentence a store owner can act on, and details for support. Never a stack, never a secret.
 */
export const ErrorCode = z.enum([
  // Odoo
  'odoo.bad_credentials',
  'odoo.access_denied',
  'odoo.validation',
  'odoo.missing_record',
  'odoo.unknown_model',
  'odoo.unknown_method',
  'odoo.private_method',
  'odoo.wrong_database',
  'odoo.session_expired',
  'odoo.unreachable',
  'odoo.timeout',
  'odoo.malformed_response',
  'odoo.user_error',
  'odoo.server_error',
  'odoo.not_configured',
  // The Odoo answers, but its one-time Markket setup has not run (no store field on mailing lists)
  'odoo.not_set_up',
  // SendGrid
  'sendgrid.unauthorized',
  'sendgrid.forbidden',
  'sendgrid.not_found',
  'sendgrid.bad_request',
  'sendgrid.rate_limited',
  'sendgrid.unreachable',
  'sendgrid.server_error',
  'sendgrid.not_configured',
  // Webhook
  'webhook.bad_signature',
  'webhook.stale',
  'webhook.not_configured',
  // Keychain / profiles
  'keychain.unavailable',
  'keychain.locked',
  'profile.not_found',
  'profile.invalid',
  // Sending: the pre-send check found errors, or warnings nobody acknowledged (details.problems lists them)
  'precheck.failed',
  // Generic
  'input.invalid',
  'not_found',
  'conflict',
  'offline',
  'locked',
  'cancelled',
  'payload_too_large',
  'unauthorized',
  'forbidden',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ErrorPayload = z.object({
  code: ErrorCode,
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ErrorPayload = z.infer<typeof ErrorPayload>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  toPayload(): ErrorPayload {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  static fromPayload(payload: ErrorPayload): AppError {
    return new AppError(payload.code, payload.message, payload.details);
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** Turns anything thrown into a payload safe to send across a boundary. */
export function toErrorPayload(error: unknown): ErrorPayload {
  if (error instanceof AppError) return error.toPayload();
  return { code: 'internal', message: 'Something went wrong inside the console. Try again; if it keeps happening, contact support.' };
}

/** HTTP status for an error code, used by the loopback API. */
export function httpStatusFor(code: ErrorCode): number {
  switch (code) {
    case 'input.invalid':
    case 'odoo.validation':
    case 'odoo.user_error':
    case 'sendgrid.bad_request':
      return 400;
    case 'unauthorized':
    case 'webhook.bad_signature':
    case 'webhook.stale':
      return 401;
    // odoo.access_denied: Odoo refused the user's rights; the caller is not allowed, the upstream is not at fault.
    case 'forbidden':
    case 'locked':
    case 'odoo.access_denied':
      return 403;
    case 'not_found':
    case 'profile.not_found':
    case 'odoo.missing_record':
    case 'sendgrid.not_found':
      return 404;
    // odoo.not_set_up: the request is fine; this Odoo is not ready for it until the Markket setup runs.
    case 'conflict':
    case 'odoo.not_set_up':
      return 409;
    // The request was understood, but the campaign is not fit to send as it stands.
    case 'precheck.failed':
      return 422;
    case 'payload_too_large':
      return 413;
    case 'sendgrid.rate_limited':
      return 429;
    // Odoo or SendGrid refused us (credentials, rights, setup): the upstream said no, not the caller.
    case 'odoo.bad_credentials':
    case 'odoo.wrong_database':
    case 'odoo.session_expired':
    case 'odoo.unknown_model':
    case 'odoo.unknown_method':
    case 'odoo.private_method':
    case 'sendgrid.unauthorized':
    case 'sendgrid.forbidden':
    case 'odoo.unreachable':
    case 'odoo.timeout':
    case 'odoo.malformed_response':
    case 'odoo.server_error':
    case 'sendgrid.unreachable':
    case 'sendgrid.server_error':
    case 'offline':
      return 502;
    case 'odoo.not_configured':
    case 'sendgrid.not_configured':
    case 'webhook.not_configured':
    case 'keychain.unavailable':
    case 'keychain.locked':
      return 503;
    default:
      return 500;
  }
}
