import type { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type { MoveCampaignResult, PrecheckCode } from '../../../shared/schemas/marketing-views';
import { toOdooDatetime, type OdooClient } from '../odoo';
import type { SendgridService } from '../sendgrid';
import { madeInOdoo, madeInOdooError, unknownCampaign } from './mailings';
import { checkMailing, readChecked, requireSendable } from './precheck';
import { scheduleTest, waitingVersions } from './ab/versions';
import { campaignStatus } from './status';
import { mailingRecipients } from './mailing-actions';

export interface MoveDeps {
  odoo: OdooClient;
  now: () => Date;
  sendgrid?: () => SendgridService | undefined;
}

/**
 * The calendar's move: a campaign to another date, and nothing else about it. A scheduled
 * campaign moves through the schedule path (the pre-send check, its whole A/B test, Odoo's
 * action_schedule for the cron's new trigger); a dated draft stays a draft with another date.
 * Either way the only field the console writes on each mailing is schedule_date: Odoo lets it be
 * edited while the mailing is a draft or in the queue (mass_mailing's `schedule_date`, readonly
 * only once sending), and schedule_type is already "scheduled" on everything the calendar shows.
 */
export async function moveCampaign(
  deps: MoveDeps,
  storeId: string,
  campaignId: string,
  schedule: string,
  acknowledge: readonly z.infer<typeof PrecheckCode>[] = [],
): Promise<z.infer<typeof MoveCampaignResult>> {
  const { odoo } = deps;
  const mailing = await readChecked(odoo, storeId, campaignId);
  if (!mailing) throw unknownCampaign(storeId, campaignId);
  if (madeInOdoo(mailing)) throw madeInOdooError(mailing, 'moved');
  const at = deps.now();
  const status = campaignStatus(mailing, at);
  if (status !== 'draft' && status !== 'scheduled') {
    const what = status === 'sending' ? 'is being sent' : status === 'sent' ? 'was sent' : status === 'failed' ? 'was sent and failed' : 'was canceled by Odoo';
    throw new AppError('conflict', `This campaign ${what}, so it stays on the day it went out. Duplicate it to send it again on another day.`, { status, odoo_campaign_id: mailing.id });
  }
  if (mailing.schedule_type !== 'scheduled' || !mailing.schedule_date) {
    throw new AppError('conflict', 'This draft has no date yet. Give it one in the editor (Schedule) before moving it on the calendar.', { odoo_campaign_id: mailing.id });
  }
  const when = new Date(schedule);
  if (when.getTime() <= at.getTime()) {
    throw new AppError('input.invalid', 'A campaign cannot be moved into the past. Pick a day and time still ahead.', { fields: [{ field: 'schedule', problem: 'is in the past' }] });
  }
  const answer = async (changed: boolean) => ({
    campaign_id: campaignId,
    odoo_campaign_id: mailing.id,
    status,
    scheduled_for: when.toISOString(),
    estimated_recipients: await mailingRecipients(odoo, mailing),
    changed,
  });
  if (status === 'scheduled') {
    // The same check as scheduling, its state aside: the email, the audience and, for a test,
    // the winner date after the new date. Then the whole test moves, version by version.
    const check = await checkMailing(odoo, deps.sendgrid?.(), mailing, at, when);
    requireSendable({ ...check, issues: check.issues.filter((i) => i.code !== 'not_draft') }, acknowledge, 'moved');
    return answer((await scheduleTest(odoo, mailing, when, at)) === 'scheduled');
  }
  // A dated draft: its date, and its draft test versions' dates, change; it is not scheduled.
  const wanted = toOdooDatetime(when);
  const drafts = [mailing, ...(await waitingVersions(odoo, mailing)).filter((m) => m.state === 'draft' && m.schedule_type === 'scheduled')];
  const moving = drafts.filter((m) => !m.schedule_date || toOdooDatetime(m.schedule_date) !== wanted).map((m) => m.id);
  if (moving.length > 0) await odoo.write('mailing.mailing', moving, { schedule_date: wanted });
  return answer(moving.length > 0);
}
