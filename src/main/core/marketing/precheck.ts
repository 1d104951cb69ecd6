import { z } from 'zod';
import { AppError, isAppError } from '../../../shared/errors';
import type { PrecheckIssue, PrecheckResult } from '../../../shared/schemas/marketing-views';
import { many2one, parseRecords, type Domain, type OdooClient } from '../odoo';
import { abIssues } from './ab/precheck';
import type { SendgridService, SuppressionKind } from '../sendgrid';
import { BODY_FIELDS, BodyRecord, readBody } from './body';
import { leftoverFields } from './mailing-actions';
import { campaignDomain, campaignIdOf, MAILING_FIELDS, madeInOdoo, MailingRecord, storeMailings, TEMPLATE_FIELD, unknownCampaign } from './mailings';
import { campaignValueNames } from '../../../shared/email/template-values';
import { sendDomain } from './audience';
import { reachableOnLists } from './segments';
import { storeLists } from './stores';

type Issue = z.infer<typeof PrecheckIssue>;

/** The mailing with what the body check reads: one read serves the check and the send. */
export const CheckedMailing = MailingRecord.extend(BodyRecord.omit({ subject: true }).shape).extend({
  ab_testing_enabled: z.boolean().optional(),
  campaign_id: many2one.optional(),
});
export type CheckedMailing = z.infer<typeof CheckedMailing>;
export const CHECKED_FIELDS = [...new Set([...MAILING_FIELDS, ...BODY_FIELDS, 'ab_testing_enabled', 'campaign_id'])];
const Audience = z.object({ email_normalized: z.union([z.string(), z.literal(false)]) });
const SUPPRESSION_KINDS: SuppressionKind[] = ['bounces', 'blocks', 'spam_reports', 'invalid_emails', 'unsubscribes'];
/** Enough examples to recognise a problem; the count says how many there are. */
const SAMPLE = 20;

/**
 * Odoo's unsubscribe placeholder, rewritten per recipient when it sends
 * (addons/mass_mailing/models/mail_mail.py), or the QWeb variable some Odoo templates use.
 */
