import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type {
  CancelCampaignResult, DeleteCampaignResult, DuplicateCampaignInput, DuplicateCampaignResult, EstimateInput, EstimateResult, UpdateCampaignInput, UpdateCampaignResult,
} from '../../../shared/schemas/marketing-views';
import { parseRecords, toOdooDatetime, type OdooClient } from '../odoo';
import type { SendgridService } from '../sendgrid';
import { cancelMailing, duplicateMailing, keepDomain, leftoverFields, mailingRecipients, requireMailing, storedBody, updateDraft } from './mailing-actions';
import { campaignIdOf, madeInOdoo, madeInOdooError, type MailingRecord } from './mailings';
import { audienceOf, audienceVersion } from './audience';
import { estimateRecipients, segmentDomain, toPythonDomain } from './segments';
import { requireStoreList, STORE_FIELD, storeLists } from './stores';
import { renderCampaignTemplate, sendgridRequired } from './templates';
import { abFields, keepTestAudience, testVersionIds } from './ab/versions';
import { templateBodyChange } from './template-body';

export interface EditingDeps {
  odoo: OdooClient;
  now: () => Date;
  newId: () => string;
  sendgrid?: () => SendgridService | undefined;
}

const ListCount = z.object({ id: z.number().int().positive(), contact_count_email: z.number().int().nonnegative() });

