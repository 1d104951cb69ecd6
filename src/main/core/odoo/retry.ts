import { isTransient } from './errors';

export interface RetryPolicy {
  /** Extra attempts after the first one. */
  retries: number;
  sleep: (ms: number) => Promise<void>;
  log?: (line: string) => void;
}

/** 250 ms, 500 ms, 1 s... capped at 4 s: enough for a restarting Odoo worker, short for a person waiting. */
export function backoffMs(attempt: number): number {
  return Math.min(250 * 2 ** attempt, 4000);
}

/**
 * Retries a READ after a transient failure (refused, reset, timeout, 5xx). Callers never pass a
 * write here: a dropped create may have been committed, so repeating it could duplicate data.
 */
export async function retryRead<T>(label: string, policy: RetryPolicy, attempt: () => Promise<T>): Promise<T> {
  for (let done = 0; ; done++) {
    try {
      return await attempt();
    } catch (error) {
      if (done >= policy.retries || !isTransient(error)) throw error;
      const wait = backoffMs(done);
      policy.log?.(`odoo ${label}: transient failure, retry ${done + 1}/${policy.retries} in ${wait}ms`);
      await policy.sleep(wait);
    }
  }
}

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
