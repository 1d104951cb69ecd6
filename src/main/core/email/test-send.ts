import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { previewHtml } from '../../../shared/email/preview';
import type { TestSendResult } from '../../../shared/schemas/email';
import { parseRecords, type OdooClient } from '../odoo';
import type { SendgridService } from '../sendgrid';
import { campaignDomain, campaignIdOf, MAILING_FIELDS, MailingRecord, storeMailings, unknownCampaign } from '../marketing/mailings';
import { storeLists } from '../marketing/stores';
import type { TestSendLedger, TestSendRecord } from './test-send-ledger';

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
  /** What each request id already sent; without it every call sends to every address. */
  testSends?: TestSendLedger | undefined;
}

export interface TestSendInput {
  storeId: string;
  campaignId: string;
  emails: string[];
  /** A subscriber of the list to fill merge fields for (SendGrid path); the first one when absent. */
  contact_id?: number | undefined;
  /** The same id on "Try again": an address a try sent (or may have sent) is not mailed again. */
  client_request_id?: string | undefined;
}

type Result = z.infer<typeof TestSendResult>;

/** Failures that show the mail did not leave: the server refused it, or the connection never opened. */
const REFUSED_BEFORE_SENDING = new Set(['sendgrid.bad_request', 'sendgrid.unauthorized', 'sendgrid.forbidden', 'sendgrid.not_found', 'sendgrid.rate_limited', 'input.invalid']);
const LOST_ODOO_ANSWER = new Set(['odoo.malformed_response', 'odoo.server_error', 'odoo.timeout']);
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Whether a failed send may still have delivered: its answer was lost after the request left. */
function mayHaveSent(error: unknown): boolean {
  if (!(error instanceof AppError)) return true;
  const details = (error.details ?? {}) as { outcome?: unknown; cause?: unknown };
  // An answer Odoo may have sent after running the call: lost, cut short, garbled or a 5xx page.
  if (error.code.startsWith('odoo.')) return details.outcome === 'unknown' || LOST_ODOO_ANSWER.has(error.code);
  if (error.code === 'sendgrid.unreachable') return !NOT_CONNECTED.has(String(details.cause));
  return !REFUSED_BEFORE_SENDING.has(error.code);
}

/**
 * A failure after some addresses may have been mailed: the error says which, and that "Try again"
 * (the same request id) mails only the others.
 */
function partlySent(error: unknown, record: TestSendRecord, requestId: string | undefined): unknown {
  if (!(error instanceof AppError) || record.spent.size === 0 || !requestId) return error;
  const maybe = [...record.uncertain];
  const sure = [...record.spent].filter((e) => !record.uncertain.has(e));
  const said = [sure.length ? `It went to ${sure.join(', ')}.` : '', maybe.length ? `It may or may not have gone to ${maybe.join(', ')}: check that inbox.` : ''].filter(Boolean).join(' ');
  return new AppError(error.code, `${error.message} ${said} Try again sends the test only to the addresses it has surely not reached.`, {
    ...(error.details as Record<string, unknown> | undefined),
    sent_to: sure,
    maybe_sent_to: maybe,
    retry: { client_request_id: requestId },
  });
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

async function throughSendgrid(deps: TestSendDeps & { sendgrid: SendgridService }, input: TestSendInput, record: TestSendRecord): Promise<Result> {
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
  // One mail per address: each one sent is remembered at once, so a failure part-way resends none of them.
  for (const email of input.emails.filter((e) => !record.spent.has(e))) {
    try {
      await deps.sendgrid.sendMail({ to: [{ email }], from, ...(reply ? { replyTo: reply } : {}), subject: `[TEST] ${mailing.subject ?? ''}`, html });
    } catch (error) {
      if (mayHaveSent(error)) {
        record.spent.add(email);
        record.uncertain.add(email);
      }
      throw error;
    }
    record.spent.add(email);
  }
  return { campaign_id: campaignIdOf(mailing), via: 'sendgrid', sent_to: input.emails };
}

async function throughOdoo(deps: TestSendDeps, input: TestSendInput, record: TestSendRecord): Promise<Result> {
  const mailing = await readMailing(deps.odoo, input.storeId, input.campaignId);
  const toSend = input.emails.filter((e) => !record.spent.has(e));
  if (toSend.length > 0) {
    // email_to is a Text field of one address a line (Odoo 17+: "Carriage-return-separated list").
    // A wizard whose create answer was lost sends nothing: the retry makes another.
    const wizard = await deps.odoo.create('mailing.mailing.test', { email_to: toSend.join('\n'), mass_mailing_id: mailing.id });
    try {
      await deps.odoo.call('mailing.mailing.test', 'send_mail_test', [wizard]);
    } catch (error) {
      if (mayHaveSent(error)) {
        for (const email of toSend) record.uncertain.add(email);
        for (const email of toSend) record.spent.add(email);
      }
      throw error;
    }
    for (const email of toSend) record.spent.add(email);
  }
  return { campaign_id: campaignIdOf(mailing), via: 'odoo', sent_to: input.emails };
}

export async function sendTest(deps: TestSendDeps, input: TestSendInput): Promise<Result> {
  const emails = [...new Set(input.emails.map((e) => e.trim()))];
  const requestId = input.client_request_id;
  const key = `${input.storeId}\n${input.campaignId}\n${requestId ?? ''}`;
  const ledger = requestId ? deps.testSends : undefined;
  const record = ledger ? await ledger.record(key) : { spent: new Set<string>(), uncertain: new Set<string>() };
  const before = new Set(record.spent);
  const sendgrid = deps.sendgrid;
  try {
    const result = deps.delivery === 'sendgrid-relay' && sendgrid ? await throughSendgrid({ ...deps, sendgrid }, { ...input, emails }, record) : await throughOdoo(deps, { ...input, emails }, record);
    const skipped = emails.filter((e) => before.has(e));
    return skipped.length ? { ...result, already_sent: skipped, ...(skipped.some((e) => record.uncertain.has(e)) ? { maybe_sent: skipped.filter((e) => record.uncertain.has(e)) } : {}) } : result;
  } catch (error) {
    throw partlySent(error, record, requestId);
  } finally {
    // Before the answer leaves: a restart between a lost answer and "Try again" still remembers.
    await ledger?.keep(key);
  }
}
