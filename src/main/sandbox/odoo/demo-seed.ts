import { MAIL_QUEUE_CRON_ID } from './registry';
import { create } from './orm/crud';
import type { Env } from './orm/env';
import type { Rec } from './orm/types';
import { formatDatetime } from './orm/values';
import { irModelId } from './models/mailing';
import type { ModelNames } from './models/names';

const FIRST = ['Emma', 'Liam', 'Olivia', 'Noah', 'Ava', 'Elijah', 'Sophia', 'Lucas', 'Mia', 'Mateo', 'Amelia', 'Levi', 'Harper', 'Ethan', 'Chloé', 'Hugo', 'Léa', 'Jonas', 'Marta', 'Kenji', 'Aiko', 'Priya', 'Arjun', 'Fatima', 'Omar', 'Zoe', 'Nina', 'Tomás', 'Inès', 'Sven', 'Freya', 'Diego', 'Lucía', 'Chen', 'Mei', 'Kwame', 'Amara', 'Yusuf', 'Elif', 'Noor'];
const LAST = ['Smith', 'Johnson', 'Garcia', 'Martinez', 'Dubois', 'Peeters', 'Janssens', 'Müller', 'Schmidt', 'Rossi', 'Bianchi', 'Novak', 'Kowalski', 'Tanaka', 'Sato', 'Kim', 'Patel', 'Singh', 'Okafor', 'Mensah', 'Haddad', 'Yilmaz', "O'Brien", 'Nguyen', 'Silva', 'Santos', 'Larsen', 'Berg', 'Moreau', 'Lefèvre'];
const DOMAINS = ['example.com', 'mail.example.org', 'inbox.example.net', 'shop.example.com', 'example.be'];
const TAGS = ['newsletter', 'buyer', 'vip', 'repeat-buyer', 'wholesale', 'early-access'];
const SUBJECTS = ['New arrivals this week', 'Spring sale: up to 30% off', 'Back in stock', 'Our summer lookbook', 'Members-only preview', 'Free shipping weekend', 'Behind the scenes at Store A', 'Last chance: sale ends tonight', 'Gift ideas for everyone', 'Thank you for being a customer', 'Autumn collection is here', 'Your monthly newsletter', 'Flash sale: 24 hours only', 'Meet our makers', 'Holiday opening hours'];

export interface DemoSeedOptions {
  contactCount: number;
  random: () => number;
  store: { id: string; name: string };
  /** A second store with a tenth of the contacts and 8 campaigns. */
  secondStore?: { id: string; name: string };
}

const DAY = 86_400_000;
/** Traces per campaign: every recipient for the demo size, a bounded sample for benchmark sizes. */
const MAX_TRACES_PER_CAMPAIGN = 2_000;

function opaqueId(random: () => number, length = 16): string {
  const chars = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from({ length }, () => chars[Math.floor(random() * chars.length)]).join('');
}

function normalizeAscii(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-zA-Z]/g, '').toLowerCase();
}

/**
 * The demo workspace: a store list ("Store A - Newsletter") with realistic contacts, tags,
 * opt-outs and blacklisted addresses; ~45 sent campaigns over the past year with traces
 * (and, with `secondStore`, a smaller store beside it, its own tags, list and campaigns)
 * (opens ~40 %, clicks ~10 %, a few bounces); drafts and one scheduled mailing. Deterministic.
 */
