import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type {
  CampaignDetail, CampaignsQuery, CampaignsResult, CreateCampaignInput, CreateCampaignResult, SendCampaignResult,
} from '../../../shared/schemas/marketing';
import { parseRecords, toOdooDatetime, type OdooClient } from '../odoo';
import { CAMPAIGN_FIELD, findMailing, MAILING_FIELDS, parseMailings, storeMailings, TEMPLATE_FIELD, toCampaignRow, unknownCampaign, type MailingRecord } from './mailings';
import { estimateRecipients, reachableOnLists, segmentDomain, toPythonDomain } from './segments';
import { campaignStats, unsubscribedAfter } from './stats';
import { campaignStatus, isFutureSchedule, statusDomain } from './status';
import { requireStoreList, storeLists } from './stores';
import { campaignIdFor } from './campaign-ids';

// Kept where callers first found it (tests/unit/marketing).
export { campaignIdFor };

export interface CampaignDeps {
  odoo: OdooClient;
  now: () => Date;
  newId: () => string;
  /** The ir.model id of mailing.list, looked up once per service (it differs per database: 392 in odoo18-wire/100). */
  mailingListModelId: () => Promise<number>;
}

type CreateInput = z.infer<typeof CreateCampaignInput>;
type CampaignsQueryInput = z.infer<typeof CampaignsQuery>;

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A minimal body so the draft is valid in Odoo (is_body_empty false) and carries the unsubscribe
 * link Odoo rewrites per recipient ("/unsubscribe_from_list"). The SendGrid template's HTML
 * replaces it when the campaign extension renders the template (issue 4).
 */
function placeholderBody(subject: string, templateId: string): string {
  return `<div data-markket-template="${escapeHtml(templateId)}"><p>${escapeHtml(subject)}</p>`
    + '<p style="font-size:12px"><a href="/unsubscribe_from_list">Unsubscribe</a></p></div>';
}

