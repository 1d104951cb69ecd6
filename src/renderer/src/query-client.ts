import { QueryClient } from '@tanstack/react-query';
import { isAppError, type ErrorCode } from '../../shared/errors';

const maxRetries = 2;

/** Failures that may pass on their own; everything else fails the same way every time. */
const transientCodes = new Set<ErrorCode>([
  'odoo.unreachable',
  'odoo.timeout',
  'odoo.session_expired',
  'odoo.server_error',
  'sendgrid.unreachable',
  'sendgrid.server_error',
  'sendgrid.rate_limited',
  'offline',
]);

/**
 * Retrying only helps when the failure may pass (Odoo briefly unreachable, a timeout). An error the
 * user must act on (bad input, missing record, no access, no credentials) is shown at once.
 * Anything that is not an AppError is a transport failure (connection reset) and is retried.
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= maxRetries) return false;
  if (isAppError(error)) return transientCodes.has(error.code);
  return true;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 30_000, refetchOnWindowFocus: true },
      mutations: { retry: false },
    },
  });
}
