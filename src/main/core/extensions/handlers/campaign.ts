import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AppError, isAppError } from '../../../../shared/errors';
import { type CampaignConfig, OneTimeCampaignConfig } from '../../../../shared/schemas/extension';
import { CampaignId, IsoDateTime } from '../../../../shared/schemas/common';
import { Segment } from '../../../../shared/schemas/marketing';
import { PrecheckCode } from '../../../../shared/schemas/marketing-views';
import { createMarketing, segmentDomain, toPythonDomain } from '../../marketing';
import type { MailingRecord } from '../../marketing/mailings';
import { duplicateMailing, leftoverFields, requireFuture, requireMailing, storedBody, updateDraft } from '../../marketing/mailing-actions';
import { abFields, cancelTest, scheduleTest } from '../../marketing/ab/versions';
import { renderTemplate, sendgridRequired, type RenderedTemplate } from '../../marketing/templates';
import { requireSendableDraft } from '../../marketing/precheck';
import type { OdooClient } from '../../odoo';
import type { SendgridService } from '../../sendgrid';
import type { ExtensionHandler, HandlerResult } from '../types';
import { sendOneTimeCampaign } from './one-time-campaign';
import { templateBodyChange } from '../../marketing/template-body';
import { TemplateValues } from '../../../../shared/email/template-values';

export { renderTemplate, type RenderedTemplate };

/**
 * markket:odoo:campaign — create / update / send / schedule / cancel / duplicate a mailing.mailing
 * for the store's list. The body comes from a SendGrid dynamic template's active version, its
 * Handlebars fields mapped to QWeb where Odoo has an equivalent; the rest are reported in the
 * result, before anything is sent.
 */

const TemplateId = z.string().trim().min(1, 'is required').max(100);

// Strict like every contract input (issue 13): a misspelt key is refused, not silently ignored.
export const CampaignAction = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('create'),
    sendgrid_template_id: TemplateId,
    /** Defaults to the template version's subject. */
    subject: z.string().trim().min(1).max(255).optional(),
    preview_text: z.string().max(255).optional(),
    segment: Segment.optional(),
    list_id: z.number().int().positive().optional(),
    schedule: IsoDateTime.nullable().optional(),
    email_from: z.string().max(255).optional(),
    /** The template's campaign-wide values (`discount_code`, `ends_on`), written into the body. */
    template_values: TemplateValues.optional(),
    client_request_id: z.string().min(8).max(128).optional(),
  }),
  z.strictObject({
    action: z.literal('update'),
    campaign_id: CampaignId,
    subject: z.string().trim().min(1).max(255).optional(),
    preview_text: z.string().max(255).optional(),
    sendgrid_template_id: TemplateId.optional(),
    segment: Segment.optional(),
    email_from: z.string().max(255).optional(),
    /** Merged by name over the values the campaign keeps; a new template keeps those of the fields it shares. */
    template_values: TemplateValues.optional(),
  }),
  /**
   * acknowledge: the pre-send check's warnings accepted, by code; errors always refuse (precheck.failed).
   * Without campaign_id, a one-time campaign record sends its own campaign (one-time-campaign.ts).
   */
  z.strictObject({ action: z.literal('send'), campaign_id: CampaignId.optional(), acknowledge: z.array(PrecheckCode).max(20).optional() }),
  z.strictObject({ action: z.literal('schedule'), campaign_id: CampaignId, schedule: IsoDateTime, acknowledge: z.array(PrecheckCode).max(20).optional() }),
  z.strictObject({ action: z.literal('cancel'), campaign_id: CampaignId }),
  z.strictObject({ action: z.literal('duplicate'), campaign_id: CampaignId, client_request_id: z.string().min(8).max(128).optional() }),
]);
export type CampaignAction = z.input<typeof CampaignAction>;

/** A lost answer to action_launch (the connection cut after Odoo ran it) is recovered by reading the state again. */
const LOST_ANSWER = new Set(['odoo.unreachable', 'odoo.timeout', 'odoo.malformed_response']);

export interface CampaignHandlerDeps {
  /** The profile's SendGrid; needed only to render a template. */
  sendgrid: () => SendgridService | undefined;
  newId?: () => string;
}

