import { create, write } from './orm/crud';
import type { Env } from './orm/env';
import type { Rec } from './orm/types';
import { formatDatetime } from './orm/values';
import { irModelId } from './models/mailing';
import type { ModelNames } from './models/names';
import { recipientToken, unsubscribeFromMailing } from './models/unsubscribe';
import { mailingFeedback } from './models/feedback';

const SUBJECTS = ['New arrivals this week', 'Spring sale: up to 30% off', 'Back in stock', 'Our summer lookbook', 'Members-only preview', 'Free shipping weekend', 'Behind the scenes at Store A', 'Last chance: sale ends tonight', 'Gift ideas for everyone', 'Thank you for being a customer', 'Autumn collection is here', 'Your monthly newsletter', 'Flash sale: 24 hours only', 'Meet our makers', 'Holiday opening hours'];
/** What receiving servers answer: an address that no longer exists bounces every time; a full or busy mailbox now and then. */
const HARD_BOUNCES = ['550 5.1.1 The email account that you tried to reach does not exist', '550 5.1.1 <{email}>: Recipient address rejected: User unknown in virtual mailbox table', '554 5.2.1 The mailbox is disabled'];
const SOFT_BOUNCES = ['452 4.2.2 The email account that you tried to reach is over quota', '421 4.7.0 Try again later, closing connection'];

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Traces per campaign: every recipient for the demo size, a bounded sample for benchmark sizes. */
const MAX_TRACES_PER_CAMPAIGN = 2_000;

/** A contact of the store's list as the campaigns see it. */
export interface Member {
  contact: Rec;
  subscriptionId: number;
  joinedAt: number;
  /** Opted out at some point (the seed's draw); when and how is decided by what they were sent. */
  leaves: boolean;
}

interface Reader extends Member {
  /** When the address stopped existing (a closed mailbox, a change of job): every mail after it bounces. */
  deadFrom: number;
  /** The mail after which a leaving member follows its unsubscribe link. */
  leaveAfter: number;
  received: number;
  last: { mailing: Rec; sentAt: number; bounced: boolean } | null;
}

export interface CampaignSeed {
  random: () => number;
  pick: <T>(items: readonly T[]) => T;
  store: { id: string; name: string };
  count: number;
  listId: number;
  names: ModelNames;
  opaqueId: (length?: number) => string;
}

/** Runs `work` with the peer's clock at `at`, so Odoo's own stamps (opt_out_datetime, write_date) read as of then. */
function asOf<T>(env: Env, at: Date, work: () => T): T {
  const services = env.db.services;
  const real = services.now;
  services.now = () => at;
  try {
    return work();
  } finally {
    services.now = real;
  }
}

/**
 * ~45 sent campaigns over the past year, each to the members who had joined by then and had not
 * left (opens ~40 %, clicks ~10 %, replies; about 2 % of addresses die during the year and bounce
 * from then on, with the receiving server's reason, and Odoo counts each bounce on the contact); then the
 * opt-outs, made as the recipients made them; drafts and one scheduled mailing. Deterministic.
 */
