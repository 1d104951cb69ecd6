import { z } from 'zod';
import { AppError, isAppError } from '../../../shared/errors';
import type { SendProgress } from '../../../shared/schemas/marketing';
import { odooDatetimeField, parseRecords, type OdooClient } from '../odoo';
import { attempted } from './stats';
import { campaignStatus } from './status';
import type { MailingRecord } from './mailings';

type Progress = z.infer<typeof SendProgress>;

/**
 * A sending campaign's figures from its state and traces (odoo18-wire/183, 187):
 * - in_queue / sending: Odoo has not made the mails yet; all of them wait for the mass-mailing queue;
 * - done with "outgoing" traces (counted in `scheduled`): made, waiting for the mail queue cron;
 *   process/pending traces are with the mail server already, so they are out of Odoo's queue.
 * Sent counts traces with a sent date (a later bounce included), failed those in error.
 */
export function sendProgress(m: MailingRecord, now: Date): Progress | undefined {
  if (campaignStatus(m, now) !== 'sending') return undefined;
  if (m.state !== 'done') return { expected: Math.max(m.total, attempted(m)), sent: m.sent, failed: m.failed, queued: Math.max(0, Math.max(m.total, attempted(m)) - m.sent - m.failed), waiting_for: 'mailing_queue' };
  return { expected: attempted(m), sent: m.sent, failed: m.failed, queued: m.scheduled + m.process + m.pending, waiting_for: m.scheduled > 0 ? 'mail_queue' : null };
}

const Cron = z.object({ id: z.number().int(), active: z.boolean(), nextcall: odooDatetimeField, code: z.union([z.string(), z.literal(false)]) });
export type QueueCron = z.infer<typeof Cron>;

/**
 * The cron that empties the queue a campaign waits in, or null where the user may not read it:
 * Odoo grants ir.cron to Settings users only (base's access_ir_cron_group_cron), so an Email
 * Marketing user or a store owner gets an AccessError, which is not a failure of the view.
 * Found by its code (ir.cron takes `code` from its server action) rather than by its XML id, so it
 * costs one call: "model.process_email_queue()" (mail.ir_cron_mail_scheduler_action, odoo18-wire/186)
 * or "model._process_mass_mailing_queue()" (mass_mailing.ir_cron_mass_mailing_queue, 161).
 */
export async function queueCron(odoo: OdooClient, waitingFor: 'mailing_queue' | 'mail_queue'): Promise<QueueCron | null> {
  const method = waitingFor === 'mail_queue' ? 'process_email_queue' : '_process_mass_mailing_queue';
  try {
    const rows = parseRecords(Cron, await odoo.searchRead('ir.cron', [['code', 'ilike', method]], ['id', 'active', 'nextcall', 'code'], { limit: 5, context: { active_test: false } }), 'ir.cron');
    return rows.find((r) => typeof r.code === 'string' && r.code.includes(`.${method}(`)) ?? null;
  } catch (error) {
    if (isAppError(error) && error.code === 'odoo.access_denied') return null;
    throw error;
  }
}

/**
 * When the next batch leaves. For the mail queue: the cron's nextcall (it runs hourly in Odoo).
 * For the mass-mailing queue, Odoo adds a cron trigger at the send or schedule time when the mailing
 * is queued, so it is what Odoo's own form shows (next_departure): the schedule, or now.
 */
export function nextBatchAt(m: MailingRecord, waitingFor: 'mailing_queue' | 'mail_queue', cron: QueueCron | null, now: Date): string | null {
  if (waitingFor === 'mailing_queue') return new Date(Math.max(m.schedule_date?.getTime() ?? 0, now.getTime())).toISOString();
  if (!cron || !cron.active || !cron.nextcall) return null;
  return cron.nextcall.toISOString();
}

/** The progress a stats view shows: with the next batch and whether the user may run the queue now. */
export async function detailedProgress(odoo: OdooClient, m: MailingRecord, now: Date): Promise<Progress | undefined> {
  const progress = sendProgress(m, now);
  if (!progress?.waiting_for) return progress;
  const cron = await queueCron(odoo, progress.waiting_for);
  return { ...progress, next_batch_at: nextBatchAt(m, progress.waiting_for, cron, now), can_process_now: cron !== null && cron.active };
}

/**
 * "Process the queue now": Odoo's own "Run Manually" of that cron (ir.cron.method_direct_trigger,
 * odoo18-wire/167, 186), which makes the mails or sends one batch of them in this request. Odoo
 * checks write access on ir.cron itself; without it the owner is told who can.
 */
export async function runQueueCron(odoo: OdooClient, waitingFor: 'mailing_queue' | 'mail_queue'): Promise<void> {
  const cron = await queueCron(odoo, waitingFor);
  if (!cron) {
    throw new AppError('odoo.access_denied', "Only an Odoo administrator may run Odoo's mail queue by hand. It runs on its own; ask your Odoo administrator if it should run more often.", { waiting_for: waitingFor });
  }
  await odoo.call('ir.cron', 'method_direct_trigger', [cron.id]);
}