export function createCampaignHandler(deps: CampaignHandlerDeps): ExtensionHandler<z.infer<typeof CampaignConfig>, unknown> {
  const newId = deps.newId ?? (() => randomBytes(12).toString('base64url'));

  const sendgridOrThrow = (): SendgridService => sendgridRequired(deps.sendgrid());

  return async ({ entity, config, extension, context }) => {
    const parsed = CampaignAction.safeParse(entity);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.map(String).join('.') || 'action';
      throw new AppError('input.invalid', `The campaign request is not valid: ${field} — ${issue?.message ?? 'invalid'}.`, { fields: parsed.error.issues.map((i) => ({ field: i.path.map(String).join('.') || 'action', problem: i.message })) });
    }
    const action = parsed.data;
    const odoo = context.odoo;
    const storeId = extension.storeId;
    // With the profile's SendGrid, so the pre-send check this send runs asks it for suppressions too.
    const marketing = createMarketing({ odoo, now: context.now, newId, sendgrid: deps.sendgrid });

    switch (action.action) {
      case 'create': {
        const rendered = await renderTemplate(sendgridOrThrow(), action.sendgrid_template_id);
        const subject = action.subject ?? rendered.subject;
        if (!subject) throw new AppError('input.invalid', 'The campaign needs a subject: the template has none, so enter one.', { fields: [{ field: 'subject', problem: 'is required' }] });
        // Every create carries a request id, minted here when the caller gave none (issue 13, item 10):
        // a create whose answer was lost is repeated once with it and finds the mailing it made.
        const requestId = action.client_request_id ?? `ext-${newId()}`;
        const created = await createOnce(() => marketing.createCampaign({
          storeId,
          subject,
          sendgrid_template_id: action.sendgrid_template_id,
          list_id: action.list_id ?? config.mailing_list_id,
          // A one-time campaign's config carries its own segment; the store's record a default one.
          segment: action.segment ?? (('default_segment' in config ? config.default_segment : config.segment) as z.infer<typeof Segment>),
          schedule: action.schedule ?? null,
          ...(action.preview_text ? { preview_text: action.preview_text } : {}),
          ...((action.email_from ?? config.email_from) ? { email_from: action.email_from ?? config.email_from } : {}),
          ...(action.template_values ? { template_values: action.template_values } : {}),
          client_request_id: requestId,
        }), requestId);
        // createCampaign wrote the template's body with its values (it has the profile's SendGrid);
        // a replayed create (same request id) leaves the mailing as it is.
        return result(`Created the campaign ${quoted(subject)} as a draft in Odoo`, {
          campaign_id: created.campaign_id,
          odoo_campaign_id: created.odoo_campaign_id,
          status: created.status,
          estimated_recipients: created.estimated_recipients,
          sent_count: 0,
          mapped_fields: rendered.mapped,
          // A value given at create fills its field: only the ones still empty are reported.
          unmapped_fields: rendered.unmapped.filter((field) => !action.template_values?.[field]?.trim()),
        });
      }
      case 'update': {
        const mailing = await requireMailing(odoo, storeId, action.campaign_id);
        const values: Record<string, unknown> = {};
        let rendered: RenderedTemplate | null = null;
        if (action.subject !== undefined) values.subject = action.subject;
        if (action.preview_text !== undefined) values.preview = action.preview_text;
        if (action.email_from !== undefined) values.email_from = action.email_from;
        let filled: { unmapped: string[] } | null = null;
        if (action.sendgrid_template_id !== undefined || action.template_values !== undefined) {
          const template = action.sendgrid_template_id !== undefined ? renderTemplate(sendgridOrThrow(), action.sendgrid_template_id) : null;
          // An extension never replaces an email someone changed or wrote in Odoo (no one is there to ask).
          const body = await templateBodyChange(odoo, { storeId, campaignId: action.campaign_id, rendered: template, values: action.template_values });
          rendered = template && (await template);
          Object.assign(values, body.values);
          filled = body;
        }
        if (action.segment !== undefined) {
          const listId = mailing.contact_list_ids[0] ?? config.mailing_list_id;
          values.mailing_domain = toPythonDomain(await segmentDomain(odoo, listId, action.segment, context.now()));
        }
        const changed = await updateDraft(odoo, mailing, values);
        const unmapped = filled ? filled.unmapped : leftoverFields(await storedBody(odoo, mailing.id));
        return result(changed ? `Updated the campaign ${quoted(mailing.subject)}` : `Nothing to change on the campaign ${quoted(mailing.subject)}`, {
          campaign_id: action.campaign_id,
          odoo_campaign_id: mailing.id,
          status: 'draft',
          ...(rendered ? { mapped_fields: rendered.mapped } : {}),
          unmapped_fields: unmapped,
        });
      }
      case 'send': {
        const acknowledge = action.acknowledge ?? [];
        const oneTime = OneTimeCampaignConfig.safeParse(config);
        if (oneTime.success && (action.campaign_id === undefined || action.campaign_id === oneTime.data.campaign_id)) {
          const sendIt = (campaignId: string, ack: readonly string[]) => send(odoo, marketing, storeId, campaignId, ack);
          return sendOneTimeCampaign({ marketing, sendgrid: deps.sendgrid(), send: sendIt }, extension, oneTime.data, acknowledge);
        }
        if (action.campaign_id === undefined) {
          throw new AppError('input.invalid', 'Say which campaign to send: this is the store’s campaign extension, which holds many.', { fields: [{ field: 'campaign_id', problem: 'is required' }] });
        }
        return send(odoo, marketing, storeId, action.campaign_id, acknowledge);
      }
      case 'schedule': {
        const mailing = await requireMailing(odoo, storeId, action.campaign_id);
        // Scheduling a draft is sending it later: the same pre-send gate as a send.
        requireFuture(new Date(action.schedule), context.now());
        if (mailing.state === 'draft') await requireSendableDraft(odoo, deps.sendgrid(), storeId, action.campaign_id, action.acknowledge ?? [], context.now(), new Date(action.schedule));
        // An A/B version schedules its whole test, as the console's own schedule does.
        const outcome = await scheduleTest(odoo, await abFields(odoo, mailing), new Date(action.schedule), context.now());
        return result(outcome === 'unchanged' ? `The campaign ${quoted(mailing.subject)} was already scheduled` : `Scheduled the campaign ${quoted(mailing.subject)}`, {
          campaign_id: action.campaign_id,
          odoo_campaign_id: mailing.id,
          status: 'scheduled',
          scheduled_for: new Date(action.schedule).toISOString(),
          sent_count: 0,
        });
      }
      case 'cancel': {
        const mailing = await requireMailing(odoo, storeId, action.campaign_id);
        const outcome = await cancelTest(odoo, await abFields(odoo, mailing));
        return result(outcome === 'unchanged' ? `The campaign ${quoted(mailing.subject)} is already a draft` : `Cancelled the campaign ${quoted(mailing.subject)}: it is a draft again`, {
          campaign_id: action.campaign_id,
          odoo_campaign_id: mailing.id,
          status: 'draft',
          sent_count: 0,
        });
      }
      case 'duplicate': {
        const mailing = await requireMailing(odoo, storeId, action.campaign_id);
        const requestId = action.client_request_id ?? `ext-${newId()}`;
        const copy = await createOnce(() => duplicateMailing(odoo, mailing, { storeId, newCampaignId: `camp_${newId()}`, clientRequestId: requestId }), requestId);
        return result(`Copied the campaign ${quoted(mailing.subject)} into a new draft`, {
          campaign_id: copy.campaignId,
          odoo_campaign_id: copy.odooId,
          duplicated_from: action.campaign_id,
          status: 'draft',
          sent_count: 0,
        });
      }
    }
  };
}

