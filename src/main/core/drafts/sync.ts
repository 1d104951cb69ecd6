import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type { Draft, RemoteMailing } from '../../../shared/schemas/drafts';
import type { OdooClient, OdooRecord } from '../odoo/types';
import type { SendgridService } from '../sendgrid';
import { isTransient, type DrainResult, type Outbox, type OutboxItem, type PushResult } from '../outbox/outbox';
import type { Connectivity } from './connectivity';
import { bodyAfterCreate, draftMailingValues, ensureAudience } from './mailing-values';
import type { DraftStore } from './store';
import { audienceFromRemote, remoteAudience, withoutHeldAudience } from './kept-audience';
import { readTemplateArch } from '../marketing/template-values';

export interface DraftSyncDeps {
  odoo: OdooClient;
  drafts: DraftStore;
  outbox: Outbox;
  /** Told about failures and successes of pushes, so the header reflects them. */
  connectivity?: Connectivity;
  /** The profile's SendGrid, when it has one: a draft's body is then rendered from its template's active version. */
  sendgrid?: () => SendgridService | undefined;
}

export interface DraftSync {
  /** Queues the draft's current content for Odoo (call after every local save). */
  queue(draftId: string): Promise<OutboxItem>;
  /** Pushes the outbox in order; stops at the first transient failure. */
  flush(opts?: { signal?: AbortSignal }): Promise<DrainResult>;
  /** The outbox's push function, exposed for callers that drain themselves. */
  push(item: OutboxItem): Promise<PushResult>;
  resolveConflict(draftId: string, choice: 'keep-local' | 'take-odoo'): Promise<Draft>;
}

const REMOTE_FIELDS = ['id', 'subject', 'preview', 'write_date', 'state', 'body_html', 'body_arch', 'email_from', 'contact_list_ids', 'mailing_domain', 'x_sendgrid_template_id'];
const Remote = z.object({
  id: z.number().int().positive(),
  subject: z.union([z.string(), z.literal(false)]),
  preview: z.union([z.string(), z.literal(false)]),
  write_date: z.string(),
  state: z.string(),
  body_html: z.union([z.string(), z.literal(false)]).optional(),
  body_arch: z.union([z.string(), z.literal(false)]).optional(),
  email_from: z.union([z.string(), z.literal(false)]).optional(),
  contact_list_ids: z.array(z.number()).optional(),
  mailing_domain: z.union([z.string(), z.literal(false)]).optional(),
  x_sendgrid_template_id: z.union([z.string(), z.literal(false)]).optional(),
});
const ModelId = z.array(z.object({ id: z.number().int().positive() }));

function newCampaignId(): string {
  return `camp_${randomBytes(12).toString('base64url')}`;
}

/**
 * Whether the mailing already holds every value the draft would write. Compared as Odoo answers a
 * read (false for empty, a list's ids for its command); anything Odoo reshaped counts as a change.
 */
function holdsValues(existing: z.infer<typeof Remote>, values: OdooRecord): boolean {
  const read = existing as Record<string, unknown>;
  return Object.entries(values).every(([field, value]) => {
    if (field === 'body_arch') return true; // not read back; body_html carries the same content
    if (field === 'contact_list_ids') {
      const command = value as [number, number, number[]][];
      return JSON.stringify(command[0]?.[2] ?? []) === JSON.stringify(existing.contact_list_ids ?? []);
    }
    return (read[field] === undefined ? undefined : read[field] || false) === (value || false);
  });
}

function toRemote(record: z.infer<typeof Remote>): RemoteMailing {
  // A template's campaign-wide values kept in Odoo: the draft takes the rendering unfilled and the
  // values apart, so they stay editable (body_html has them written in for good).
  const kept = record.body_arch ? readTemplateArch(record.body_arch) : null;
  return {
    odooId: record.id,
    subject: record.subject || '',
    previewText: record.preview || '',
    state: record.state,
    writeDate: record.write_date,
    ...(kept ? { body: kept.template, templateValues: kept.values } : record.body_html ? { body: record.body_html } : {}),
    ...(record.email_from ? { emailFrom: record.email_from } : {}),
    ...(record.contact_list_ids ? { listId: record.contact_list_ids[0] ?? null, listIds: record.contact_list_ids } : {}),
    ...(record.mailing_domain !== undefined ? { mailingDomain: record.mailing_domain || '' } : {}),
    ...(record.x_sendgrid_template_id !== undefined ? { templateId: record.x_sendgrid_template_id || null } : {}),
  };
}

/**
 * Pushes local drafts to Odoo as draft mailings, keyed by x_markket_campaign_id so a push that
 * is repeated (crash after Odoo answered, retry after a timeout) updates the same mailing
 * instead of creating a second one. A mailing whose write_date moved since our last push or pull
 * was edited by someone else: the draft goes to 'conflict' with both versions, and nothing is
 * overwritten until the user picks.
 */
