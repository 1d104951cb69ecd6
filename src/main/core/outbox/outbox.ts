import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError, ErrorPayload, toErrorPayload, type ErrorCode } from '../../../shared/errors';
import type { Cipher } from '../crypto/cipher';
import { cleanTempFiles, createKeyedQueue, encodeJson, readJsonFile, writeFileAtomic } from '../local-data/atomic';
import { OPEN_GATE, type WriteGate } from '../local-data/write-gate';

export const OutboxKind = z.enum(['campaign.upsertDraft']);
export type OutboxKind = z.infer<typeof OutboxKind>;

export const OutboxItem = z.object({
  /** Idempotency key: the same item pushed twice must not change Odoo twice. */
  id: z.string().min(1),
  kind: OutboxKind,
  draftId: z.string().min(1),
  payload: z.record(z.string(), z.unknown()),
  createdAt: z.iso.datetime({ offset: true }),
  attempts: z.number().int().nonnegative(),
  lastError: ErrorPayload.optional(),
  state: z.enum(['pending', 'failed']),
});
export type OutboxItem = z.infer<typeof OutboxItem>;

const OutboxFile = z.object({ version: z.literal(1), items: z.array(OutboxItem) });

export type PushResult = 'done' | { permanent: AppError };
export type Push = (item: OutboxItem) => Promise<PushResult>;

export interface DrainResult {
  pushed: number;
  failed: number;
  remaining: number;
  /** Set when a transient failure (Odoo unreachable...) stopped the drain; the item stays first. */
  stoppedBy?: ErrorPayload;
}

export interface EnqueueInput {
  kind: OutboxKind;
  draftId: string;
  payload: Record<string, unknown>;
}

export interface Outbox {
  enqueue(input: EnqueueInput): Promise<OutboxItem>;
  list(): Promise<OutboxItem[]>;
  drain(push: Push, opts?: { signal?: AbortSignal }): Promise<DrainResult>;
  /** Resolves once no drain is running (at once when none is); a drain's own failure is its caller's. */
  whenIdle(): Promise<void>;
  retry(id: string): Promise<OutboxItem>;
  discard(id: string): Promise<boolean>;
  discardForDraft(draftId: string): Promise<number>;
}

/** Failures after which the same push may well succeed later: stop and keep the order. */
const TRANSIENT: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['odoo.unreachable', 'odoo.timeout', 'odoo.server_error', 'odoo.session_expired', 'offline']);

export function isTransient(error: unknown): boolean {
  // A lost or cut-short answer (core/odoo/errors.ts lostAnswer) says so in its details, whatever its code.
  return error instanceof AppError && (TRANSIENT.has(error.code) || error.details?.transient === true);
}

/**
 * Changes made while Odoo was unreachable, in the order they were made, persisted atomically
 * in one file (sealed for HIPAA profiles).
 *
 * Rules of drain():
 * - Items are pushed oldest first; an item is removed only after its push answered 'done', so a
 *   crash between the push and the removal pushes it again — pushes must be idempotent (the
 *   campaign push is, through x_markket_campaign_id).
 * - A transient failure stops the drain: the item keeps its place, its attempts and the error.
 * - A permanent failure parks the item as 'failed' with the error for the user to fix and
 *   retry() or discard(). Later items of the SAME draft wait behind it (their order matters);
 *   items of other drafts carry on.
 * - A new edit of a draft whose newest item has not been pushed yet replaces that item's
 *   payload (same id, same place) instead of queueing a second push of the same draft.
 */
