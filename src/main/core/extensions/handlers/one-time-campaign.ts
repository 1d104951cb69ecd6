import type { z } from 'zod';
import type { ExtensionRecord, OneTimeCampaignConfig } from '../../../../shared/schemas/extension';
import type { MarketingService } from '../../marketing';
import type { SendgridService } from '../../sendgrid';
import { sendgridRequired } from '../../marketing/templates';
import type { HandlerResult } from '../types';

type Config = z.infer<typeof OneTimeCampaignConfig>;

/**
 * The product spec's one-time campaign record ("Backend creates extension (one-time campaign)"):
 * `config: { campaign_id: null, mailing_list_id, subject, sendgrid_template_id, segment, status:
 * "draft", scheduled_date }`. Its Send button makes the mailing in Odoo the first time (so
 * campaign_id is set "after Odoo creates it"), launches it, or schedules it for scheduled_date,
 * through the same server-side pre-send check as every send, and fills meta as the spec's handler
 * does: odoo_campaign_id, sendgrid_batch_id, sent_count and an execution_log entry
 * `{ timestamp, status: "sent", recipients }`.
 */
export interface OneTimeSendDeps {
  marketing: MarketingService;
  sendgrid: SendgridService | undefined;
  /** Sends (or finds already sent) a mailing that exists: the campaign handler's own send, lost answers and all. */
  send: (campaignId: string, acknowledge: readonly string[]) => Promise<HandlerResult>;
}

/**
 * The request id the record's mailing is made with: a send retried after a lost answer, or after
 * the pre-send check refused it, finds the mailing the first attempt made instead of making another.
 */
export const oneTimeRequestId = (extensionId: string) => `one-time:${extensionId}`;

export async function sendOneTimeCampaign(deps: OneTimeSendDeps, extension: ExtensionRecord, config: Config, acknowledge: readonly string[]): Promise<HandlerResult> {
  const campaignId = config.campaign_id ?? (await createOnce(deps, extension, config));
  const sent = await deps.send(campaignId, acknowledge);
  const status = String(sent.meta['status']);
  const recipients = Number(sent.meta['sent_count'] ?? 0);
  return {
    ...sent,
    meta: {
      ...sent.meta,
      // Odoo delivers the mailing itself, through its mail server (SendGrid's SMTP relay, or its own
      // for a HIPAA store): no SendGrid batch is made, so there is no batch id, as the spec allows.
      sendgrid_batch_id: null,
      sent_count: recipients,
    },
    config: { campaign_id: campaignId, status },
    log: { status: status === 'scheduled' ? 'scheduled' : 'sent', recipients },
  };
}

async function createOnce(deps: OneTimeSendDeps, extension: ExtensionRecord, config: Config): Promise<string> {
  // The body is the SendGrid template's active version (the spec's getSendgridTemplate), which
  // createCampaign renders when SendGrid is there. Without SendGrid it would be the console's
  // stand-in body, which the pre-send check refuses; say what is missing instead.
  sendgridRequired(deps.sendgrid);
  const created = await deps.marketing.createCampaign({
    storeId: extension.storeId,
    subject: config.subject,
    sendgrid_template_id: config.sendgrid_template_id,
    list_id: config.mailing_list_id,
    segment: config.segment,
    schedule: config.scheduled_date,
    ...(config.preview_text ? { preview_text: config.preview_text } : {}),
    ...(config.email_from ? { email_from: config.email_from } : {}),
    client_request_id: oneTimeRequestId(extension.id),
  });
  return created.campaign_id;
}
