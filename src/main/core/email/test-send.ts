import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { previewHtml } from '../../../shared/email/preview';
import type { TestSendResult } from '../../../shared/schemas/email';
import { parseRecords, type OdooClient } from '../odoo';
import type { SendgridService } from '../sendgrid';
import { campaignDomain, campaignIdOf, MAILING_FIELDS, MailingRecord, storeMailings, unknownCampaign } from '../marketing/mailings';
import { storeLists } from '../marketing/stores';

/**
 * "Send me a test": the campaign as it is in Odoo, to a few addresses, counted nowhere.
 *
 * - Delivering through the Odoo's own mail server: Odoo's own test wizard, as its "Test" button
 *   does (mailing.mailing.test create {email_to, mass_mailing_id} → send_mail_test;
 *   odoo18-wire/105-106, odoo19-json2-wire/135-136). Odoo renders the body for the first record of
 *   the mailing's model, prefixes the subject with "[TEST]" and makes no mailing.trace (137, 138).
 * - Delivering through SendGrid: SendGrid's mail send with the same body, filled in for the chosen
 *   subscriber (or the first of the campaign's list), "[TEST]" before the subject, and no campaign
 *   categories or custom args, so SendGrid's events never reach the campaign's figures.
 */

export interface TestSendDeps {
  odoo: OdooClient;
  sendgrid?: SendgridService | undefined;
  delivery: 'sendgrid-relay' | 'odoo-mail-server';
}

export interface TestSendInput {
  storeId: string;
  campaignId: string;
  emails: string[];
  /** A subscriber of the list to fill merge fields for (SendGrid path); the first one when absent. */
  contact_id?: number | undefined;
}

const text = z.union([z.string(), z.literal(false), z.null()]).transform((v) => v || '');
const TestMailing = MailingRecord.extend({ body_html: text, preview: text.optional(), email_from: text, reply_to: text.optional() });
const Contact = z.object({ id: z.number(), name: text, email: text, company_name: text.optional() });

async function readMailing(odoo: OdooClient, storeId: string, campaignId: string) {
  const rows = await odoo.searchRead('mailing.mailing', [...campaignDomain(campaignId), ...storeMailings(storeId)], [...MAILING_FIELDS, 'body_html', 'preview', 'email_from', 'reply_to'], { limit: 1, context: { active_test: false } });
  const [mailing] = parseRecords(TestMailing, rows, 'mailing.mailing');
  if (mailing) return mailing;
  await storeLists(odoo, storeId);
  throw unknownCampaign(storeId, campaignId);
}

/** "Name <addr>" or a bare address, as Odoo stores email_from. */
function address(value: string): { email: string; name?: string } | null {
  const angle = /^\s*"?([^"<]*?)"?\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(value);
  if (angle) return angle[1] ? { email: angle[2]!, name: angle[1] } : { email: angle[2]! };
  return /^[^\s@<>]+@[^\s@<>]+$/.test(value.trim()) ? { email: value.trim() } : null;
}

const escapeText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

async function throughSendgrid(deps: TestSendDeps & { sendgrid: SendgridService }, input: TestSendInput): Promise<z.infer<typeof TestSendResult>> {
  const mailing = await readMailing(deps.odoo, input.storeId, input.campaignId);
  const from = address(mailing.email_from);
  if (!from) throw new AppError('input.invalid', 'The campaign has no valid sender address. Set the sender, then send the test again.', { fields: [{ field: 'email_from', problem: 'is not an email address' }] });
  // Only a subscriber the person chose fills the test: a test goes to staff through SendGrid, so no
  // one else's name or address may ride along in it (issue 18's egress test caught the first
  // subscriber's). Without a choice the merge fields show their fallbacks ("Hello there").
  const onList: [string, string, unknown][] = [['list_ids', 'in', mailing.contact_list_ids]];
  const [contact] = input.contact_id
    ? parseRecords(Contact, await deps.odoo.searchRead('mailing.contact', [['id', '=', input.contact_id], ...onList], ['name', 'email', 'company_name'], { limit: 1 }), 'mailing.contact')
    : [];
  if (input.contact_id && !contact) throw new AppError('input.invalid', 'That subscriber is not on the campaign’s list. Choose another one to preview as.', { fields: [{ field: 'contact_id', problem: 'is not a subscriber of the list' }] });
  const body = previewHtml(mailing.body_html, contact ? { name: contact.name || null, email: contact.email || null, company_name: contact.company_name || null } : { name: null, email: null, company_name: null });
  // mail.render.mixin._replace_local_links: the unsubscribe placeholder and uploaded images point at the Odoo.
  const base = deps.odoo.settings.url.replace(/\/+$/, '');
  const absolute = base ? body.replace(/\b(href|src)=(["'])\/(?!\/)/gi, (_m, attr: string, q: string) => `${attr}=${q}${base}/`) : body;
  const preview = (mailing.preview ?? '').trim();
  const html = preview ? `<div style="display:none;font-size:1px;height:0px;width:0px;opacity:0;">${escapeText(preview)}</div>${absolute}` : absolute;
  const reply = address(mailing.reply_to ?? '');
  for (const email of input.emails) {
    await deps.sendgrid.sendMail({ to: [{ email }], from, ...(reply ? { replyTo: reply } : {}), subject: `[TEST] ${mailing.subject ?? ''}`, html });
  }
  return { campaign_id: campaignIdOf(mailing), via: 'sendgrid', sent_to: input.emails };
}

async function throughOdoo(deps: TestSendDeps, input: TestSendInput): Promise<z.infer<typeof TestSendResult>> {
  const mailing = await readMailing(deps.odoo, input.storeId, input.campaignId);
  // email_to is a Text field of one address a line (Odoo 17+: "Carriage-return-separated list").
  const wizard = await deps.odoo.create('mailing.mailing.test', { email_to: input.emails.join('\n'), mass_mailing_id: mailing.id });
  await deps.odoo.call('mailing.mailing.test', 'send_mail_test', [wizard]);
  return { campaign_id: campaignIdOf(mailing), via: 'odoo', sent_to: input.emails };
}

export function sendTest(deps: TestSendDeps, input: TestSendInput): Promise<z.infer<typeof TestSendResult>> {
  const emails = [...new Set(input.emails.map((e) => e.trim()))];
  const sendgrid = deps.sendgrid;
  if (deps.delivery === 'sendgrid-relay' && sendgrid) return throughSendgrid({ ...deps, sendgrid }, { ...input, emails });
  return throughOdoo(deps, { ...input, emails });
}