export function seedDemo(env: Env, names: ModelNames, options: DemoSeedOptions): void {
  const listModel = irModelId(env, 'mailing.list');
  const contactModel = irModelId(env, 'mailing.contact');
  const mailingModelId = irModelId(env, 'mailing.mailing');
  for (const [modelId, name, label] of [
    [listModel, 'x_markket_store_id', 'Markket Store ID'],
    [contactModel, 'x_markket_subscriber_id', 'Markket Subscriber ID'],
    [contactModel, 'x_markket_store_id', 'Markket Store ID'],
    [mailingModelId, 'x_markket_campaign_id', 'Markket Campaign ID'],
    [mailingModelId, 'x_sendgrid_template_id', 'SendGrid Template ID'],
    // What the setup's "Isolate stores" step adds: a mailing's and a tag's store.
    [mailingModelId, 'x_markket_store_id', 'Markket Store ID'],
    [irModelId(env, 'res.partner.category'), 'x_markket_store_id', 'Markket Store ID'],
  ] as const) {
    create(env, 'ir.model.fields', [{ name, field_description: label, ttype: 'char', model_id: modelId, state: 'manual', index: true, copied: name !== 'x_markket_campaign_id' }]);
  }
  // The demo's administrator runs Odoo's email queue every minute instead of every hour (Settings →
  // Technical → Scheduled Actions), so a big demo send shows its batches without an hour's wait.
  const mailQueue = env.store('ir.cron').records.get(MAIL_QUEUE_CRON_ID);
  if (mailQueue) env.store('ir.cron').update(mailQueue, { interval_number: 1, interval_type: 'minutes' });
  seedStore(env, names, options, options.store, options.contactCount, 45);
  // A second, smaller store on the same Odoo, so store isolation has something to keep apart.
  if (options.secondStore) seedStore(env, names, options, options.secondStore, Math.max(20, Math.round(options.contactCount / 10)), 8);
}

function seedStore(env: Env, names: ModelNames, options: DemoSeedOptions, store: { id: string; name: string }, contactCount: number, campaignCount: number): void {
  const { random } = options;
  const now = env.services.now();
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const tagIds = create(env, 'res.partner.category', TAGS.map((name, i) => ({ name, color: i + 1, x_markket_store_id: store.id })));
  const [listId] = create(env, 'mailing.list', [{ name: `${store.name} - Newsletter`, is_public: true, x_markket_store_id: store.id }]);
  const contacts = env.store('mailing.contact');
  const subs = env.store(names.subscription);
  const blacklist = env.store('mail.blacklist');
  const stamp = (date: Date): string => formatDatetime(date);
  const recipients: Rec[] = [];
  for (let i = 0; i < contactCount; i++) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const email = `${normalizeAscii(first)}.${normalizeAscii(last)}${i + 1}@${pick(DOMAINS)}`;
    const joined = stamp(new Date(now.getTime() - Math.floor(random() * 730) * DAY));
    const tags = TAGS.map((_, t) => tagIds[t] as number).filter((_, t) => random() < (t === 0 ? 0.9 : t === 1 ? 0.55 : 0.12));
    const contact = contacts.insert({
      id: contacts.nextId,
      name: `${first} ${last}`,
      email,
      email_normalized: email,
      tag_ids: tags,
      message_bounce: 0,
      x_markket_subscriber_id: `sub_${opaqueId(random)}`,
      x_markket_store_id: store.id,
      create_date: joined,
      write_date: joined,
      create_uid: env.uid,
      write_uid: env.uid,
    });
    const optedOut = random() < 0.03;
    subs.insert({ id: subs.nextId, contact_id: contact.id, list_id: listId as number, opt_out: optedOut, opt_out_datetime: optedOut ? joined : null, opt_out_reason_id: optedOut ? 3 : null, create_date: joined, write_date: joined, create_uid: env.uid, write_uid: env.uid });
    if (random() < 0.01) blacklist.insert({ id: blacklist.nextId, email, active: true, create_date: joined, write_date: joined, create_uid: env.uid, write_uid: env.uid });
    else if (!optedOut) recipients.push(contact);
  }
  seedCampaigns(env, options, store, campaignCount, listId as number, recipients, pick);
}