const UNSUBSCRIBE = /\/unsubscribe_from_list|unsubscribe_url/;
const INSECURE_LINK = /(?:href|src)\s*=\s*["'](http:\/\/[^"'\s>]+)/gi;

/** The contacts Odoo will send to, with its send-time exclusions (audience/): a custom domain counts as Odoo reads it. */
function audienceDomain(m: MailingRecord): Domain {
  return sendDomain(m) ?? reachableOnLists(m.contact_list_ids);
}

/**
 * The pre-send check in two Odoo calls (the mailing with its body, the audience's addresses) and
 * one pass over SendGrid's suppression lists. Errors block sending; warnings are acknowledged.
 */
export async function precheck(odoo: OdooClient, sendgrid: SendgridService | undefined, storeId: string, campaignId: string, now?: Date, sendAt?: Date): Promise<z.infer<typeof PrecheckResult>> {
  const mailing = await readChecked(odoo, storeId, campaignId);
  if (!mailing) {
    await storeLists(odoo, storeId);
    throw unknownCampaign(storeId, campaignId);
  }
  return checkMailing(odoo, sendgrid, mailing, now, sendAt);
}

/** The store's mailing with the fields the check reads (archived too, like findMailing). */
export async function readChecked(odoo: OdooClient, storeId: string, campaignId: string): Promise<CheckedMailing | undefined> {
  const rows = await odoo.searchRead('mailing.mailing', [...campaignDomain(campaignId), ...storeMailings(storeId)], CHECKED_FIELDS, { limit: 1, order: 'id asc', context: { active_test: false } });
  return parseRecords(CheckedMailing, rows, 'mailing.mailing')[0];
}

/**
 * The check of a mailing already read: one Odoo call for the audience, SendGrid's suppressions
 * alongside; a version of an A/B test also checks its test (two more calls). `now` dates the
 * A/B winner check (left out when the caller has no clock).
 */
export async function checkMailing(odoo: OdooClient, sendgrid: SendgridService | undefined, mailing: CheckedMailing, now?: Date, sendAt?: Date): Promise<z.infer<typeof PrecheckResult>> {
  const [audienceRows, suppressed] = await Promise.all([
    odoo.searchRead('mailing.contact', audienceDomain(mailing), ['email_normalized']),
    sendgrid ? suppressions(sendgrid) : Promise.resolve(null),
  ]);
  const emails = parseRecords(Audience, audienceRows, 'mailing.contact').flatMap((c) => (c.email_normalized ? [c.email_normalized] : []));
  const body = mailing.body_html;
  const issues: Issue[] = [];
  const issue = (code: Issue['code'], severity: Issue['severity'], message: string, details: Record<string, unknown> = {}) => issues.push({ code, severity, message, details });

  if (madeInOdoo(mailing)) issue('made_in_odoo', 'error', 'This campaign was made in Odoo: send it from Odoo, or duplicate it here.', { odoo_campaign_id: mailing.id });
  else if (mailing.state !== 'draft') issue('not_draft', 'error', 'This campaign is already scheduled or sent. Cancel it first to change or send it again.', { state: mailing.state });
  if (!(mailing.subject ?? '').trim()) issue('empty_subject', 'error', 'The campaign has no subject. Most inboxes would show it as “(no subject)”.');
  const verdict = readBody({ ...mailing, subject: mailing.subject ?? '' });
  if (!verdict.own) {
    const code = verdict.kind === 'empty' ? 'empty_body' : verdict.kind === 'foreign' ? 'foreign_body' : 'placeholder_body';
    issue(code, 'error', verdict.problem ?? 'The email has no content you wrote. Choose a template or write the email.', { body_kind: verdict.kind });
  } else if (!UNSUBSCRIBE.test(body)) {
    issue('no_unsubscribe_link', 'error', 'The email has no unsubscribe link. The law and the inbox providers require one: add {{unsubscribe}} to the template.');
  }
  const unmapped = leftoverFields(body);
  // An error, never a warning: a "send anyway" once mailed {{discount_code}} to every subscriber (issue 11).
  if (unmapped.length > 0) {
    const many = unmapped.length === 1 ? '' : 's';
    // A SendGrid template's campaign-wide values (ends_on, discount_code) are the person's to fill; the rest (a helper like #if vip) is not.
    const values = verdict.kind === 'html' && mailing[TEMPLATE_FIELD] ? campaignValueNames(unmapped) : [];
    const others = unmapped.filter((f) => !values.includes(f));
    const sentences = [
      ...values.map((f) => `Fill '${f}' in the campaign's template values: every subscriber would get {{${f}}} as written.`),
      ...(others.length > 0 ? [`${others.length} template field${others.length === 1 ? '' : 's'} would reach subscribers as written, because Odoo has nothing to fill ${others.length === 1 ? 'it' : 'them'} with: ${others.join(', ')}. Write the email in the console instead, or change the template.`] : []),
    ];
    issue('unmapped_template_fields', 'error', verdict.kind === 'document'
      ? `The email uses campaign value${many} still empty, which would reach subscribers as written: ${unmapped.join(', ')}. Fill ${unmapped.length === 1 ? 'it' : 'them'} in the editor's settings.`
      : sentences.join(' '), { fields: unmapped, ...(values.length > 0 ? { missing_values: values } : {}) });
  }
  const insecure = [...new Set([...body.matchAll(INSECURE_LINK)].map((m) => m[1] as string))];
  if (insecure.length > 0) {
    issue('insecure_links', 'warning', `${insecure.length} link${insecure.length === 1 ? ' is' : 's are'} not https; browsers warn about them and spam filters like them less.`, { urls: insecure.slice(0, SAMPLE), count: insecure.length });
  }
  if (emails.length === 0) issue('no_recipients', 'error', 'Nobody would receive this campaign: the list and segment have no reachable subscriber.');
  if (suppressed === null) {
    issue('suppressions_unchecked', 'warning', sendgrid ? 'SendGrid could not be asked for its suppressions; recipients it will refuse are not known.' : 'No SendGrid key in this profile: recipients SendGrid would refuse are not checked.');
  } else {
    const hits = emails.filter((e) => suppressed.has(e));
    if (hits.length > 0) {
      const byKind: Record<string, number> = {};
      for (const e of hits) for (const kind of suppressed.get(e) ?? []) byKind[kind] = (byKind[kind] ?? 0) + 1;
      issue('suppressed_recipients', 'warning', `${hits.length} recipient${hits.length === 1 ? ' is' : 's are'} on SendGrid's suppression lists and will not receive it. Sync suppressions to remove them from Odoo's audience.`, {
        count: hits.length, by_kind: byKind, emails: hits.slice(0, SAMPLE),
      });
    }
  }
  if (mailing.ab_testing_enabled) issues.push(...(await abIssues(odoo, { id: mailing.id, campaign_id: mailing.campaign_id ?? null }, emails.length, now, sendAt)));
  return { campaign_id: campaignIdOf(mailing), ok: !issues.some((i) => i.severity === 'error'), recipients: emails.length, issues };
}

/**
 * The gate every send path passes (Dashboard API, campaign extension): errors refuse the send, and
 * so does any warning the caller did not name in `acknowledged` (the review dialog ticks each one).
 */
export function requireSendable(result: z.infer<typeof PrecheckResult>, acknowledged: readonly string[], what: 'sent' | 'moved' = 'sent'): void {
  const errors = result.issues.filter((i) => i.severity === 'error');
  const unacknowledged = result.issues.filter((i) => i.severity === 'warning' && !acknowledged.includes(i.code));
  if (errors.length === 0 && unacknowledged.length === 0) return;
  const problems = [...errors, ...unacknowledged];
  const message = errors.length > 0
    ? `The campaign was not ${what}: ${errors.map((i) => i.message).join(' ')}`
    : `The campaign was not ${what}: ${unacknowledged.length === 1 ? 'a warning needs' : `${unacknowledged.length} warnings need`} your acknowledgement first (${unacknowledged.map((i) => i.code).join(', ')}). ${unacknowledged.map((i) => i.message).join(' ')}`;
  throw new AppError('precheck.failed', message, {
    campaign_id: result.campaign_id,
    recipients: result.recipients,
    problems: problems.map((i) => ({ code: i.code, severity: i.severity, message: i.message, ...(i.severity === 'warning' ? { acknowledge_with: i.code } : {}) })),
  });
}

/** Reads the draft and refuses unless the check passes with its warnings acknowledged (for paths that schedule without sendCampaign). */
export async function requireSendableDraft(odoo: OdooClient, sendgrid: SendgridService | undefined, storeId: string, campaignId: string, acknowledged: readonly string[], now?: Date, sendAt?: Date): Promise<void> {
  requireSendable(await precheck(odoo, sendgrid, storeId, campaignId, now, sendAt), acknowledged);
}

/** Every suppressed address (lower case) with the lists it is on; null when SendGrid cannot be asked. */
async function suppressions(sendgrid: SendgridService): Promise<Map<string, SuppressionKind[]> | null> {
  try {
    const lists = await Promise.all(SUPPRESSION_KINDS.map(async (kind) => ({ kind, rows: await sendgrid.suppressions(kind) })));
    const out = new Map<string, SuppressionKind[]>();
    for (const { kind, rows } of lists) for (const row of rows) {
      const email = row.email.trim().toLowerCase();
      out.set(email, [...(out.get(email) ?? []), kind]);
    }
    return out;
  } catch (error) {
    if (isAppError(error) && error.code.startsWith('sendgrid.')) return null;
    throw error;
  }
}