export function createDraftSync({ odoo, drafts, outbox, connectivity, sendgrid }: DraftSyncDeps): DraftSync {
  let listModelId: number | undefined;

  async function mailingListModelId(): Promise<number> {
    // mailing_model_id must be the ir.model of mailing.list to target lists (odoo18-wire/100, 102).
    listModelId ??= ModelId.parse(await odoo.searchRead('ir.model', [['model', '=', 'mailing.list']], ['id'], { limit: 1 }))[0]?.id;
    if (!listModelId) throw new AppError('odoo.validation', 'Odoo has no "mailing.list" model. Install the Email Marketing app in Odoo.', {});
    return listModelId;
  }

  async function mustGet(draftId: string): Promise<Draft> {
    const draft = await drafts.get(draftId);
    if (!draft) throw new AppError('not_found', 'This draft no longer exists on this computer.', { draftId });
    return draft;
  }

  async function queue(draftId: string): Promise<OutboxItem> {
    const draft = await drafts.patchMeta(draftId, (current) => ({
      campaignId: current.campaignId ?? newCampaignId(),
      sync: current.sync.state === 'conflict' ? current.sync : { ...current.sync, state: 'pending' },
    }));
    return outbox.enqueue({ kind: 'campaign.upsertDraft', draftId, payload: { campaignId: draft.campaignId, version: draft.version } });
  }

  async function upsert(draft: Draft, campaignId: string): Promise<PushResult> {
    const found = await odoo.searchRead('mailing.mailing', [['x_markket_campaign_id', '=', campaignId]], REMOTE_FIELDS, { limit: 1 });
    const existing = z.array(Remote).parse(found)[0];
    let odooId: number;
    if (!existing) {
      const { values, mailingDomain } = await draftMailingValues(odoo, draft, sendgrid?.());
      odooId = await odoo.create('mailing.mailing', { ...values, mailing_model_id: await mailingListModelId(), x_markket_campaign_id: campaignId });
      await bodyAfterCreate(odoo, odooId, draft);
      await ensureAudience(odoo, odooId, draft, mailingDomain);
    } else {
      const remote = toRemote(existing);
      if (existing.state !== 'draft') {
        const error = new AppError('odoo.validation', 'This campaign was already sent or scheduled in Odoo, so the draft can no longer change it. Duplicate it to start a new one.', { campaignId, state: existing.state });
        await drafts.patchMeta(draft.id, (current) => ({ sync: { ...current.sync, state: 'error', odooId: remote.odooId, lastError: error.toPayload(), remote } }));
        return { permanent: error };
      }
      const { values, mailingDomain } = await draftMailingValues(odoo, draft, sendgrid?.(), existing.id);
      // No write date on our side means we created it and crashed before noting it: it is ours.
      // A moved write date over exactly our content is our own write whose reply was lost: no conflict.
      if (draft.sync.odooWriteDate && draft.sync.odooWriteDate !== existing.write_date && !holdsValues(existing, values)) {
        const error = new AppError('conflict', 'This campaign was changed in Odoo since you last synced it. Compare both versions and pick one.', { campaignId, odooId: remote.odooId });
        const withAudience = { ...remote, ...(await remoteAudience(odoo, existing)) };
        await drafts.patchMeta(draft.id, (current) => ({ sync: { ...current.sync, state: 'conflict', odooId: remote.odooId, lastError: error.toPayload(), remote: withAudience } }));
        return { permanent: error };
      }
      odooId = existing.id;
      const held = withoutHeldAudience(values, existing);
      await odoo.write('mailing.mailing', [odooId], values);
      if (!held) await ensureAudience(odoo, odooId, draft, mailingDomain);
    }
    const [after] = z.array(z.object({ write_date: z.string() })).parse(await odoo.read('mailing.mailing', [odooId], ['write_date']));
    await drafts.patchMeta(draft.id, (current) => ({
      campaignId,
      // An edit saved while we pushed is newer than what Odoo has: it stays pending.
      sync: { state: current.version > draft.version ? 'pending' : 'synced', odooId, odooWriteDate: after?.write_date },
    }));
    return 'done';
  }

  async function push(item: OutboxItem): Promise<PushResult> {
    const draft = await drafts.get(item.draftId);
    if (!draft) return 'done'; // deleted locally since: nothing left to push
    const campaignId = draft.campaignId ?? z.string().parse(item.payload.campaignId);
    try {
      const result = await upsert(draft, campaignId);
      connectivity?.markSuccess();
      return result;
    } catch (error) {
      connectivity?.markFailure(error);
      if (error instanceof AppError && !isTransient(error)) {
        await drafts.patchMeta(draft.id, (current) => ({ sync: { ...current.sync, state: 'error', lastError: error.toPayload() } }));
      }
      throw error;
    }
  }

  async function resolveConflict(draftId: string, choice: 'keep-local' | 'take-odoo'): Promise<Draft> {
    const draft = await mustGet(draftId);
    const remote = draft.sync.remote;
    if (draft.sync.state !== 'conflict' || !remote) {
      throw new AppError('conflict', 'This draft has no conflict to resolve any more.', { draftId, state: draft.sync.state });
    }
    const failed = (await outbox.list()).filter((item) => item.draftId === draftId && item.state === 'failed');
    if (choice === 'take-odoo') {
      await outbox.discardForDraft(draftId);
      const { id, storeId, schedule } = draft;
      // Odoo's content and audience (the segment its domain is, or the domain kept as it is, never
      // widened); the schedule is never in Odoo before Send.
      await drafts.save({
        id, storeId, schedule,
        subject: remote.subject,
        previewText: remote.previewText,
        emailFrom: remote.emailFrom ?? draft.emailFrom,
        templateId: remote.templateId !== undefined ? remote.templateId : draft.templateId,
        ...audienceFromRemote(remote, draft),
        body: remote.body ?? draft.body,
        ...((remote.templateValues ?? draft.templateValues) ? { templateValues: remote.templateValues ?? draft.templateValues } : {}),
      }, { fromOdoo: true });
      return drafts.patchMeta(draftId, { sync: { state: 'synced', odooId: remote.odooId, odooWriteDate: remote.writeDate } });
    }
    // keep-local: accept Odoo's current write date as seen, so the next push overwrites it knowingly.
    const updated = await drafts.patchMeta(draftId, { sync: { state: 'pending', odooId: remote.odooId, odooWriteDate: remote.writeDate } });
    if (failed.length > 0) for (const item of failed) await outbox.retry(item.id);
    else await queue(draftId);
    return updated;
  }

  return { queue, flush: (opts = {}) => outbox.drain(push, opts), push, resolveConflict };
}
