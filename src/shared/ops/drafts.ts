import { z } from 'zod';
import { ErrorPayload } from '../errors';
import { op } from '../rpc';
import { IsoDateTime, StoreId } from '../schemas/common';
import { Draft, DraftId, DraftSaveInput, RemoteMailing } from '../schemas/drafts';
import { EMAIL_DOCUMENT_BODY } from '../email/document';

/** A change waiting to be pushed to Odoo (mirrors core/outbox's record; shared so the renderer can type it). */
export const OutboxEntry = z.object({
  id: z.string(),
  kind: z.string(),
  draftId: z.string(),
  createdAt: IsoDateTime,
  attempts: z.number().int().nonnegative(),
  /** failed: Odoo refused it for a reason that will not go away by itself; fix the draft, then retry. */
  state: z.enum(['pending', 'failed']),
  lastError: ErrorPayload.optional(),
});

export const DrainReport = z.object({
  pushed: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  remaining: z.number().int().nonnegative(),
  /** Set when Odoo could not be reached: the rest waits, in order, for the next attempt. */
  stoppedBy: ErrorPayload.optional(),
});

export const ConnectivityStatus = z.object({
  online: z.boolean(),
  /** When the state last changed. */
  since: IsoDateTime,
  lastError: ErrorPayload.optional(),
});

const DraftRef = z.strictObject({ id: DraftId });

/**
 * Offline drafting: drafts are saved on this computer first (atomic, versioned), changes go to an
 * outbox that is pushed to Odoo in order when it is reachable, and conflicts are shown, not resolved silently.
 */
export const draftOps = {
  'drafts.list': op({
    summary: 'Campaign drafts kept on this computer, newest first, and the draft files set aside because they could not be read.',
    input: z.strictObject({ storeId: StoreId.optional() }),
    // A file that cannot be read is moved to the drafts folder's quarantine/ (kept for recovery), never a reason to list nothing.
    output: z.object({ drafts: z.array(Draft), unreadable: z.array(z.object({ file: z.string(), reason: z.string() })) }),
  }),
  'drafts.get': op({
    summary: "A draft with Odoo's version beside it when they conflict, and its changes waiting for Odoo.",
    input: DraftRef,
    output: z.object({ draft: Draft, remote: RemoteMailing.nullable(), outbox: z.array(OutboxEntry) }),
  }),
  'drafts.save': op({
    summary: 'Saves a draft locally (atomic, new version) and queues it for Odoo, unless keepLocal keeps a draft not yet in Odoo on this computer; a stale baseVersion is a conflict.',
    input: DraftSaveInput,
    output: Draft,
    body: EMAIL_DOCUMENT_BODY,
  }),
  'drafts.delete': op({ summary: 'Deletes a local draft and its changes still waiting for Odoo.', input: DraftRef, output: z.object({ deleted: z.boolean(), discarded: z.number().int().nonnegative() }) }),
  'drafts.sync': op({ summary: 'Pushes the waiting changes to Odoo now, in order.', input: z.strictObject({}), output: DrainReport }),
  'drafts.resolveConflict': op({
    summary: "Ends a conflict: keep-local overwrites Odoo's version, take-odoo replaces the draft with it.",
    input: DraftRef.extend({ choice: z.enum(['keep-local', 'take-odoo']) }),
    output: Draft,
  }),
  'outbox.list': op({ summary: 'Changes waiting to be pushed to Odoo, oldest first.', input: z.strictObject({}), output: z.object({ items: z.array(OutboxEntry) }) }),
  'outbox.retry': op({ summary: 'Tries a failed change again (after fixing the draft).', input: z.strictObject({ id: z.string().min(1).max(100) }), output: OutboxEntry }),
  'outbox.discard': op({ summary: 'Drops a waiting change; the local draft stays as it is.', input: z.strictObject({ id: z.string().min(1).max(100) }), output: z.object({ discarded: z.boolean() }) }),
  'connectivity.status': op({
    summary: 'Whether Odoo can be reached, since when, and the last error; probe: true checks now.',
    input: z.strictObject({ probe: z.coerce.boolean().default(false) }),
    output: ConnectivityStatus,
  }),
};