function seedCampaigns(env: Env, options: DemoSeedOptions, store: { id: string; name: string }, count: number, listId: number, recipients: Rec[], pick: <T>(items: readonly T[]) => T): void {
  const site = `https://${store.id.replace(/^demo-/, '')}.example.com/collections/new?from=newsletter`;
  const { random } = options;
  const now = env.services.now().getTime();
  const traces = env.store('mailing.trace');
  const body = (subject: string) =>
    `<div style="font-family:Arial,sans-serif;font-size:14px"><p>Hello <t t-out="object.name or ''">customer</t>,</p><p>${subject}. <a href="${site}">Shop now</a></p></div>`;
  const base = { mailing_model_id: irModelId(env, 'mailing.list'), contact_list_ids: [[6, 0, [listId]]], x_markket_store_id: store.id };
  for (let c = 0; c < count; c++) {
    const sentAt = new Date(now - Math.floor(((count - c) / count) * 360 * DAY) - Math.floor(random() * DAY));
    const subject = `${pick(SUBJECTS).replace('Store A', store.name)}${c >= SUBJECTS.length ? ` #${Math.floor(c / SUBJECTS.length) + 1}` : ''}`;
    const [mailingId] = create(env, 'mailing.mailing', [{ ...base, subject, preview: subject, body_html: body(subject), body_arch: body(subject), x_markket_campaign_id: `camp_${opaqueId(random)}`, x_sendgrid_template_id: `d-${opaqueId(random, 32)}` }]);
    const mailing = env.browse('mailing.mailing', mailingId as number) as Rec;
    const sent = formatDatetime(sentAt);
    env.store('mailing.mailing').update(mailing, { state: 'done', sent_date: sent, kpi_mail_required: true, create_date: sent, write_date: sent });
    const tracker = create(env, 'link.tracker', [{ url: site, code: opaqueId(random, 5), title: store.name, label: 'Shop now', mass_mailing_id: mailing.id, source_id: mailing.source_id ?? false, medium_id: mailing.medium_id ?? false }])[0] as number;
    const openRate = 0.35 + random() * 0.1;
    const clickRate = 0.08 + random() * 0.04;
    const sample = recipients.length > MAX_TRACES_PER_CAMPAIGN ? recipients.slice(0, MAX_TRACES_PER_CAMPAIGN) : recipients;
    for (const contact of sample) {
      const roll = random();
      const bounced = roll < 0.012;
      const willOpen = !bounced && random() < openRate;
      const willClick = willOpen && random() < clickRate / openRate;
      const willReply = willOpen && random() < 0.01;
      const at = (hours: number): string => formatDatetime(new Date(sentAt.getTime() + hours * 3_600_000));
      const msgId = `<${Math.floor(random() * 1e15).toString().padStart(15, '0')}.${(sentAt.getTime() / 1000).toFixed(15)}-openerp-reply_to@markket-odoo-peer>`;
      // People open within hours, fewer each hour after (most on the first day); a click follows its
      // open. What would happen after "now" has not happened yet: the newest campaign is still collecting.
      const openedAfter = willOpen ? Math.min(72, 0.2 + -Math.log(1 - random()) * 9) : 0;
      const clickedAfter = willClick ? openedAfter + 0.02 + random() * 2 : 0;
      const happened = (hours: number) => sentAt.getTime() + hours * 3_600_000 <= now;
      const opened = willOpen && happened(openedAfter);
      const clicked = willClick && happened(clickedAfter);
      const replied = willReply && happened(80);
      const trace = traces.insert({
        id: traces.nextId,
        trace_type: 'mail',
        trace_status: bounced ? 'bounce' : replied ? 'reply' : opened ? 'open' : 'sent',
        failure_type: bounced ? 'mail_bounce' : null,
        failure_reason: bounced ? '550 5.1.1 The email account that you tried to reach does not exist' : null,
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
      if (clicked) env.store('link.tracker.click').insert({ id: env.store('link.tracker.click').nextId, link_id: tracker, mailing_trace_id: trace.id, mass_mailing_id: mailing.id, ip: false, create_date: trace.links_click_datetime ?? sent, write_date: sent, create_uid: env.uid, write_uid: env.uid });
    }
  }
  for (let d = 0; d < 3; d++) {
    const subject = ['Draft: winter clearance', 'Draft: loyalty program launch', 'Draft: new store opening'][d] as string;
    create(env, 'mailing.mailing', [{ ...base, subject, body_html: body(subject), body_arch: body(subject), x_markket_campaign_id: `camp_${opaqueId(random)}`, x_sendgrid_template_id: `d-${opaqueId(random, 32)}` }]);
  }
  const scheduledSubject = 'Weekend preview: new collection';
  create(env, 'mailing.mailing', [
    { ...base, subject: scheduledSubject, body_html: body(scheduledSubject), body_arch: body(scheduledSubject), schedule_type: 'scheduled', schedule_date: formatDatetime(new Date(now + 3 * DAY)), state: 'in_queue', x_markket_campaign_id: `camp_${opaqueId(random)}`, x_sendgrid_template_id: `d-${opaqueId(random, 32)}` },
  ]);
}