export function createCampaigns(deps: CampaignDeps) {
  const { odoo, now } = deps;

  async function create(input: CreateInput): Promise<z.infer<typeof CreateCampaignResult>> {
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
    const domain = await segmentDomain(odoo, input.list_id, input.segment);
    const estimated = await estimateRecipients(odoo, domain);
    const mailingDomain = toPythonDomain(domain);
    const id = await odoo.create('mailing.mailing', {
      subject: input.subject,
      ...(input.preview_text ? { preview: input.preview_text } : {}),
      ...(input.email_from ? { email_from: input.email_from } : {}),
      mailing_model_id: await deps.mailingListModelId(),
      contact_list_ids: [[6, 0, [input.list_id]]],
      mailing_domain: mailingDomain,
      body_html: placeholderBody(input.subject, input.sendgrid_template_id),
      [CAMPAIGN_FIELD]: campaignId,
      [TEMPLATE_FIELD]: input.sendgrid_template_id,
      ...(schedule ? { schedule_type: 'scheduled', schedule_date: toOdooDatetime(schedule) } : { schedule_type: 'now' }),
    });
    await keepSegmentDomain(id, mailingDomain, input.segment);
    return { campaign_id: campaignId, odoo_campaign_id: id, status: 'draft', estimated_recipients: estimated };
  }

  /**
   * mailing_domain is a stored compute over contact_list_ids (odoo18-wire/103: "[('list_ids', 'in', [3])]")
   * that stays writable: Odoo 18 keeps a value given at create and only recomputes when the lists
   * change. A server that recomputed it anyway would widen the segment to the whole list without a
   * word, so the domain is read back, written again if needed, and a mailing that still does not
   * hold it is removed and reported rather than left to reach the wrong people. "all" is exempt:
   * Odoo's own list domain reaches the same people once it drops opt-outs and blacklisted itself.
   */
  async function keepSegmentDomain(id: number, mailingDomain: string, segment: CreateInput['segment']): Promise<void> {
    if ((await storedDomain(id)) === mailingDomain) return;
    await odoo.write('mailing.mailing', [id], { mailing_domain: mailingDomain });
    if ((await storedDomain(id)) === mailingDomain || segment === 'all') return;
    await odoo.unlink('mailing.mailing', [id]);
    throw new AppError('odoo.server_error', `This Odoo does not keep a campaign's audience: it reset the "${segment}" segment to the whole list. The draft was removed so it cannot reach the wrong people; send to "all" or ask your Odoo administrator.`, {
      segment,
      odoo_campaign_id: id,
    });
  }

  async function storedDomain(id: number): Promise<string | false | undefined> {
    const rows = await odoo.read('mailing.mailing', [id], ['mailing_domain']);
    return parseRecords(z.object({ mailing_domain: z.union([z.string(), z.literal(false)]) }), rows, 'mailing.mailing')[0]?.mailing_domain;
  }

  /**
   * Who the mailing will reach. Our domains carry the exclusions, so Odoo's `total` (the count of
   * the mailing's domain, odoo18-wire/103) is the answer. A domain without them is Odoo's list
   * default (recomputed when the lists changed, or by a server that does not keep ours for "all"):
   * Odoo drops opt-outs and blacklisted at send time, so they are counted out here too.
   */
  async function recipientsOf(m: MailingRecord): Promise<number> {
    if (typeof m.mailing_domain === 'string' && m.mailing_domain.includes('is_blacklisted')) return m.total;
    return estimateRecipients(odoo, reachableOnLists(m.contact_list_ids));
  }

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

  async function send(storeId: string, campaignId: string): Promise<z.infer<typeof SendCampaignResult>> {
    const mailing = await findMailing(odoo, storeId, campaignId);
    if (!mailing) throw await missing(storeId, campaignId);
    const at = now();
    const recipients = await recipientsOf(mailing);
    const answer = (status: z.infer<typeof SendCampaignResult>['status'], scheduledFor: Date | null) => ({
      campaign_id: campaignId,
      status,
      scheduled_for: scheduledFor ? scheduledFor.toISOString() : null,
      estimated_recipients: recipients,
    });
    // A retried send (the answer to the first one was lost) must not launch again: Odoo's state says
    // whether the first attempt went through.
    if (mailing.state !== 'draft') {
      const status = campaignStatus(mailing, at);
      if (status === 'draft') throw new AppError('internal', 'The campaign is in a state the console does not know.');
      return answer(status, status === 'scheduled' ? mailing.schedule_date : null);
    }
    if (isFutureSchedule(mailing, at)) {
      // With a date set, action_schedule queues the mailing for that date and returns nothing;
      // without one it would only return the date wizard (odoo18-wire/143 vs 145).
      await odoo.call('mailing.mailing', 'action_schedule', [mailing.id]);
      return answer('scheduled', mailing.schedule_date);
    }
    // action_launch sets schedule_type "now" and queues the mailing; it returns None (odoo18-wire/110).
    await odoo.call('mailing.mailing', 'action_launch', [mailing.id]);
    return answer('sending', null);
  }

  async function get(storeId: string, campaignId: string): Promise<z.infer<typeof CampaignDetail>> {
    const mailing = await findMailing(odoo, storeId, campaignId);
    if (!mailing) throw await missing(storeId, campaignId);
    const unsubscribed = await unsubscribedAfter(odoo, { id: mailing.id, listIds: mailing.contact_list_ids, sentDate: mailing.sent_date });
    const row = toCampaignRow(mailing, now());
    return {
      campaign_id: row.campaign_id,
      odoo_campaign_id: mailing.id,
      subject: row.subject,
      status: row.status,
      sent_date: row.sent_date,
      scheduled_for: row.scheduled_for,
      stats: campaignStats(mailing, unsubscribed),
      sendgrid_template_id: mailing[TEMPLATE_FIELD],
    };
  }

  async function list(query: CampaignsQueryInput): Promise<z.infer<typeof CampaignsResult>> {
    const at = now();
    const domain = [
      ...storeMailings(query.storeId),
      ...(query.status ? statusDomain(query.status, at) : []),
      ...(query.search ? [['subject', 'ilike', query.search]] : []),
    ];
    // Both calls are independent: run them together.
    const [total, rows] = await Promise.all([
      odoo.searchCount('mailing.mailing', domain),
      odoo.searchRead('mailing.mailing', domain, MAILING_FIELDS, { order: NEWEST_FIRST, limit: query.limit, offset: query.offset }),
    ]);
    // An empty answer may mean an unknown store: only then is the store looked up (a third call).
    if (total === 0) await storeLists(odoo, query.storeId);
    return { campaigns: parseMailings(rows).map((m) => toCampaignRow(m, at)), total };
  }

  /** Unknown store and unknown campaign read differently to the owner; telling them apart costs a call only on failure. */
  async function missing(storeId: string, campaignId: string): Promise<AppError> {
    await storeLists(odoo, storeId);
    return unknownCampaign(storeId, campaignId);
  }

  return { create, send, get, list };
}

/**
 * Odoo's own mailing list order (odoo18-wire/244: "calendar_date desc, id desc"): calendar_date
 * is the send date or the scheduled date and is empty for drafts, which PostgreSQL sorts first
 * in a descending order. Drafts, then what is scheduled, then the most recent sends.
 */
export const NEWEST_FIRST = 'calendar_date desc, id desc';