export function createOutbox({ dir, now, cipher, gate = OPEN_GATE }: { dir: string; now: () => Date; cipher?: Cipher; gate?: WriteGate }): Outbox {
  const file = join(dir, 'outbox.json');
  const serialize = createKeyedQueue();
  let items: OutboxItem[] | undefined;
  let inFlight: string | undefined;
  let draining: Promise<DrainResult> | undefined;

  const locked = <T>(task: (current: OutboxItem[]) => Promise<T>): Promise<T> =>
    serialize('outbox', async () => {
      if (!items) {
        await mkdir(dir, { recursive: true, mode: 0o700 });
        await cleanTempFiles(dir);
        items = (await readJsonFile(file, OutboxFile, cipher))?.items ?? [];
      }
      return task(items);
    });

  async function persist(next: OutboxItem[]): Promise<void> {
    await gate.run(() => writeFileAtomic(file, encodeJson({ version: 1, items: next }, cipher)));
    items = next;
  }

  function notFound(id: string): AppError {
    return new AppError('not_found', 'This change is no longer waiting to be sent to Odoo.', { outboxId: id });
  }

  const enqueue = (input: EnqueueInput) =>
    locked(async (current) => {
      const newest = current.findLast((item) => item.draftId === input.draftId && item.kind === input.kind);
      if (newest && newest.state === 'pending' && newest.id !== inFlight) {
        const replaced = { ...newest, payload: input.payload };
        await persist(current.map((item) => (item.id === newest.id ? replaced : item)));
        return replaced;
      }
      const item: OutboxItem = { id: randomUUID(), ...input, createdAt: now().toISOString(), attempts: 0, state: 'pending' };
      await persist([...current, item]);
      return item;
    });

  function nextPushable(current: OutboxItem[]): OutboxItem | undefined {
    const blocked = new Set<string>();
    for (const item of current) {
      if (item.state === 'failed') blocked.add(item.draftId);
      else if (!blocked.has(item.draftId)) return item;
    }
    return undefined;
  }

  async function settle(id: string, change: (item: OutboxItem) => OutboxItem | undefined): Promise<void> {
    await locked(async (current) => {
      const next = current.flatMap((item) => {
        if (item.id !== id) return [item];
        const changed = change(item);
        return changed ? [changed] : [];
      });
      await persist(next);
    });
  }

  async function runDrain(push: Push, signal?: AbortSignal): Promise<DrainResult> {
    const result: DrainResult = { pushed: 0, failed: 0, remaining: 0 };
    while (!signal?.aborted) {
      const item = await locked(async (current) => nextPushable(current));
      if (!item) break;
      inFlight = item.id;
      let outcome: PushResult | { transient: AppError };
      try {
        outcome = await push(item);
      } catch (error) {
        outcome = isTransient(error)
          ? { transient: error as AppError }
          : { permanent: error instanceof AppError ? error : AppError.fromPayload(toErrorPayload(error)) };
      } finally {
        inFlight = undefined;
      }
      if (outcome === 'done') {
        // The payload may have been replaced by a newer edit while we pushed: keep that one.
        await settle(item.id, (stored) => (stored.payload === item.payload ? undefined : { ...stored, attempts: 0, lastError: undefined }));
        result.pushed += 1;
      } else if ('transient' in outcome) {
        const error = outcome.transient.toPayload();
        await settle(item.id, (stored) => ({ ...stored, attempts: stored.attempts + 1, lastError: error }));
        result.stoppedBy = error;
        break;
      } else {
        const error = outcome.permanent.toPayload();
        await settle(item.id, (stored) => ({ ...stored, attempts: stored.attempts + 1, lastError: error, state: 'failed' }));
        result.failed += 1;
      }
    }
    result.remaining = (await locked(async (current) => current.length));
    return result;
  }

  return {
    enqueue,
    list: () => locked(async (current) => [...current]),
    drain(push, opts = {}) {
      // One drain at a time: a second caller shares the running one instead of pushing twice.
      draining ??= runDrain(push, opts.signal).finally(() => {
        draining = undefined;
      });
      return draining;
    },
    whenIdle: async () => {
      await draining?.catch(() => undefined);
    },
    retry: (id) =>
      locked(async (current) => {
        const found = current.find((item) => item.id === id);
        if (!found) throw notFound(id);
        const revived: OutboxItem = { ...found, state: 'pending' };
        await persist(current.map((item) => (item.id === id ? revived : item)));
        return revived;
      }),
    discard: (id) =>
      locked(async (current) => {
        if (!current.some((item) => item.id === id)) return false;
        await persist(current.filter((item) => item.id !== id));
        return true;
      }),
    discardForDraft: (draftId) =>
      locked(async (current) => {
        const kept = current.filter((item) => item.draftId !== draftId || item.id === inFlight);
        if (kept.length !== current.length) await persist(kept);
        return current.length - kept.length;
      }),
  };
}
