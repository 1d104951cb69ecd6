import { AppError } from '../../../shared/errors';
import type { PassphraseStore } from './passphrase';

export type LockReason = 'idle' | 'manual';

export interface SessionStatus {
  locked: boolean;
  reason: LockReason | null;
  /** Idle time after which the console locks; null when this profile does not auto-lock. */
  lockAfterMs: number | null;
  /** Whether an app passphrase exists (auto-lock engages only when the user can unlock). */
  passphraseSet: boolean;
}

/** How long the active profile may stay idle; read at every check so a settings change applies at once. */
export type IdlePolicy = () => Promise<{ idleLockMs: number | null }>;

export interface SessionLockDeps {
  now: () => Date;
  policy: IdlePolicy;
  passphrase: PassphraseStore;
  /** Told when the lock engages or is lifted (the audit log records both). */
  onChange?: (change: { locked: boolean; reason: LockReason | 'passphrase' | 'os-user' }) => void;
}

export interface SessionLock {
  status(): Promise<SessionStatus>;
  /** Activity from the user (renderer heartbeat). Ignored while locked. */
  touch(): Promise<SessionStatus>;
  lock(reason?: LockReason): Promise<SessionStatus>;
  unlock(passphrase: string): Promise<SessionStatus>;
  /**
   * For the Electron layer: unlock after the OS verified the user (Touch ID, Windows Hello…).
   * Not in the contract: only main-process code that performed the verification may call it.
   */
  unlockVerifiedUser(): Promise<SessionStatus>;
  setPassphrase(next: string, current?: string): Promise<SessionStatus>;
  /** The profile's lock settings changed: read the policy again at the next check. */
  policyChanged(): void;
  /**
   * At process start: a profile that auto-locks (and has a passphrase to unlock it) opens locked,
   * so quitting and reopening the app is no way around the lock.
   */
  lockAtStart(): Promise<SessionStatus>;
  /** The lock's state, for the next services of the same console run (a settings change rebuilds them). */
  carriedState(): LockState;
  /** Takes over the state of the lock these services replace: a rebuild neither locks nor unlocks. */
  adopt(state: LockState): void;
}

/** What a rebuild of the services carries over: whether it is locked, the idle clock and the wrong-passphrase backoff. */
export interface LockState {
  reason: LockReason | null;
  lastActivity: number;
  failures: number;
  retryAt: number;
}

/** After this many wrong passphrases in a row, each further attempt waits longer (30 s, 60 s… up to 15 min). */
const FREE_ATTEMPTS = 5;
const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 15 * 60_000;

/**
 * The console's lock, held in the main process so it also holds in browser mode: while locked,
 * the host refuses every operation that returns personal data. Idle time is measured from the
 * last touch() with the injected clock and evaluated when asked, so no timer decides it.
 * Auto-lock needs a way to unlock: without a passphrase it does not engage (status says so,
 * and the renderer asks the user to set one).
 */
export function createSessionLock({ now, policy, passphrase, onChange }: SessionLockDeps): SessionLock {
  let lastActivity = now().getTime();
  let reason: LockReason | null = null;
  let failures = 0;
  let retryAt = 0;
  // Read once and kept: the policy comes from the settings file, and every operation asks.
  let policyMemo: Promise<{ idleLockMs: number | null }> | undefined;
  const currentPolicy = () => {
    policyMemo ??= policy().catch((error: unknown) => {
      policyMemo = undefined;
      throw error;
    });
    return policyMemo;
  };

  async function evaluate(): Promise<SessionStatus> {
    const [{ idleLockMs }, passphraseSet] = await Promise.all([currentPolicy(), passphrase.isSet()]);
    if (!reason && idleLockMs !== null && passphraseSet && now().getTime() - lastActivity >= idleLockMs) engage('idle');
    return { locked: reason !== null, reason, lockAfterMs: idleLockMs, passphraseSet };
  }

  function engage(why: LockReason): void {
    if (reason) return;
    reason = why;
    onChange?.({ locked: true, reason: why });
  }

  /** Every check of a passphrase the user typed (unlock, replacing it) counts towards the same backoff. */
  async function checkGuess(given: string, field: 'passphrase' | 'current'): Promise<void> {
    const wait = retryAt - now().getTime();
    if (wait > 0) {
      throw new AppError('locked', `Too many wrong passphrases. Try again in ${Math.ceil(wait / 1000)} seconds.`, { retryAfterSeconds: Math.ceil(wait / 1000) });
    }
    if (await passphrase.verify(given)) {
      failures = 0;
      return;
    }
    failures += 1;
    if (failures >= FREE_ATTEMPTS) retryAt = now().getTime() + Math.min(BASE_DELAY_MS * 2 ** (failures - FREE_ATTEMPTS), MAX_DELAY_MS);
    throw new AppError('input.invalid', 'That passphrase is not correct.', { fields: [{ field, problem: 'is not correct' }] });
  }

  function release(how: 'passphrase' | 'os-user'): void {
    const wasLocked = reason !== null;
    reason = null;
    failures = 0;
    lastActivity = now().getTime();
    if (wasLocked) onChange?.({ locked: false, reason: how });
  }

  return {
    status: evaluate,
    async touch() {
      const current = await evaluate();
      if (!current.locked) lastActivity = now().getTime();
      return current;
    },
    async lock(why = 'manual') {
      if (!(await passphrase.isSet())) {
        throw new AppError('input.invalid', 'Set a passphrase first, so you can unlock the console again.', { fields: [{ field: 'passphrase', problem: 'is not set' }] });
      }
      engage(why);
      return evaluate();
    },
    async unlock(given) {
      await checkGuess(given, 'passphrase');
      release('passphrase');
      return evaluate();
    },
    async unlockVerifiedUser() {
      release('os-user');
      return evaluate();
    },
    policyChanged() {
      policyMemo = undefined;
    },
    async lockAtStart() {
      const [{ idleLockMs }, passphraseSet] = await Promise.all([currentPolicy(), passphrase.isSet()]);
      // The schema's reasons are 'idle' and 'manual'; a restart is the longest idle time there is.
      if (idleLockMs !== null && passphraseSet) engage('idle');
      return evaluate();
    },
    carriedState: () => ({ reason, lastActivity, failures, retryAt }),
    adopt(state) {
      ({ reason, lastActivity, failures, retryAt } = state);
    },
    async setPassphrase(next, current) {
      // Replacing the passphrase checks the current one: without the same backoff it would be a guessing oracle.
      if (current !== undefined && (await passphrase.isSet())) await checkGuess(current, 'current');
      await passphrase.set(next, current);
      lastActivity = now().getTime();
      return evaluate();
    },
  };
}
