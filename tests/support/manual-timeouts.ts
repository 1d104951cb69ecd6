/**
 * Request timeouts the test fires itself, for OdooClientDeps.timeout. A stalled server is then
 * given up on because the test says the time is up, not because a wall clock ran out, so a slow,
 * loaded machine can neither time out a healthy answer nor make a stall test wait.
 */
export interface ManualTimeouts {
  timeout: (ms: number) => AbortSignal;
  /**
   * The newest request runs out of time now, as AbortSignal.timeout would end it. The Odoo client
   * sends one request at a time, so the newest is the one the server is holding.
   */
  expireLatest(): void;
  /** How many requests were ended this way. */
  expired(): number;
}

export function manualTimeouts(): ManualTimeouts {
  let latest: AbortController | undefined;
  let count = 0;
  return {
    timeout: () => {
      latest = new AbortController();
      return latest.signal;
    },
    expireLatest: () => {
      if (!latest || latest.signal.aborted) return;
      latest.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
      count++;
    },
    expired: () => count,
  };
}
