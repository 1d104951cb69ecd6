import { z } from 'zod';
import { op } from '../rpc';

export const SessionStatus = z.object({
  locked: z.boolean(),
  reason: z.enum(['idle', 'manual']).nullable(),
  /** Idle time after which the console locks; null when the active profile does not auto-lock. */
  lockAfterMs: z.number().int().positive().nullable(),
  /** Auto-lock engages only once a passphrase is set (so the user can unlock): prompt for one when false. */
  passphraseSet: z.boolean(),
  /** The desktop app can unlock with the operating system's own check (Touch ID on macOS). */
  systemUnlock: z.string().nullable().optional(),
});

const Passphrase = z.string().min(1, 'is required').max(1024);

/**
 * The console lock, held by the host (so it also holds in browser mode). While locked, every
 * operation that returns personal data answers `locked`; these stay usable.
 */
export const sessionOps = {
  'session.status': op({ summary: 'Whether the console is locked, why, and after how much idle time it locks.', input: z.strictObject({}), output: SessionStatus }),
  'session.touch': op({ summary: 'Activity heartbeat from the window (send at most every few seconds).', input: z.strictObject({}), output: SessionStatus }),
  'session.lock': op({ summary: 'Locks the console now.', input: z.strictObject({}), output: SessionStatus }),
  'session.unlock': op({ summary: 'Unlocks the console with the app passphrase.', input: z.strictObject({ passphrase: Passphrase }), output: SessionStatus }),
  'session.unlockWithSystem': op({
    summary: "Unlocks the console with the operating system's user verification (Touch ID), where the desktop app offers it.",
    input: z.strictObject({}),
    output: SessionStatus,
  }),
  'session.setPassphrase': op({
    summary: 'Sets the app passphrase (kept only as a scrypt hash in the keychain); replacing one needs the current one.',
    input: z.strictObject({ passphrase: Passphrase, current: Passphrase.optional() }),
    output: SessionStatus,
  }),
};