/** Draft editing for the campaign editor, on the same mailing actions the campaign extension uses. */
export function createEditing(deps: EditingDeps) {
  const { odoo, now } = deps;

  /** The list, if it is the store's; telling "unknown store" from "someone else's list" costs a call only on failure. */
  async function storeListCount(storeId: string, listId: number): Promise<number> {
    const rows = await odoo.searchRead('mailing.list', [['id', '=', listId], [STORE_FIELD, '=', storeId]], ['id', 'contact_count_email'], { limit: 1 });
    const [list] = parseRecords(ListCount, rows, 'mailing.list');
    if (!list) {
      requireStoreList(await storeLists(odoo, storeId), listId, storeId);
      throw new AppError('not_found', `The mailing list ${listId} was removed meanwhile. Choose another list.`, { list_id: listId });
    }
    return list.contact_count_email;
  }

  /**
   * Two calls at once: the list (is it the store's, and Odoo's count of who it reaches, which is
   * the "all" segment: contact_count_email, odoo18-wire/040) and the count of the segment's domain.
   * "opened the last campaign" first resolves who opened it (two more calls, see segmentDomain).
   */
  async function estimate(input: z.infer<typeof EstimateInput>): Promise<z.infer<typeof EstimateResult>> {
    if (input.segment === 'all') {
      const total = await storeListCount(input.storeId, input.list_id);
      return { estimated_recipients: total, list_total: total };
    }
    const [total, estimated] = await Promise.all([
      storeListCount(input.storeId, input.list_id),
      segmentDomain(odoo, input.list_id, input.segment, now()).then((domain) => estimateRecipients(odoo, domain)),
    ]);
    return { estimated_recipients: estimated, list_total: total };
  }

  async function update(input: z.infer<typeof UpdateCampaignInput>): Promise<z.infer<typeof UpdateCampaignResult>> {
    const mailing = await requireMailing(odoo, input.storeId, input.campaignId);
    if (madeInOdoo(mailing)) throw madeInOdooError(mailing, 'edited');
    const values: Record<string, unknown> = {};
    if (input.subject !== undefined) values.subject = input.subject;
    if (input.preview_text !== undefined) values.preview = input.preview_text;
    if (input.email_from !== undefined) values.email_from = input.email_from;
    let unmapped: string[] | null = null;
    if (input.sendgrid_template_id !== undefined || input.template_values !== undefined) {
      const body = await templateBody(input);
      Object.assign(values, body.values);
      unmapped = body.unmapped;
    }
    let domain: string | null = null;
    let domainCount: Promise<number> | null = null;
    const listChanged = input.list_id !== undefined && !(mailing.contact_list_ids.length === 1 && mailing.contact_list_ids[0] === input.list_id);
    // The same list named again without a segment changes nothing: rewriting the domain from "all"
    // would widen an audience set in Odoo or by another computer.
    if (listChanged || input.segment !== undefined) {
      if (input.base_audience !== undefined && input.base_audience !== audienceVersion(mailing)) throw await audienceConflict(mailing, input);
      if (listChanged && input.segment === undefined) {
        // The old segment is not stored apart from its domain: guessing "all" could widen the audience silently.
        throw new AppError('input.invalid', 'Choose the segment for the new list too.', { fields: [{ field: 'segment', problem: 'is required when the list changes' }] });
      }
      const listId = input.list_id ?? mailing.contact_list_ids[0];
      if (listId === undefined) throw new AppError('input.invalid', 'The campaign has no list yet: choose one.', { fields: [{ field: 'list_id', problem: 'is required' }] });
      if (listChanged) requireStoreList(await storeLists(odoo, input.storeId), listId, input.storeId);
      const segmentDomainValue = await segmentDomain(odoo, listId, input.segment ?? 'all', now());
      domain = toPythonDomain(segmentDomainValue);
      domainCount = estimateRecipients(odoo, segmentDomainValue);
      values.mailing_domain = domain;
      if (listChanged) values.contact_list_ids = [[6, 0, [listId]]];
    }
    let scheduledFor: Date | null = mailing.schedule_type === 'scheduled' ? mailing.schedule_date : null;
    if (input.schedule !== undefined) {
      if (input.schedule === null) {
        Object.assign(values, { schedule_type: 'now', schedule_date: false });
        scheduledFor = null;
      } else {
        const at = new Date(input.schedule);
        if (at.getTime() <= now().getTime()) {
          throw new AppError('input.invalid', 'The schedule is in the past. Pick a later time, or send the campaign now.', { fields: [{ field: 'schedule', problem: 'is in the past' }] });
        }
        Object.assign(values, { schedule_type: 'scheduled', schedule_date: toOdooDatetime(at) });
        scheduledFor = at;
      }
    }
    const changed = await updateDraft(odoo, mailing, values);
    if (listChanged && domain !== null && !(await keepDomain(odoo, mailing.id, domain))) {
      throw new AppError('odoo.server_error', 'This Odoo reset the campaign’s audience to the whole list when its list changed. Check the campaign in Odoo before sending it.', { odoo_campaign_id: mailing.id });
    }
    // An A/B test has one audience: the other versions follow version A's (Odoo's write() would not).
    const audienceList = input.list_id ?? mailing.contact_list_ids[0];
    if (domain !== null && audienceList !== undefined && (listChanged || domain !== mailing.mailing_domain)) await keepTestAudience(odoo, mailing, { mailing_domain: domain, listId: audienceList });
    return {
      campaign_id: input.campaignId,
      odoo_campaign_id: mailing.id,
      status: 'draft',
      scheduled_for: scheduledFor ? scheduledFor.toISOString() : null,
      estimated_recipients: domainCount ? await domainCount : await mailingRecipients(odoo, mailing),
      changed,
      unmapped_fields: unmapped ?? leftoverFields(await storedBody(odoo, mailing.id)),
      // keepDomain above made sure Odoo holds the domain written, so its version is known without a read.
      audience_version: audienceVersion(domain === null ? mailing : { mailing_domain: domain, contact_list_ids: listChanged && input.list_id !== undefined ? [input.list_id] : mailing.contact_list_ids }),
    };
  }

  /** The body fields a new template or new campaign-wide values write (template-body.ts). */
  async function templateBody(input: z.infer<typeof UpdateCampaignInput>): Promise<{ values: Record<string, unknown>; unmapped: string[] }> {
    const rendered = input.sendgrid_template_id !== undefined ? renderCampaignTemplate(sendgridRequired(deps.sendgrid?.()), input.sendgrid_template_id) : null;
    return templateBodyChange(odoo, {
      storeId: input.storeId, campaignId: input.campaignId, rendered, values: input.template_values, replaceOdooEdits: input.replace_odoo_edits, baseBody: input.base_body,
    });
  }

  /**
   * The audience changed in Odoo (or on another computer) after the editor loaded it: neither
   * version wins silently. Both are named so the editor can show them side by side.
   */
  async function audienceConflict(mailing: MailingRecord, input: z.infer<typeof UpdateCampaignInput>): Promise<AppError> {
    const odooAudience = await audienceOf(odoo, mailing, mailing.total);
    return new AppError('conflict', `The audience of this campaign was changed in Odoo since you opened it (it is now “${odooAudience.label}”, ${odooAudience.recipients} recipients). Compare both and pick one.`, {
      odoo_campaign_id: mailing.id,
      odoo: odooAudience,
      yours: { segment: input.segment ?? null, list_id: input.list_id ?? null },
    });
  }

  async function cancel(storeId: string, campaignId: string): Promise<z.infer<typeof CancelCampaignResult>> {
    const mailing = await requireMailing(odoo, storeId, campaignId);
    if (madeInOdoo(mailing)) throw madeInOdooError(mailing, 'canceled');
    const outcome = await cancelMailing(odoo, mailing);
    // Canceling an A/B version calls its whole test back: the other queued versions go back to draft too.
    if (outcome === 'canceled') for (const id of (await testVersionIds(odoo, await abFields(odoo, mailing), ['in_queue'])).filter((x) => x !== mailing.id)) await odoo.call('mailing.mailing', 'action_cancel', [id]);
    return { campaign_id: campaignId, odoo_campaign_id: mailing.id, status: 'draft', changed: outcome === 'canceled' };
  }

  /**
   * Deletes a draft the console made (unlink, as Odoo's own Delete action does). A mailing that is
   * scheduled, sending or sent is history in Odoo's statistics and is refused; one made in Odoo
   * stays Odoo's to delete.
   */
  async function remove(storeId: string, campaignId: string): Promise<z.infer<typeof DeleteCampaignResult>> {
    const mailing = await requireMailing(odoo, storeId, campaignId);
    if (madeInOdoo(mailing)) throw madeInOdooError(mailing, 'deleted');
    if (mailing.state !== 'draft') {
      const what = mailing.state === 'in_queue' ? 'scheduled or queued' : mailing.state === 'done' ? 'sent' : 'being sent';
      throw new AppError('conflict', `Only drafts can be deleted: this campaign is ${what}. ${mailing.state === 'in_queue' ? 'Cancel it first if it should not go out.' : 'Its figures stay in Odoo.'}`, {
        odoo_campaign_id: mailing.id,
        state: mailing.state,
      });
    }
    await odoo.unlink('mailing.mailing', [mailing.id]);
    return { campaign_id: campaignId, odoo_campaign_id: mailing.id, deleted: true };
  }

  /** A mailing made in Odoo may be duplicated too: the copy is the console's, with its own campaign id. */
  async function duplicate(input: z.infer<typeof DuplicateCampaignInput>): Promise<z.infer<typeof DuplicateCampaignResult>> {
    const mailing = await requireMailing(odoo, input.storeId, input.campaignId);
    const copy = await duplicateMailing(odoo, mailing, {
      storeId: input.storeId,
      newCampaignId: `camp_${deps.newId()}`,
      ...(input.client_request_id ? { clientRequestId: input.client_request_id } : {}),
    });
    return { campaign_id: copy.campaignId, odoo_campaign_id: copy.odooId, duplicated_from: campaignIdOf(mailing), status: 'draft' };
  }

  return { estimate, update, cancel, duplicate, remove };
}
