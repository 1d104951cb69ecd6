import { z } from 'zod';
import { AppError, toErrorPayload } from '../../../shared/errors';
import type { BulkRunInput, BulkRunProgress, BulkRunResult } from '../../../shared/ops/subscriber-bulk';
import { isSystemTag } from '../../../shared/tags';
import { ensureTags } from '../extensions/handlers/newsletter';
import { parseRecords, subscriptionModel, type Domain, type OdooClient } from '../odoo';
import { hasTag } from './segments';
import { requireStoreList, STORE_FIELD, storeLists } from './stores';
import { subscriberFilterDomain } from './subscribers';

type Input = z.infer<typeof BulkRunInput>;
type Result = z.infer<typeof BulkRunResult>;
type Progress = z.infer<typeof BulkRunProgress>;

/** One write per batch keeps each Odoo request small, and lets progress and a stop happen between batches. */
export const BULK_BATCH_SIZE = 500;

interface BatchOutcome { changed: number; unchanged: number; skipped: number }
type Batch = (ids: number[]) => Promise<BatchOutcome>;

const Subscription = z.object({ contact_id: z.union([z.tuple([z.number().int(), z.string()]), z.literal(false)]), opt_out: z.boolean() });
const contactOf = (s: z.infer<typeof Subscription>) => (s.contact_id ? s.contact_id[0] : 0);
const invalid = (field: string, problem: string, message: string) => new AppError('input.invalid', message, { fields: [{ field, problem }] });

/**
 * Who the run is about, fixed when it starts: the ids the filter matches now (or the picked ids that
 * are the store's), in id order. Acting changes who matches (untagging everyone tagged "vip"
 * empties the filter), so the run walks this list rather than re-asking the filter per batch.
 */
async function selectedIds(odoo: OdooClient, input: Input): Promise<number[]> {
  if ('ids' in input.selection) {
    return odoo.search('mailing.contact', [['id', 'in', input.selection.ids], [`list_ids.${STORE_FIELD}`, '=', input.storeId]], { order: 'id asc' });
  }
  const filter = input.selection.filter;
  if (filter.list_id !== undefined) requireStoreList(await storeLists(odoo, input.storeId), filter.list_id, input.storeId);
  return odoo.search('mailing.contact', subscriberFilterDomain(input.storeId, filter), { order: 'id asc' });
}

/** What one batch does, per action; each writes only the contacts it changes. */
async function batchFor(odoo: OdooClient, input: Input): Promise<{ batch: Batch; skippedReason: string | null }> {
  const inBatch = (ids: number[]): Domain => [['id', 'in', ids]];
  const subModel = subscriptionModel((await odoo.version()).major);
  switch (input.action) {
    case 'tag': {
      const name = input.tag as string;
      const tagId = (await ensureTags(odoo, [name], input.storeId)).get(name) as number;
      return { skippedReason: null, batch: async (ids) => {
        const targets = await odoo.search('mailing.contact', [...inBatch(ids), ['tag_ids', 'not in', [tagId]]]);
        if (targets.length > 0) await odoo.write('mailing.contact', targets, { tag_ids: [[4, tagId]] });
        return { changed: targets.length, unchanged: ids.length - targets.length, skipped: 0 };
      } };
    }
    case 'untag': {
      const name = input.tag as string;
      const tagIds = await odoo.search('res.partner.category', [['name', '=ilike', name]]);
      return { skippedReason: null, batch: async (ids) => {
        const targets = tagIds.length === 0 ? [] : await odoo.search('mailing.contact', [...inBatch(ids), hasTag(name)]);
        if (targets.length > 0) await odoo.write('mailing.contact', targets, { tag_ids: tagIds.map((t) => [3, t]) });
        return { changed: targets.length, unchanged: ids.length - targets.length, skipped: 0 };
      } };
    }
    case 'add_to_list': {
      const list = requireStoreList(await storeLists(odoo, input.storeId), input.target_list_id as number, input.storeId);
      return {
        // An opt-out is the person's own choice about that list: a bulk action never undoes it.
        skippedReason: `had unsubscribed from ${list.name} before, so they were left unsubscribed`,
        batch: async (ids) => {
          const subs = parseRecords(Subscription, await odoo.searchRead(subModel, [['contact_id', 'in', ids], ['list_id', '=', list.id]], ['contact_id', 'opt_out']), subModel);
          const on = new Set(subs.filter((s) => !s.opt_out).map(contactOf));
          const optedOut = new Set(subs.filter((s) => s.opt_out).map(contactOf));
          const join = ids.filter((id) => !on.has(id) && !optedOut.has(id));
          if (join.length > 0) await odoo.write('mailing.contact', join, { list_ids: [[4, list.id]] });
          return { changed: join.length, unchanged: on.size, skipped: optedOut.size };
        },
      };
    }
    case 'unsubscribe': {
      const filterList = 'filter' in input.selection ? input.selection.filter.list_id : undefined;
      const scope: Domain = filterList !== undefined ? [['list_id', '=', filterList]] : [[`list_id.${STORE_FIELD}`, '=', input.storeId]];
      return { skippedReason: null, batch: async (ids) => {
        const rows = parseRecords(z.object({ id: z.number().int() }).and(Subscription), await odoo.searchRead(subModel, [['contact_id', 'in', ids], ...scope, ['opt_out', '=', false]], ['contact_id', 'opt_out']), subModel);
        if (rows.length > 0) await odoo.write(subModel, rows.map((r) => r.id), { opt_out: true });
        const changed = new Set(rows.map(contactOf)).size;
        return { changed, unchanged: ids.length - changed, skipped: 0 };
      } };
    }
    case 'delete':
      return {
        // A contact is one record shared by every list it is on: deleting it would take it from another store too.
        skippedReason: 'are also on mailing lists outside this store, so they were kept',
        batch: async (ids) => {
          const shared = await odoo.search('mailing.contact', [...inBatch(ids), ['subscription_ids', 'any', [[`list_id.${STORE_FIELD}`, '!=', input.storeId]]]]);
          const keep = new Set(shared);
          const remove = ids.filter((id) => !keep.has(id));
          if (remove.length > 0) await odoo.unlink('mailing.contact', remove);
          return { changed: remove.length, unchanged: 0, skipped: keep.size };
        },
      };
  }
}

