import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type {
  CampaignDetail, CampaignsResult, CreateCampaignInput, CreateCampaignResult, ProcessQueueResult, SendCampaignResult,
} from '../../../shared/schemas/marketing';
import { toOdooDatetime, type OdooClient } from '../odoo';
import { CAMPAIGN_FIELD, findMailing, findMailingDetail, winnerTest, madeInOdoo, madeInOdooError, TEMPLATE_FIELD, toCampaignRow, unknownCampaign, type MailingRecord } from './mailings';
import { keepDomain, mailingRecipients, requireFuture } from './mailing-actions';
import { estimateRecipients, segmentDomain, toPythonDomain } from './segments';
import { renderCampaignTemplate, sendgridRequired } from './templates';
import { readTemplateValues, templateBodies } from './template-values';
import type { EngagementReader } from './engagement';
import { mergeFigures, sendgridTotals, type FigureSource } from './figures';
import type { SendgridService } from '../sendgrid';
import { campaignStats } from './stats';
import { unsubscribedFrom } from './unsubscribes';
import { detailedProgress, runQueueCron, sendProgress } from './progress';
import { campaignStatus, isFutureSchedule } from './status';
import { requireStoreList, storeLists } from './stores';
import { createKeyedQueue } from '../local-data/atomic';
import { campaignIdFor } from './campaign-ids';
import { placeholderBody } from './body';
import { audienceOf } from './audience';
import { checkMailing, readChecked, requireSendable } from './precheck';
import { scheduleTest, testVersionIds } from './ab/versions';
import { listCampaigns, type HiddenVersions } from './list/campaign-list';

// Kept where callers first found it (tests/unit/marketing).
export { campaignIdFor };

export interface CampaignDeps {
  odoo: OdooClient;
  now: () => Date;
  newId: () => string;
  /** The ir.model id of mailing.list, looked up once per service (it differs per database: 392 in odoo18-wire/100). */
  mailingListModelId: () => Promise<number>;
  /** The profile's SendGrid: when there, a new draft's body is the template's active version. */
  sendgrid?: () => SendgridService | undefined;
  /** What the stats extensions counted from SendGrid's events, per campaign. */
  engagement?: EngagementReader;
}

type CreateInput = z.infer<typeof CreateCampaignInput>;

