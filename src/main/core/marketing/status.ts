import type { CampaignStatus } from '../../../shared/schemas/marketing';
import { toOdooDatetime, type Domain } from '../odoo';

/**
 * Odoo 18 has four mailing states: draft, in_queue, sending, done (odoo18-wire/023). Our statuses
 * need the schedule and the delivery figures too:
 * - action_schedule with a date leaves the mailing "in_queue" with schedule_type "scheduled"
 *   (odoo18-wire/145-146): that is "scheduled" while the date is ahead, "sending" once it passed;
 * - "done" is set as soon as the mails are generated, while they may still wait in the mail queue
 *   as "outgoing" traces (odoo18-wire/183, counted in `scheduled`): still "sending";
 * - an SMTP failure leaves the mailing "done" with every trace in error (odoo18-wire/196): "failed";
 * - a done mailing where nobody was mailed (every recipient canceled: opted out, blacklisted,
 *   invalid) is "canceled". Odoo's own cancel button puts a mailing back to draft (148).
 */
export interface MailingProgress {
  state: string;
  schedule_type: string | false;
  schedule_date: Date | null;
  /** Traces still queued ("outgoing"), being processed, or pending at the provider. */
  scheduled: number;
  process: number;
  pending: number;
  sent: number;
  failed: number;
}

export const PROGRESS_FIELDS = ['state', 'schedule_type', 'schedule_date', 'scheduled', 'process', 'pending', 'sent', 'failed'] as const;

export function campaignStatus(m: MailingProgress, now: Date): CampaignStatus {
  switch (m.state) {
    case 'draft':
      return 'draft';
    case 'in_queue':
      return isFutureSchedule(m, now) ? 'scheduled' : 'sending';
    case 'sending':
      return 'sending';
    default:
      if (m.scheduled + m.process + m.pending > 0) return 'sending';
      if (m.sent > 0) return 'sent';
      if (m.failed > 0) return 'failed';
      return 'canceled';
  }
}

export function isFutureSchedule(m: Pick<MailingProgress, 'schedule_type' | 'schedule_date'>, now: Date): boolean {
  return m.schedule_type === 'scheduled' && m.schedule_date !== null && m.schedule_date.getTime() > now.getTime();
}

const IN_FLIGHT = ['outgoing', 'process', 'pending'];
const inFlight: Domain = ['mailing_trace_ids', 'any', [['trace_status', 'in', IN_FLIGHT]]];
const wasSent: Domain = ['mailing_trace_ids', 'any', [['sent_datetime', '!=', false]]];
const hasError: Domain = ['mailing_trace_ids', 'any', [['trace_status', '=', 'error']]];

/**
 * The same classification as campaignStatus, as a mailing.mailing domain, so a status filter pages
 * in Odoo instead of in memory. The statistics are computed (not stored) fields and cannot be
 * searched, so the "done" sub-states are expressed on the traces they are computed from
 * (`sent` counts traces with a sent_datetime; `failed` traces in "error").
 */
export function statusDomain(status: CampaignStatus, now: Date): Domain {
  const at = toOdooDatetime(now);
  const future: Domain = ['&', '&', ['schedule_type', '=', 'scheduled'], ['schedule_date', '!=', false], ['schedule_date', '>', at]];
  switch (status) {
    case 'draft':
      return [['state', '=', 'draft']];
    case 'scheduled':
      return ['&', ['state', '=', 'in_queue'], ...future];
    case 'sending':
      return ['|', '|', '&', ['state', '=', 'in_queue'], '!', ...future, ['state', '=', 'sending'], '&', ['state', '=', 'done'], inFlight];
    case 'sent':
      return ['&', '&', ['state', '=', 'done'], '!', inFlight, wasSent];
    case 'failed':
      return ['&', '&', '&', ['state', '=', 'done'], '!', inFlight, '!', wasSent, hasError];
    case 'canceled':
      return ['&', '&', '&', ['state', '=', 'done'], '!', inFlight, '!', wasSent, '!', hasError];
  }
}
