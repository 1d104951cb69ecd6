import { z } from 'zod';
import { op } from '../rpc';
import { PositiveId, StoreId } from '../schemas/common';
import { SubscriberStatus } from '../schemas/marketing';

const Count = z.number().int().nonnegative();
const base = '/api/stores/:storeId/marketing';

/** The subscriber browser's filter, as marketing.subscribers.list takes it. */
export const SubscriberFilter = z.strictObject({
  list_id: PositiveId.optional(),
  search: z.string().trim().max(200).optional(),
  tag: z.string().trim().max(100).optional(),
  status: SubscriberStatus.optional(),
});

export const BulkRunAction = z.enum(['tag', 'untag', 'add_to_list', 'unsubscribe', 'delete']);

export const BulkRunInput = z.strictObject({
  storeId: StoreId,
  /** Who: the subscribers picked one by one, or everyone the filter matches (all pages). */
  selection: z.union([
    z.strictObject({ ids: z.array(PositiveId).min(1).max(5000) }),
    z.strictObject({ filter: SubscriberFilter }),
  ]),
  action: BulkRunAction,
  /** The tag to add or remove (tag, untag). */
  tag: z.string().trim().min(1).max(100).optional(),
  /** The store's list to add them to (add_to_list). */
  target_list_id: PositiveId.optional(),
  /**
   * How many the person saw and confirmed. For a filter it is required: when the filter matches
   * another number by the time the run starts, nothing is changed and the new number is answered.
   */
  confirm_count: Count.optional(),
  /** Chosen by the caller so marketing.subscribers.bulkStop can name this run. */
  run_id: z.string().trim().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only').optional(),
}).superRefine((v, ctx) => {
  if ((v.action === 'tag' || v.action === 'untag') && v.tag === undefined) ctx.addIssue({ code: 'custom', path: ['tag'], message: 'is required to tag or untag' });
  if (v.action === 'add_to_list' && v.target_list_id === undefined) ctx.addIssue({ code: 'custom', path: ['target_list_id'], message: 'is required to add to a list' });
  if ('filter' in v.selection && v.confirm_count === undefined) ctx.addIssue({ code: 'custom', path: ['confirm_count'], message: 'is required when acting on a filter: the number of subscribers you confirmed' });
});

/** After each batch: how far the run is. */
export const BulkRunProgress = z.object({ done: Count, total: Count, changed: Count });

export const BulkRunResult = z.object({
  action: BulkRunAction,
  /** How many subscribers the selection held when the run started. */
  matched: Count,
  /** How many of them the run went through before it ended (all of them unless stopped). */
  done: Count,
  /** How many were changed: tagged, untagged, added, opted out or deleted. */
  changed: Count,
  /** Went through but already as asked (already tagged, already on the list, already opted out). */
  unchanged: Count,
  /** Left alone on purpose, and why (e.g. opted out of that list before, or on another store's lists too). */
  skipped: Count,
  skipped_reason: z.string().nullable(),
  /** The person stopped it, or the connection went; what was done before stays done. */
  stopped: z.boolean(),
  /** An error that ended the run early, in a sentence; what was done before stays done. */
  failed: z.string().nullable(),
});

/** Acting on many subscribers at once, in batches, with progress, a stop and a final count. */
export const subscriberBulkOps = {
  'marketing.subscribers.bulkRun': op({
    summary: 'Tags, untags, adds to a list, unsubscribes or deletes the picked subscribers or everyone a filter matches, in batches with progress; the count confirmed must still hold.',
    input: BulkRunInput,
    output: BulkRunResult,
    http: `POST ${base}/subscribers/bulk-run`,
    events: BulkRunProgress,
  }),
  'marketing.subscribers.bulkStop': op({
    summary: 'Stops a running bulk action after the batch under way; its answer then says how far it got.',
    input: z.strictObject({ storeId: StoreId, run_id: z.string().trim().min(8).max(64) }),
    output: z.object({ stopping: z.boolean() }),
    http: `POST ${base}/subscribers/bulk-run/:run_id/stop`,
  }),
};
