import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type { CampaignStatus, SendProgress } from '../../../shared/schemas/marketing';
import { sendProgress } from './progress';
import { many2one, odooDatetimeField, parseRecords, type Domain, type OdooClient } from '../odoo';
import { attempted, clickRate, MailingStats, openRate, STAT_FIELDS } from './stats';
import { campaignStatus, PROGRESS_FIELDS } from './status';
import { STORE_FIELD } from './stores';
import { odooCampaignId, odooMailingIdOf } from './campaign-ids';

/** Our stable campaign id on the mailing (issue 3); the SendGrid template it renders (issue 4). */
export const CAMPAIGN_FIELD = 'x_markket_campaign_id';
export const TEMPLATE_FIELD = 'x_sendgrid_template_id';

const text = z.union([z.string(), z.literal(false)]).transform((v) => (v === false ? null : v));

export const MailingRecord = MailingStats.extend({
  id: z.number().int().positive(),
  subject: text,
  state: z.string(),
  schedule_type: z.union([z.string(), z.literal(false)]),
  schedule_date: odooDatetimeField,
  sent_date: odooDatetimeField,
  total: z.number().int().nonnegative(),
  mailing_domain: z.union([z.string(), z.literal(false)]),
  contact_list_ids: z.array(z.number().int()),
  [CAMPAIGN_FIELD]: text,
  [TEMPLATE_FIELD]: text,
});
export type MailingRecord = z.infer<typeof MailingRecord>;

export const MAILING_FIELDS = [
  'id', 'subject', 'sent_date', 'total', 'mailing_domain', 'contact_list_ids', CAMPAIGN_FIELD, TEMPLATE_FIELD,
  ...new Set([...PROGRESS_FIELDS, ...STAT_FIELDS]),
];

/**
 * Mailings of the store: those sent to one of its lists, whether the console or Odoo itself made
 * them (an owner with an existing Odoo expects to see the campaigns made there). One domain, no
 * list lookup needed.
 */
export function storeMailings(storeId: string): Domain {
  return [['contact_list_ids.' + STORE_FIELD, '=', storeId]];
}

/** The domain of one campaign by our id: x_markket_campaign_id, or the mailing id inside a derived id. */
export function campaignDomain(campaignId: string): Domain {
  const mailingId = odooMailingIdOf(campaignId);
  return mailingId === null ? [[CAMPAIGN_FIELD, '=', campaignId]] : [['id', '=', mailingId], [CAMPAIGN_FIELD, '=', false]];
}

/** Our id of a mailing: the one the console gave it, or one derived from Odoo's id for a mailing made in Odoo. */
export const campaignIdOf = (m: { id: number; [CAMPAIGN_FIELD]: string | null | false }): string => m[CAMPAIGN_FIELD] || odooCampaignId(m.id);

/** A mailing made in Odoo itself: shown everywhere, but edited, sent and canceled in Odoo. */
export const madeInOdoo = (m: Pick<MailingRecord, typeof CAMPAIGN_FIELD>): boolean => m[CAMPAIGN_FIELD] === null;

export function madeInOdooError(m: MailingRecord, what: string): AppError {
  return new AppError('conflict', `This campaign was made in Odoo, so it is ${what} there. Duplicate it to get a copy the console can edit and send.`, {
    odoo_campaign_id: m.id,
  });
}

export function parseMailings(rows: unknown): MailingRecord[] {
  return parseRecords(MailingRecord, rows, 'mailing.mailing');
}

/** Looks the store's mailing up by our campaign id (archived ones too: a retry must still find it). */
export async function findMailing(odoo: OdooClient, storeId: string, campaignId: string): Promise<MailingRecord | undefined> {
  const rows = await odoo.searchRead('mailing.mailing', [...campaignDomain(campaignId), ...storeMailings(storeId)], MAILING_FIELDS, {
    limit: 1,
    order: 'id asc',
    context: { active_test: false },
  });
  return parseMailings(rows)[0];
}

/** What the editor opens with beyond the lists' fields: preview, sender, and the model the audience is on. */
export const MailingDetail = MailingRecord.extend({
  preview: text,
  email_from: text,
  mailing_model_real: z.union([z.string(), z.literal(false)]).optional(),
  ab_testing_is_winner_mailing: z.boolean().optional(),
  campaign_id: many2one.optional(),
});
export type MailingDetail = z.infer<typeof MailingDetail>;
const DETAIL_FIELDS = [...MAILING_FIELDS, 'preview', 'email_from', 'mailing_model_real', 'ab_testing_is_winner_mailing', 'campaign_id'];

const FirstVersion = z.object({ id: z.number().int().positive(), [CAMPAIGN_FIELD]: text });

/**
 * The winner of an A/B test is Odoo's copy of the best version (action_select_as_winner); the copy
 * does not carry the console's campaign id (the field is not copied), so on its own it would read
 * as made in Odoo. It belongs to its test: the first version of the same utm.campaign.
 */
export async function winnerTest(odoo: OdooClient, m: MailingDetail): Promise<{ campaignId: string; madeHere: boolean } | null> {
  if (!m.ab_testing_is_winner_mailing || !m.campaign_id) return null;
  const rows = await odoo.searchRead('mailing.mailing', [['campaign_id', '=', m.campaign_id.id], ['ab_testing_enabled', '=', true], ['id', '!=', m.id]], ['id', CAMPAIGN_FIELD], { order: 'id asc', limit: 1, context: { active_test: false } });
  const first = parseRecords(FirstVersion, rows, 'mailing.mailing')[0];
  return first ? { campaignId: campaignIdOf(first), madeHere: !madeInOdoo(first) } : null;
}

/** findMailing with the detail fields, in the same one call. */
export async function findMailingDetail(odoo: OdooClient, storeId: string, campaignId: string): Promise<MailingDetail | undefined> {
  const rows = await odoo.searchRead('mailing.mailing', [...campaignDomain(campaignId), ...storeMailings(storeId)], DETAIL_FIELDS, {
    limit: 1,
    order: 'id asc',
    context: { active_test: false },
  });
  return parseRecords(MailingDetail, rows, 'mailing.mailing')[0];
}

export function unknownCampaign(storeId: string, campaignId: string): AppError {
  return new AppError('not_found', "This campaign is not among the store's campaigns in Odoo; it may have been deleted there. Reload the campaign list.", { storeId, campaignId });
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

export interface CampaignRowOut {
  campaign_id: string;
  odoo_campaign_id: number;
  subject: string;
  status: CampaignStatus;
  sent_date: string | null;
  scheduled_for: string | null;
  recipients: number;
  open_rate: number;
  click_rate: number;
  progress?: z.infer<typeof SendProgress>;
}

/**
 * One campaign as the lists show it. Recipients: once sent, the people Odoo tried to mail
 * (expected − canceled); before, Odoo's `total`, the count of the mailing's domain (103).
 */
export function toCampaignRow(m: MailingRecord, now: Date): CampaignRowOut {
  const status = campaignStatus(m, now);
  const progress = sendProgress(m, now);
  const sentOrSending = m.state === 'done' || m.state === 'sending';
  return {
    campaign_id: campaignIdOf(m),
    odoo_campaign_id: m.id,
    subject: m.subject ?? '',
    status,
    sent_date: iso(m.sent_date),
    scheduled_for: m.schedule_type === 'scheduled' && m.state !== 'done' ? iso(m.schedule_date) : null,
    recipients: sentOrSending ? attempted(m) : m.total,
    open_rate: openRate(m),
    click_rate: clickRate(m),
    ...(progress ? { progress } : {}),
  };
}