/**
 * Runs a create that carries `requestId`; when Odoo may have run it but the answer was lost, runs
 * it once more (the request id makes that find the first mailing, not make a second). If that fails
 * as well, the outcome is still unknown: the error says so and names the request id to run the
 * action again with.
 */
async function createOnce<T>(create: () => Promise<T>, requestId: string): Promise<T> {
  try {
    return await create();
  } catch (first) {
    if (!isAppError(first) || first.details?.outcome !== 'unknown') throw first;
    try {
      return await create();
    } catch (second) {
      const code = isAppError(second) ? second.code : first.code;
      throw new AppError(code, `Odoo received the request, but its answer was lost and repeating it failed too, so the campaign may or may not have been saved. Run the action again with "client_request_id": "${requestId}": it will not make a second one.`, {
        ...(isAppError(second) ? second.details : first.details),
        outcome: 'unknown',
        retry: { client_request_id: requestId },
      });
    }
  }
}

/** Summaries are shown to the store owner (Settings → Extensions): the campaign by its subject, never its id. */
function quoted(subject: string | false | null | undefined): string {
  return subject ? `“${subject}”` : '(no subject yet)';
}

function result(summary: string, meta: Record<string, unknown>): HandlerResult {
  return { success: true, meta, summary, output: meta };
}

async function send(odoo: OdooClient, marketing: ReturnType<typeof createMarketing>, storeId: string, campaignId: string, acknowledge: readonly string[]): Promise<HandlerResult> {
  const before = await requireMailing(odoo, storeId, campaignId);
  const unmapped = leftoverFields(await storedBody(odoo, before.id));
  let answer;
  try {
    answer = await marketing.sendCampaign(storeId, campaignId, undefined, acknowledge);
  } catch (error) {
    if (!isAppError(error) || !LOST_ANSWER.has(error.code)) throw error;
    // The launch may have run before the connection dropped: Odoo's state says so.
    const after = await requireMailing(odoo, storeId, campaignId);
    if (after.state === 'draft') throw error;
    return sendResult(after, campaignId, after.schedule_type === 'scheduled' ? 'scheduled' : 'sending', unmapped, true);
  }
  return sendResult(before, campaignId, answer.status, unmapped, before.state !== 'draft');
}

function sendResult(mailing: MailingRecord, campaignId: string, status: string, unmapped: string[], alreadyLaunched: boolean): HandlerResult {
  // sent_count: the recipients the launch queued (Odoo's `total`, the count of the mailing's domain);
  // once Odoo has sent, the traces it actually sent.
  const sentCount = mailing.state === 'done' ? mailing.sent : mailing.total;
  return result(alreadyLaunched ? `The campaign ${quoted(mailing.subject)} was already sent; not sent again` : `Sent the campaign ${quoted(mailing.subject)}`, {
    campaign_id: campaignId,
    odoo_campaign_id: mailing.id,
    status,
    sent_count: sentCount,
    already_launched: alreadyLaunched,
    unmapped_fields: unmapped,
  });
}