export function seedCampaigns(env: Env, seed: CampaignSeed, members: Member[]): void {
  const { random, pick, store, count, listId, opaqueId } = seed;
  const site = `https://${store.id.replace(/^demo-/, '')}.example.com/collections/new?from=newsletter`;
  const now = env.services.now().getTime();
  const traces = env.store('mailing.trace');
  const contacts = env.store('mailing.contact');
  const body = (subject: string) =>
    `<div style="font-family:Arial,sans-serif;font-size:14px"><p>Hello <t t-out="object.name or ''">customer</t>,</p><p>${subject}. <a href="${site}">Shop now</a></p></div>`;
  const base = { mailing_model_id: irModelId(env, 'mailing.list'), contact_list_ids: [[6, 0, [listId]]], x_markket_store_id: store.id };
  // Most who leave do so after one of their first mails; some stay a good while first.
  const readers: Reader[] = members.map((m) => ({ ...m, deadFrom: random() < 0.02 ? now - random() * 360 * DAY : Infinity, leaveAfter: m.leaves ? 1 + Math.floor(random() ** 2 * 20) : Infinity, received: 0, last: null }));
  for (let c = 0; c < count; c++) {
    const sentAt = new Date(now - Math.floor(((count - c) / count) * 360 * DAY) - Math.floor(random() * DAY));
    const subject = `${pick(SUBJECTS).replace('Store A', store.name)}${c >= SUBJECTS.length ? ` #${Math.floor(c / SUBJECTS.length) + 1}` : ''}`;
    const [mailingId] = create(env, 'mailing.mailing', [{ ...base, subject, preview: subject, body_html: body(subject), body_arch: body(subject), x_markket_campaign_id: `camp_${opaqueId()}`, x_sendgrid_template_id: `d-${opaqueId(32)}` }]);
    const mailing = env.browse('mailing.mailing', mailingId as number) as Rec;
    const sent = formatDatetime(sentAt);
    env.store('mailing.mailing').update(mailing, { state: 'done', sent_date: sent, kpi_mail_required: true, create_date: sent, write_date: sent });
    const tracker = create(env, 'link.tracker', [{ url: site, code: opaqueId(5), title: store.name, label: 'Shop now', mass_mailing_id: mailing.id, source_id: mailing.source_id ?? false, medium_id: mailing.medium_id ?? false }])[0] as number;
    const openRate = 0.35 + random() * 0.1;
    const clickRate = 0.08 + random() * 0.04;
    // Nobody is sent a campaign from before they joined, nor one after they left.
    const audience = readers.filter((r) => r.joinedAt <= sentAt.getTime() && r.received < r.leaveAfter);
    const sample = audience.length > MAX_TRACES_PER_CAMPAIGN ? audience.slice(0, MAX_TRACES_PER_CAMPAIGN) : audience;
    for (const reader of sample) {
      const { contact } = reader;
      reader.received += 1;
      const softBounce = random() < 0.0003;
      const dead = sentAt.getTime() >= reader.deadFrom;
      const bounced = dead || softBounce;
      reader.last = { mailing, sentAt: sentAt.getTime(), bounced };
      const willOpen = !bounced && random() < openRate;
      const willClick = willOpen && random() < clickRate / openRate;
      const willReply = willOpen && random() < 0.01;
      const at = (hours: number): string => formatDatetime(new Date(sentAt.getTime() + hours * HOUR));
      const msgId = `<${Math.floor(random() * 1e15).toString().padStart(15, '0')}.${(sentAt.getTime() / 1000).toFixed(15)}-openerp-reply_to@markket-odoo-peer>`;
      // People open within hours, fewer each hour after (most on the first day); a click follows its
      // open. What would happen after "now" has not happened yet: the newest campaign is still collecting.
      const openedAfter = willOpen ? Math.min(72, 0.2 + -Math.log(1 - random()) * 9) : 0;
      const clickedAfter = willClick ? openedAfter + 0.02 + random() * 2 : 0;
      const happened = (hours: number) => sentAt.getTime() + hours * HOUR <= now;
      const opened = willOpen && happened(openedAfter);
      const clicked = willClick && happened(clickedAfter);
      const replied = willReply && happened(80);
      const reason = bounced ? (dead ? HARD_BOUNCES[contact.id % HARD_BOUNCES.length]?.replace('{email}', contact.email_normalized as string) : pick(SOFT_BOUNCES)) ?? null : null;
      const trace = traces.insert({
        id: traces.nextId,
        trace_type: 'mail',
        trace_status: bounced ? 'bounce' : replied ? 'reply' : opened ? 'open' : 'sent',
        failure_type: bounced ? 'mail_bounce' : null,
        failure_reason: reason,
        email: contact.email_normalized as string,
        message_id: msgId,
        model: 'mailing.contact',
        res_id: contact.id,
        mass_mailing_id: mailing.id,
        mail_mail_id: null,
        mail_mail_id_int: traces.nextId,
        sent_datetime: sent,
        open_datetime: opened ? at(openedAfter) : null,
        reply_datetime: replied ? at(80) : null,
        links_click_datetime: clicked ? at(clickedAfter) : null,
        create_date: sent,
        write_date: sent,
        create_uid: env.uid,
        write_uid: env.uid,
      });
      // mail.thread's bounce handling counts every bounce on the contact (message_bounce).
      if (bounced) contacts.update(contact, { message_bounce: ((contact.message_bounce as number | null) ?? 0) + 1 });
      if (clicked) env.store('link.tracker.click').insert({ id: env.store('link.tracker.click').nextId, link_id: tracker, mailing_trace_id: trace.id, mass_mailing_id: mailing.id, ip: false, create_date: trace.links_click_datetime ?? sent, write_date: sent, create_uid: env.uid, write_uid: env.uid });
    }
  }
  optOut(env, seed, readers, now);
  for (let d = 0; d < 3; d++) {
    const subject = ['Draft: winter clearance', 'Draft: loyalty program launch', 'Draft: new store opening'][d] as string;
    create(env, 'mailing.mailing', [{ ...base, subject, body_html: body(subject), body_arch: body(subject), x_markket_campaign_id: `camp_${opaqueId()}`, x_sendgrid_template_id: `d-${opaqueId(32)}` }]);
  }
  const scheduledSubject = 'Weekend preview: new collection';
  create(env, 'mailing.mailing', [
    { ...base, subject: scheduledSubject, body_html: body(scheduledSubject), body_arch: body(scheduledSubject), schedule_type: 'scheduled', schedule_date: formatDatetime(new Date(now + 3 * DAY)), state: 'in_queue', x_markket_campaign_id: `camp_${opaqueId()}`, x_sendgrid_template_id: `d-${opaqueId(32)}` },
  ]);
}

