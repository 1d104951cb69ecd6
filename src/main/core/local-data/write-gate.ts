import { AppError } from '../../../shared/errors';

/**
 * One profile folder's writers (drafts, outbox, offline cache) as seen by whoever changes the
 * folder's encryption. A HIPAA switch seals every file the folder holds at that moment; a store
 * built for the old setting that writes afterwards (a draft push whose Odoo answer arrives late)
 * would put a plaintext file into the sealed folder, and the profile could no longer read it.
 * close() waits for the writes under way and refuses later ones; the newer stores, built for the
 * new setting, write instead (a refused push stays in the outbox and goes out again from there).
 */
export interface WriteGate {
  run<T>(write: () => Promise<T>): Promise<T>;
  /** Refuses new writes and resolves once none is under way. */
  close(): Promise<void>;
  /** Lets writes through again (the change that closed the gate did not happen). */
  reopen(): void;
}

export function createWriteGate(): WriteGate {
  let open = true;
  let underWay = 0;
  let idle: (() => void)[] = [];
  return {
    async run(write) {
      if (!open) {
        throw new AppError('conflict', "This profile's settings changed while the console was saving; nothing was saved with the old settings. Reopen the item and try again.", { transient: true, reason: 'profile_changed' });
      }
      underWay += 1;
      try {
        return await write();
      } finally {
        underWay -= 1;
        if (underWay === 0) {
          for (const resolve of idle) resolve();
          idle = [];
        }
      }
    },
    close() {
      open = false;
      return underWay === 0 ? Promise.resolve() : new Promise<void>((resolve) => idle.push(resolve));
    },
    reopen() {
      open = true;
    },
  };
}

/** True for the refusal of a closed gate (the profile changed while a write was asked for). */
export function isGateClosed(error: unknown): boolean {
  return error instanceof AppError && error.code === 'conflict' && (error.details as { reason?: unknown } | undefined)?.reason === 'profile_changed';
}

/** For stores used alone (tests, removal): every write goes through. */
export const OPEN_GATE: WriteGate = { run: (write) => write(), close: async () => undefined, reopen: () => undefined };