export function createCampaigns(deps: CampaignDeps) {
  const { odoo, now } = deps;
  // Two requests with one client_request_id (a double click, a retry racing the original) take turns,
  // so the second finds the mailing the first created instead of creating another.
  const byRequest = createKeyedQueue();

  function create(input: CreateInput): Promise<z.infer<typeof CreateCampaignResult>> {
    return input.client_request_id ? byRequest(`${input.storeId}:${input.client_request_id}`, () => createOnce(input)) : createOnce(input);
  }

  async function createOnce(input: CreateInput): Promise<z.infer<typeof CreateCampaignResult>> {
    const lists = await storeLists(odoo, input.storeId);
    requireStoreList(lists, input.list_id, input.storeId);
    const schedule = input.schedule ? new Date(input.schedule) : null;
    if (schedule && schedule.getTime() <= now().getTime()) {
      throw new AppError('input.invalid', 'The schedule is in the past. Pick a later time, or send the campaign now.', {
        fields: [{ field: 'schedule', problem: 'is in the past' }],
      });
    }
    const campaignId = input.client_request_id ? campaignIdFor(input.storeId, input.client_request_id) : `camp_${deps.newId()}`;
    if (input.client_request_id) {
      const existing = await findMailing(odoo, input.storeId, campaignId);
      if (existing) return replayedCreate(existing, input);
    }
    const domain = await segmentDomain(odoo, input.list_id, input.segment, now());
    const estimated = await estimateRecipients(odoo, domain);
    const mailingDomain = toPythonDomain(domain);
    // Campaign-wide values fill a template's rendering, so they need SendGrid's template.
    const sendgrid = input.template_values && Object.keys(input.template_values).length > 0 ? sendgridRequired(deps.sendgrid?.()) : deps.sendgrid?.();
    const filled = sendgrid ? templateBodies((await renderCampaignTemplate(sendgrid, input.sendgrid_template_id)).html, input.template_values ?? {}) : null;
    const body = filled ? filled.body_html : placeholderBody(input.subject, input.sendgrid_template_id);
    const id = await odoo.create('mailing.mailing', {
      subject: input.subject,
      ...(input.preview_text ? { preview: input.preview_text } : {}),
      ...(input.email_from ? { email_from: input.email_from } : {}),
      mailing_model_id: await deps.mailingListModelId(),
      contact_list_ids: [[6, 0, [input.list_id]]],
      mailing_domain: mailingDomain,
      body_html: body,
      ...(filled ? { body_arch: filled.body_arch } : {}),
      [CAMPAIGN_FIELD]: campaignId,
      [TEMPLATE_FIELD]: input.sendgrid_template_id,
      ...(schedule ? { schedule_type: 'scheduled', schedule_date: toOdooDatetime(schedule) } : { schedule_type: 'now' }),
    });
    await keepSegmentDomain(id, mailingDomain, input.segment);
    return { campaign_id: campaignId, odoo_campaign_id: id, status: 'draft', estimated_recipients: estimated };
  }

  /**
   * A server that does not keep the written domain would widen the segment to the whole list
   * without a word (see keepDomain), so such a draft is removed and reported rather than left to
   * reach the wrong people. "all" is exempt: Odoo's own list domain reaches the same people once it
   * drops opt-outs and blacklisted itself.
   */
  async function keepSegmentDomain(id: number, mailingDomain: string, segment: CreateInput['segment']): Promise<void> {
    if ((await keepDomain(odoo, id, mailingDomain)) || segment === 'all') return;
    await odoo.unlink('mailing.mailing', [id]);
    throw new AppError('odoo.server_error', `This Odoo does not keep a campaign's audience: it reset the "${segment}" segment to the whole list. The draft was removed so it cannot reach the wrong people; send to "all" or ask your Odoo administrator.`, {
      segment,
      odoo_campaign_id: id,
    });
  }

  const recipientsOf = (m: MailingRecord) => mailingRecipients(odoo, m);

  async function replayedCreate(existing: MailingRecord, input: CreateInput): Promise<z.infer<typeof CreateCampaignResult>> {
    if (existing.subject !== input.subject || !existing.contact_list_ids.includes(input.list_id)) {
      throw new AppError('conflict', 'This request id was already used for a different campaign. Send a new request id for a new campaign.', {
        campaign_id: existing[CAMPAIGN_FIELD],
        odoo_campaign_id: existing.id,
      });
    }
    return {
      campaign_id: existing[CAMPAIGN_FIELD] as string,
      odoo_campaign_id: existing.id,
      status: campaignStatus(existing, now()),
      estimated_recipients: await recipientsOf(existing),
    };
  }

  /**
   * schedule: absent, the draft's own schedule decides; an instant, the campaign is scheduled for
   * it (write + action_schedule, odoo18-wire/144-145); null, it goes now whatever the draft said.
   * A draft is launched or scheduled only after the pre-send check passes, here on the server, with
   * its warnings acknowledged by code: no send path can skip it (issue 10).
   */
  async function send(storeId: string, campaignId: string, schedule?: string | null, acknowledge: readonly string[] = []): Promise<z.infer<typeof SendCampaignResult>> {
    const mailing = await readChecked(odoo, storeId, campaignId);
    if (!mailing) throw await missing(storeId, campaignId);
    if (madeInOdoo(mailing)) throw madeInOdooError(mailing, 'sent');
    const at = now();
    const recipients = await recipientsOf(mailing);
    const answer = (status: z.infer<typeof SendCampaignResult>['status'], scheduledFor: Date | null) => ({
      campaign_id: campaignId,
      status,
      scheduled_for: scheduledFor ? scheduledFor.toISOString() : null,
      estimated_recipients: recipients,
    });
    // A new date for a draft, or for a campaign still waiting for its date (a retry with the same
    // date changes nothing). Once the date has passed the campaign is on its way and is not moved.
    if (typeof schedule === 'string' && mailing.state === 'draft') requireFuture(new Date(schedule), at);
    if (mailing.state === 'draft') requireSendable(await checkMailing(odoo, deps.sendgrid?.(), mailing, at, typeof schedule === 'string' ? new Date(schedule) : undefined), acknowledge);
    // An A/B version sends its whole test: every draft version goes, through Odoo's own actions.
    const ids = mailing.state === 'draft' ? await testVersionIds(odoo, mailing, ['draft']) : [mailing.id];
    if (typeof schedule === 'string' && (mailing.state === 'draft' || isFutureSchedule(mailing, at))) {
      const when = new Date(schedule);
      // Moving a queued campaign (the calendar's drag) passes the same check as scheduling it,
      // its state aside: the email, the audience and, for a test, the winner date after the new date.
      if (mailing.state !== 'draft') {
        const check = await checkMailing(odoo, deps.sendgrid?.(), mailing, at, when);
        requireSendable({ ...check, issues: check.issues.filter((i) => i.code !== 'not_draft') }, acknowledge);
      }
      await scheduleTest(odoo, mailing, when, at);
      return answer('scheduled', when);
    }
    // A retried send (the answer to the first one was lost) must not launch again: Odoo's state says
    // whether the first attempt went through.
    if (mailing.state !== 'draft') {
      const status = campaignStatus(mailing, at);
      if (status === 'draft') throw new AppError('internal', 'The campaign is in a state the console does not know.');
      return answer(status, status === 'scheduled' ? mailing.schedule_date : null);
    }
    if (schedule !== null && isFutureSchedule(mailing, at)) {
      // With a date set, action_schedule queues the mailing for that date and returns nothing;
      // without one it would only return the date wizard (odoo18-wire/143 vs 145).
      for (const id of ids.filter((x) => x !== mailing.id)) await odoo.write('mailing.mailing', [id], { schedule_type: 'scheduled', schedule_date: toOdooDatetime(mailing.schedule_date as Date) });
      for (const id of ids) await odoo.call('mailing.mailing', 'action_schedule', [id]);
      return answer('scheduled', mailing.schedule_date);
    }
    // action_launch sets schedule_type "now" and queues the mailing; it returns None (odoo18-wire/110).
    await odoo.call('mailing.mailing', 'action_launch', ids);
    return answer('sending', null);
  }

  async function get(storeId: string, campaignId: string): Promise<z.infer<typeof CampaignDetail> & { sources: FigureSource[] }> {
    const mailing = await findMailingDetail(odoo, storeId, campaignId);
    if (!mailing) throw await missing(storeId, campaignId);
    const row = toCampaignRow(mailing, now());
    const sendgrid = deps.sendgrid?.();
    // Everything below needs only the mailing, so it is asked at once: one more wait for Odoo after
    // the mailing (a third only when someone followed an unsubscribe link since the send). SendGrid
    // and the recorded events are not Odoo calls; the audience costs a count only for a draft or
    // queued mailing whose domain the console did not write.
    // A template campaign's values cost one read of its body, only while they can still be changed.
    const editable = mailing.state === 'draft' || mailing.state === 'in_queue';
    const [unsubscribed, sendgridFigures, book, audience, test, progress, values] = await Promise.all([
      unsubscribedFrom(odoo, { id: mailing.id, listIds: mailing.contact_list_ids, sentDate: mailing.sent_date }),
      sendgrid && mailing.sent_date ? sendgridTotals(sendgrid, row.campaign_id, mailing.sent_date, now()) : null,
      deps.engagement ? deps.engagement(storeId) : null,
      audienceOf(odoo, mailing, row.recipients),
      madeInOdoo(mailing) ? winnerTest(odoo, mailing) : null,
      detailedProgress(odoo, mailing, now()),
      mailing[TEMPLATE_FIELD] && editable && !madeInOdoo(mailing) ? readTemplateValues(odoo, mailing.id) : null,
    ]);
    const merged = mergeFigures(campaignStats(mailing, unsubscribed.count), sendgridFigures, book?.[row.campaign_id] ?? null);
    return {
      campaign_id: row.campaign_id,
      odoo_campaign_id: mailing.id,
      subject: row.subject,
      status: row.status,
      sent_date: row.sent_date,
      scheduled_for: row.scheduled_for,
      stats: merged.stats,
      ...(unsubscribed.reasons.length ? { unsubscribe_reasons: unsubscribed.reasons } : {}),
      sendgrid_template_id: mailing[TEMPLATE_FIELD],
      preview_text: mailing.preview ?? '',
      email_from: mailing.email_from,
      list_ids: mailing.contact_list_ids,
      audience,
      made_in_odoo: madeInOdoo(mailing) && !test?.madeHere,
      ...(test ? { ab_winner_of: test.campaignId } : {}),
      ...(progress ? { progress } : {}),
      ...(values ?? {}),
      sources: merged.sources,
    };
  }

  /** "Process the queue now": runs the Odoo queue the campaign waits in once, then says where it stands. */
  async function processQueue(storeId: string, campaignId: string): Promise<z.infer<typeof ProcessQueueResult>> {
    const mailing = await findMailing(odoo, storeId, campaignId);
    if (!mailing) throw await missing(storeId, campaignId);
    const waiting = sendProgress(mailing, now())?.waiting_for ?? null;
    if (waiting) await runQueueCron(odoo, waiting);
    const after = waiting ? await findMailing(odoo, storeId, campaignId) : mailing;
    return { campaign_id: campaignId, ran: waiting, progress: (after && (await detailedProgress(odoo, after, now()))) ?? null };
  }

  const hiddenVersions: HiddenVersions = new Map();
  const list = (query: Parameters<typeof listCampaigns>[1]): Promise<z.infer<typeof CampaignsResult>> => listCampaigns(odoo, query, now(), hiddenVersions);

  /** Unknown store and unknown campaign read differently to the owner; telling them apart costs a call only on failure. */
  async function missing(storeId: string, campaignId: string): Promise<AppError> {
    await storeLists(odoo, storeId);
    return unknownCampaign(storeId, campaignId);
  }

  return { create, send, get, list, processQueue };
}

/**
 * Odoo's own mailing list order (odoo18-wire/244: "calendar_date desc, id desc"): calendar_date
 * is the send date or the scheduled date and is empty for drafts, which PostgreSQL sorts first
 * in a descending order. Drafts, then what is scheduled, then the most recent sends.
 */
export const NEWEST_FIRST = 'calendar_date desc, id desc';
