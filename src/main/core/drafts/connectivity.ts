import { AppError, toErrorPayload, type ErrorPayload } from '../../../shared/errors';
import { isTransient } from '../outbox/outbox';

export interface ConnectivityState {
  online: boolean;
  /** When the state last changed (ISO). */
  since: string;
  lastError?: ErrorPayload;
}

export interface Connectivity {
  current(): ConnectivityState;
  onChange(listener: (state: ConnectivityState) => void): () => void;
  /** Feed failures of real calls: only "cannot reach Odoo" kinds of errors turn the state offline. */
  markFailure(error: unknown): void;
  markSuccess(): void;
  /** Probes now and answers the resulting state. */
  check(): Promise<ConnectivityState>;
  /** Probes every intervalMs until stop(). */
  start(): void;
  stop(): void;
}

/**
 * Knows whether Odoo is reachable, from the failures of real calls and a periodic probe, so the
 * header can say "offline" and the outbox can drain when Odoo is back (listen for online: true).
 */
export function createConnectivity({ probe, intervalMs, now }: { probe: () => Promise<void>; intervalMs: number; now: () => Date }): Connectivity {
  let state: ConnectivityState = { online: true, since: now().toISOString() };
  const listeners = new Set<(state: ConnectivityState) => void>();
  let timer: NodeJS.Timeout | undefined;
  let probing: Promise<ConnectivityState> | undefined;

  function set(online: boolean, lastError?: ErrorPayload): void {
    if (state.online === online) {
      if (lastError) state = { ...state, lastError };
      return;
    }
    state = { online, since: now().toISOString(), ...(lastError ? { lastError } : {}) };
    for (const listener of listeners) listener(state);
  }

  function markFailure(error: unknown): void {
    if (isTransient(error)) set(false, toErrorPayload(error));
  }

  function check(): Promise<ConnectivityState> {
    probing ??= probe()
      .then(() => set(true))
      .catch((error: unknown) => {
        // A probe that fails for another reason (bad key...) still proves Odoo answered.
        if (isTransient(error) || !(error instanceof AppError)) set(false, toErrorPayload(error instanceof AppError ? error : new AppError('odoo.unreachable', 'Odoo cannot be reached.')));
        else set(true);
      })
      .then(() => state)
      .finally(() => {
        probing = undefined;
      });
    return probing;
  }

  return {
    current: () => state,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    markFailure,
    markSuccess: () => set(true),
    check,
    start() {
      if (timer) return;
      timer = setInterval(() => void check(), intervalMs);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
