import { isAppError } from '../../../shared/errors';
import type { EmailAddress, SendgridService } from '../../core/sendgrid';
import type { DeliveryOutcome, OutgoingMail } from '../odoo/types';

export type { DeliveryOutcome, OutgoingMail };

/**
 * The Odoo peer's delivery step backed by SendGrid: each outgoing mail.mail of a mailing becomes one
 * POST /v3/mail/send.
 */
export interface SendgridDeliveryOptions {
  /** Sends in flight at once; SendGrid is happy with a few parallel requests. */
  concurrency?: number;
}

/** "Name <addr>" or a bare address, the two forms Odoo stores (odoo18-wire/057-…json). */
export function parseAddress(value: string): EmailAddress | null {
  const angle = /^\s*"?([^"<]*?)"?\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(value);
  if (angle) return angle[1] ? { email: angle[2]!, name: angle[1] } : { email: angle[2]! };
  const bare = value.trim();
  return /^[^\s@<>]+@[^\s@<>]+$/.test(bare) ? { email: bare } : null;
}

/**
 * Only opaque ids go to SendGrid's analytics fields: the campaign's camp_… id and Odoo's numeric
 * mailing/trace ids. Never an address or a name.
 */
export function trackingFor(mail: OutgoingMail): { categories: string[]; customArgs: Record<string, string> } {
  const customArgs: Record<string, string> = { odoo_mailing_id: String(mail.mailingId), odoo_trace_id: String(mail.traceId) };
  if (mail.xMarkketCampaignId) customArgs['campaign_id'] = mail.xMarkketCampaignId;
  return { categories: mail.xMarkketCampaignId ? [mail.xMarkketCampaignId] : [], customArgs };
}

async function deliverOne(service: SendgridService, mail: OutgoingMail): Promise<DeliveryOutcome> {
  if (mail.emailTo.trim() === '') return { status: 'error', failureType: 'mail_email_missing', failureReason: 'The recipient has no email address.' };
  const to = parseAddress(mail.emailTo);
  if (!to) return { status: 'error', failureType: 'mail_email_invalid', failureReason: 'The recipient address is not a valid email address.' };
  if (mail.emailFrom.trim() === '') return { status: 'error', failureType: 'mail_from_missing', failureReason: 'The mailing has no sender address.' };
  const from = parseAddress(mail.emailFrom);
  if (!from) return { status: 'error', failureType: 'mail_from_invalid', failureReason: 'The sender address is not a valid email address.' };
  const { categories, customArgs } = trackingFor(mail);
  try {
    await service.sendMail({
      to: [to],
      from,
      subject: mail.subject,
      html: mail.bodyHtml,
      headers: { 'Message-ID': mail.messageId },
      ...(categories.length > 0 ? { categories } : {}),
      customArgs,
    });
    return { status: 'sent' };
  } catch (error) {
    return outcomeForError(error);
  }
}

function outcomeForError(error: unknown): DeliveryOutcome {
  if (!isAppError(error)) return { status: 'error', failureType: 'unknown', failureReason: 'Sending through SendGrid failed unexpectedly.' };
  if (error.code === 'sendgrid.bad_request') {
    const fields = (Array.isArray(error.details?.['errors']) ? (error.details['errors'] as { field: string | null }[]) : []).map((e) => e.field ?? '');
    if (fields.some((f) => f.startsWith('personalizations'))) return { status: 'error', failureType: 'mail_email_invalid', failureReason: error.message };
    if (fields.some((f) => f.startsWith('from'))) return { status: 'error', failureType: 'mail_from_invalid', failureReason: error.message };
    return { status: 'error', failureType: 'unknown', failureReason: error.message };
  }
  if (error.code.startsWith('sendgrid.')) return { status: 'error', failureType: 'mail_smtp', failureReason: error.message };
  return { status: 'error', failureType: 'unknown', failureReason: error.message };
}

export function createSendgridDelivery(
  service: SendgridService,
  options: SendgridDeliveryOptions = {},
): (mails: OutgoingMail[]) => Promise<DeliveryOutcome[]> {
  const concurrency = Math.max(1, options.concurrency ?? 4);
  return async (mails) => {
    const outcomes: DeliveryOutcome[] = new Array<DeliveryOutcome>(mails.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < mails.length) {
        const index = next++;
        outcomes[index] = await deliverOne(service, mails[index]!);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, mails.length) }, worker));
    return outcomes;
  };
}
