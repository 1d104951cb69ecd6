import { create, search, unlink } from './orm/crud';
import type { Env } from './orm/env';
import type { Rec } from './orm/types';
import { formatDatetime } from './orm/values';
import { isBlacklisted, subscriptionsOfContact } from './models/audience';
import { ensureLinkTracker, linksOf } from './models/tracking-links';
import { realModel, recipientsDomain } from './models/mailing';
import { abTestRecipients, processAbTestingCron, alreadyMailed, campaignSeenEmails, isWinnerMailing } from './models/ab-testing';
import type { ModelNames } from './models/names';
import { trackingToken } from './tracking';
import { renderQwebBody } from './qweb-body';
import { unsubscribeUrl } from './models/unsubscribe';
import type { DeliveryOutcome, DeliveryStep, OutgoingMail } from './types';

const DEFAULT_FORCE_SEND_LIMIT = 100;
const DELIVERY_BATCH = 500;

export interface QueueDeps {
  env: () => Env;
  names: ModelNames;
  deliver: () => DeliveryStep;
  hostname: string;
}

/**
 * Odoo's mass-mailing queue cron (_process_mass_mailing_queue): due mailings in queue get one trace
 * and one mail.mail per recipient; blacklisted, opted-out, invalid and duplicate addresses are
 * canceled (odoo18-wire/113); the rest go out now unless there are more than
 * mail.mail.force.send.limit of them, in which case they wait for the mail queue cron (183-188).
 */
export async function processMassMailingQueue(deps: QueueDeps): Promise<void> {
  const env = deps.env();
  const now = formatDatetime(env.services.now());
  const due = search(env, 'mailing.mailing', [['state', 'in', ['in_queue', 'sending']], '|', ['schedule_date', '<=', now], ['schedule_date', '=', false]], { order: 'id asc' });
  for (const mailingId of due) {
    const mailing = env.browse('mailing.mailing', mailingId);
    if (!mailing) continue;
    env.store('mailing.mailing').update(mailing, { state: 'sending' });
    const outgoing = prepareMails(deps, env, mailing);
    const server = env.browse('ir.mail_server', mailing.mail_server_id as number);
    const problem = server ? await env.services.probeMailServer(server) : null;
    if (problem) {
      failAll(env, outgoing.all, problem);
    } else {
      const limit = forceSendLimit(env);
      if (outgoing.toSend.length <= limit) await deliverMails(deps, env, outgoing.toSend);
    }
    env.store('mailing.mailing').update(mailing, { state: 'done', sent_date: formatDatetime(env.services.now()), kpi_mail_required: true });
    env.services.changed();
  }
}

/** mail.mail.process_email_queue's default batch_size (mail/models/mail_mail.py). */
const DEFAULT_QUEUE_BATCH_SIZE = 1000;

/**
 * The mail queue cron ("Mail: Email Queue Manager", mail.mail.process_email_queue): one call sends
 * the oldest outgoing mails, at most ICP mail.mail.queue.batch.size of them (1000 by default), and
 * reports how many remain, as its cron progress does. Returns that remainder.
 */
export async function processMailQueue(deps: QueueDeps): Promise<number> {
  const env = deps.env();
  const mails = env.store('mail.mail');
  const outgoing = [...(mails.lookup('state', 'outgoing') ?? [])].sort((a, b) => a - b);
  const batch = outgoing.slice(0, intParam(env, 'mail.mail.queue.batch.size', DEFAULT_QUEUE_BATCH_SIZE) || DEFAULT_QUEUE_BATCH_SIZE);
  await deliverMails(deps, env, batch.map((id) => mails.records.get(id) as Rec));
  return outgoing.length - batch.length;
}

function intParam(env: Env, key: string, fallback: number): number {
  const store = env.store('ir.config_parameter');
  const [id] = store.lookup('key', key) ?? [];
  const value = id === undefined ? undefined : Number(store.records.get(id)?.value);
  return value === undefined || Number.isNaN(value) ? fallback : value;
}

const forceSendLimit = (env: Env): number => intParam(env, 'mail.mail.force.send.limit', DEFAULT_FORCE_SEND_LIMIT);

/** Odoo's tracking Message-Id: "<15 random digits.unix time-openerp-reply_to@host>" (odoo18-wire/113). */
export function messageId(env: Env, hostname: string): string {
  const rnd = Math.floor(env.services.random() * 1e15).toString().padStart(15, '0');
  const seconds = (env.services.now().getTime() / 1000).toFixed(15);
  return `<${rnd}.${seconds}-openerp-reply_to@${hostname}>`;
}