/**
 * Opt-outs as Odoo records them. Someone who was sent a campaign left through its unsubscribe link,
 * a few hours after it arrived: the link's own code (unsubscribeFromMailing, as the public user), so
 * the subscription's opt_out_datetime and write_uid are what that route leaves and the campaign's
 * statistics count the unsubscribe. Someone who left before any campaign reached them (or whose
 * last mail bounced) asked the store, and the store's user opted them out in Odoo's back office.
 */
function optOut(env: Env, seed: CampaignSeed, readers: Reader[], now: number): void {
  for (const reader of readers) {
    if (!reader.leaves) continue;
    const last = reader.last;
    const at = last ? new Date(Math.min(now, last.sentAt + (1 + seed.random() * 47) * HOUR)) : new Date(reader.joinedAt + seed.random() * Math.max(0, now - reader.joinedAt));
    // A mail that bounced has no link to follow.
    if (last && !last.bounced) {
      const email = reader.contact.email_normalized as string;
      asOf(env, at, () => unsubscribeFromMailing(env.db, last.mailing, email));
      const said = reasonGiven(reader.contact.id);
      if (said) {
        // The page's reason form, sent a minute later, as the page sends it (with the link's credentials).
        const params = { mailing_id: last.mailing.id, document_id: reader.contact.id, email, hash_token: recipientToken(env, last.mailing.id, reader.contact.id, email), last_action: 'subscription_updated', ...said };
        asOf(env, new Date(at.getTime() + 60_000), () => mailingFeedback(env.db, params));
      }
    } else leaveByHand(env, seed.names, reader.subscriptionId, at);
  }
}

/** What people write under "Other" on the unsubscribe page. */
const FEEDBACK = ['I moved abroad and cannot order any more.', 'I already get your offers by text message.', 'Please send less often, once a month would be fine.'];

/**
 * The reason a leaver picks on the unsubscribe page, if any (ids of Odoo's four default reasons:
 * never subscribed, too many emails, not relevant, other with a comment). Drawn from the contact id,
 * not the seed's stream, so adding reasons moved none of the seed's other draws. About a third
 * leave without giving one, as many do.
 */
function reasonGiven(contactId: number): { opt_out_reason_id: number; feedback?: string } | null {
  const roll = Math.imul(contactId, 2654435761) >>> 0;
  const bucket = roll % 100;
  if (bucket < 35) return null;
  if (bucket < 65) return { opt_out_reason_id: 2 };
  if (bucket < 85) return { opt_out_reason_id: 3 };
  if (bucket < 93) return { opt_out_reason_id: 1 };
  return { opt_out_reason_id: 4, feedback: FEEDBACK[(roll >>> 8) % FEEDBACK.length] as string };
}

/** The store's user unchecks the subscription in Odoo's back office (the list's contacts tab). */
export function leaveByHand(env: Env, names: ModelNames, subscriptionId: number, at: Date): void {
  asOf(env, at, () => write(env, names.subscription, [subscriptionId], { opt_out: true }));
}