/**
 * Bulk actions over the picked subscribers or a whole filter, in batches of BULK_BATCH_SIZE with
 * progress after each. A stop (bulkStop, or the caller going away) takes effect between batches and
 * the answer says how far the run got; an error after some batches ends the run the same way.
 * The runs under way are this service's own state, keyed by store and run id.
 */
export function createBulkRuns(odoo: OdooClient) {
  const running = new Map<string, AbortController>();
  const keyOf = (storeId: string, runId: string) => `${storeId}\u0000${runId}`;

  async function run(input: Input, emit: (p: Progress) => void, signal: AbortSignal): Promise<Result> {
    if (input.tag !== undefined && (input.action === 'tag' || input.action === 'untag') && isSystemTag(input.tag)) {
      throw invalid('tag', 'is a system tag', `"${input.tag}" is a tag the console keeps for itself (it marks the store's contacts); choose another tag.`);
    }
    const ids = await selectedIds(odoo, input);
    if (ids.length === 0) await storeLists(odoo, input.storeId);
    if (input.confirm_count !== undefined && input.confirm_count !== ids.length) {
      throw new AppError('conflict', `The selection now holds ${ids.length.toLocaleString('en-US')} subscribers, not the ${input.confirm_count.toLocaleString('en-US')} you confirmed (it changed in the meantime). Nothing was changed: check the number and confirm again.`, { matched: ids.length, confirmed: input.confirm_count });
    }
    const { batch, skippedReason } = await batchFor(odoo, input);
    const stop = new AbortController();
    const key = input.run_id !== undefined ? keyOf(input.storeId, input.run_id) : undefined;
    if (key !== undefined) running.set(key, stop);
    const result: Result = { action: input.action, matched: ids.length, done: 0, changed: 0, unchanged: 0, skipped: 0, skipped_reason: null, stopped: false, failed: null };
    try {
      for (let start = 0; start < ids.length; start += BULK_BATCH_SIZE) {
        if (stop.signal.aborted || signal.aborted) {
          result.stopped = true;
          break;
        }
        const slice = ids.slice(start, start + BULK_BATCH_SIZE);
        try {
          const outcome = await batch(slice);
          result.changed += outcome.changed;
          result.unchanged += outcome.unchanged;
          result.skipped += outcome.skipped;
        } catch (error) {
          // Nothing done yet: the plain error. Later: what was done is said, not lost in an error.
          if (result.done === 0) throw error;
          result.failed = toErrorPayload(error).message;
          break;
        }
        result.done += slice.length;
        emit({ done: result.done, total: ids.length, changed: result.changed });
      }
    } finally {
      if (key !== undefined) running.delete(key);
    }
    result.skipped_reason = result.skipped > 0 ? skippedReason : null;
    return result;
  }

  function stop(storeId: string, runId: string): boolean {
    const controller = running.get(keyOf(storeId, runId));
    controller?.abort();
    return controller !== undefined;
  }

  return { run, stop };
}
export type BulkRuns = ReturnType<typeof createBulkRuns>;