function prepareMails(deps: QueueDeps, env: Env, mailing: Rec): { all: Rec[]; toSend: Rec[] } {
  const model = realModel(env, mailing);
  // _get_remaining_recipients: the domain's records (an A/B version's random share of them) less
  // those already mailed — by this mailing, or, for an A/B winner, by any version of its campaign.
  const domain = recipientsDomain(env, mailing);
  let candidates = search(env, model, domain);
  if (mailing.ab_testing_enabled && !isWinnerMailing(env, mailing)) candidates = abTestRecipients(env, mailing, model, candidates, domain);
  const already = alreadyMailed(env, mailing, model);
  const recipients = candidates.filter((id) => !already.has(id));
  const campaignSeen = campaignSeenEmails(env, mailing);
  const listIds = (mailing.contact_list_ids as number[] | undefined) ?? [];
  const links = linksOf(String(mailing.body_html ?? ''));
  for (const link of links) ensureLinkTracker(env, mailing, link.url, link.label);
  const seenBodies = new Map<string, Set<string>>();
  const all: Rec[] = [];
  const toSend: Rec[] = [];
  const prepared = recipients.map((resId) => {
    const recipient = env.browse(model, resId) as Rec;
    const normalized = (recipient.email_normalized as string | null) ?? null;
    const body = renderQwebBody(String(mailing.body_html ?? ''), recipient);
    return { resId, normalized, body, emailTo: normalized ?? String(recipient.email ?? ''), failure: cancelReason(env, deps.names, model, recipient, normalized, listIds, body, seenBodies, campaignSeen) };
  });
  // Odoo 19 makes no mail.mail for a canceled recipient: its trace comes first, with no mail
  // (odoo19-json2-wire/143: the opted-out and blacklisted traces are 9 and 10, mail_mail_id_int 0;
  // the sent one is 11; 186: the duplicate is 12). Odoo 18 makes a canceled mail.mail (odoo18-wire/113).
  const major = Number(env.services.version.split('.')[0]);
  if (major >= 19) {
    for (const { resId, emailTo, failure } of prepared.filter((p) => p.failure)) {
      create(env, 'mailing.trace', [{ trace_type: 'mail', trace_status: 'cancel', failure_type: failure, email: emailTo, message_id: messageId(env, deps.hostname), model, res_id: resId, mass_mailing_id: mailing.id, mail_mail_id: false, mail_mail_id_int: 0 }]);
    }
  }
  for (const { resId, body, failure, emailTo } of major >= 19 ? prepared.filter((p) => !p.failure) : prepared) {
    const msgId = messageId(env, deps.hostname);
    // Odoo fills each recipient's unsubscribe link after the duplicate check, which compares the
    // rendered bodies (mass_mailing's composer: '/unsubscribe_from_list' → _get_unsubscribe_url).
    const sentBody = body.split('/unsubscribe_from_list').join(unsubscribeUrl(env, mailing.id, resId, emailTo));
    const mailId = create(env, 'mail.mail', [
      { subject: mailing.subject, body_html: sentBody, email_to: emailTo, email_from: mailing.email_from, message_id: msgId, mailing_id: mailing.id, model, res_id: resId, auto_delete: true, mail_server_id: mailing.mail_server_id ?? false, state: failure ? 'cancel' : 'outgoing', failure_type: failure ?? false },
    ])[0] as number;
    create(env, 'mailing.trace', [
      { trace_type: 'mail', trace_status: failure ? 'cancel' : 'outgoing', failure_type: failure ?? false, email: emailTo, message_id: msgId, model, res_id: resId, mass_mailing_id: mailing.id, mail_mail_id: mailId, mail_mail_id_int: mailId },
    ]);
    const mail = env.browse('mail.mail', mailId) as Rec;
    all.push(mail);
    if (!failure) toSend.push(mail);
  }
  return { all, toSend };
}

function cancelReason(env: Env, names: ModelNames, model: string, recipient: Rec, normalized: string | null, listIds: number[], body: string, seen: Map<string, Set<string>>, campaignSeen: Set<string>): string | null {
  if (!recipient.email) return 'mail_email_missing';
  if (isBlacklisted(env, normalized)) return 'mail_bl';
  if (model === 'mailing.contact' && subscriptionsOfContact(env, names, recipient.id).some((s) => listIds.includes(s.list_id as number) && s.opt_out === true)) {
    // Opted out of one of the mailing's lists (and subscribed to none of the others).
    const subscribed = subscriptionsOfContact(env, names, recipient.id).some((s) => listIds.includes(s.list_id as number) && s.opt_out !== true);
    if (!subscribed) return 'mail_optout';
  }
  if (!normalized) return 'mail_email_invalid';
  // An A/B campaign mails an address once, whichever version reached it first (_get_seen_list).
  if (campaignSeen.has(normalized)) return 'mail_dup';
  // Only an identical personalized body to the same address is a duplicate (odoo18-wire/113 note).
  const bodies = seen.get(normalized) ?? new Set<string>();
  if (bodies.has(body)) return 'mail_dup';
  bodies.add(body);
  seen.set(normalized, bodies);
  return null;
}

function failAll(env: Env, mails: Rec[], problem: string): void {
  for (const mail of mails) {
    env.store('mail.mail').update(mail, { state: 'exception', failure_type: 'mail_smtp', failure_reason: problem });
    for (const traceId of env.store('mailing.trace').lookup('mail_mail_id', mail.id) ?? []) {
      const trace = env.browse('mailing.trace', traceId) as Rec;
      // The trace keeps failure_reason false; the reason stays on the mail.mail (odoo18-wire/197).
      env.store('mailing.trace').update(trace, { trace_status: 'error', failure_type: 'mail_smtp' });
    }
  }
}

async function deliverMails(deps: QueueDeps, env: Env, mails: Rec[]): Promise<void> {
  const traces = env.store('mailing.trace');
  for (let i = 0; i < mails.length; i += DELIVERY_BATCH) {
    const batch = mails.slice(i, i + DELIVERY_BATCH);
    const outgoing = batch.map((mail) => toOutgoing(env, mail));
    let outcomes: DeliveryOutcome[];
    try {
      outcomes = await deps.deliver()(outgoing);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      outcomes = outgoing.map(() => ({ status: 'error', failureType: 'mail_smtp', failureReason: reason }));
    }
    const sentAt = formatDatetime(env.services.now());
    batch.forEach((mail, index) => {
      const outcome = outcomes[index] ?? { status: 'error', failureType: 'unknown', failureReason: 'No delivery outcome' };
      const traceIds = [...(traces.lookup('mail_mail_id', mail.id) ?? [])];
      if (outcome.status === 'sent') {
        for (const id of traceIds) traces.update(traces.records.get(id) as Rec, { trace_status: 'sent', sent_datetime: sentAt, mail_mail_id: null });
        unlink(env, 'mail.mail', [mail.id]); // auto_delete: the trace keeps mail_mail_id_int (odoo18-wire/188)
      } else {
        env.store('mail.mail').update(mail, { state: 'exception', failure_type: outcome.failureType, failure_reason: outcome.failureReason });
        for (const id of traceIds) traces.update(traces.records.get(id) as Rec, { trace_status: 'error', failure_type: outcome.failureType, failure_reason: outcome.failureReason });
      }
    });
    env.services.changed();
  }
}

function toOutgoing(env: Env, mail: Rec): OutgoingMail {
  const [traceId = 0] = env.store('mailing.trace').lookup('mail_mail_id', mail.id) ?? [];
  const mailing = env.browse('mailing.mailing', mail.mailing_id as number);
  return {
    traceId,
    mailingId: (mail.mailing_id as number) ?? 0,
    messageId: String(mail.message_id),
    emailTo: String(mail.email_to),
    emailFrom: String(mail.email_from ?? ''),
    subject: String(mail.subject ?? ''),
    bodyHtml: withTracking(env, String(mail.body_html ?? ''), mailing, mail, traceId),
    resModel: String(mail.model),
    resId: (mail.res_id as number) ?? 0,
    xMarkketCampaignId: typeof mailing?.x_markket_campaign_id === 'string' ? mailing.x_markket_campaign_id : false,
  };
}

/** Rewrites links to /r/<code>/m/<trace> and adds the open pixel, as Odoo does before sending. */
function withTracking(env: Env, html: string, mailing: Rec | undefined, mail: Rec, traceId: number): string {
  const base = env.services.baseUrl();
  let out = html;
  if (mailing) {
    for (const link of linksOf(html)) {
      const tracker = ensureLinkTracker(env, mailing, link.url, link.label);
      out = out.split(`href="${link.url}"`).join(`href="${base}/r/${String(tracker.code)}/m/${traceId}"`);
    }
  }
  const pixel = `<img src="${base}/mail/track/${mail.id}/${trackingToken(env, mail.id)}/blank.gif" alt="" style="display:none"/>`;
  return `${out}${pixel}`;
}

/** The A/B testing cron ("Mail Marketing: A/B Testing"): winners of due campaigns go into the queue. */
export function processAbTesting(deps: QueueDeps): void {
  processAbTestingCron(deps.env());
}
