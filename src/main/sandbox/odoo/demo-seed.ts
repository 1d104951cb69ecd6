import { MAIL_QUEUE_CRON_ID } from './registry';
import { create } from './orm/crud';
import type { Env } from './orm/env';
import { leaveByHand, seedCampaigns, type Member } from './demo-campaigns';
import { formatDatetime } from './orm/values';
import { irModelId } from './models/mailing';
import type { ModelNames } from './models/names';

const FIRST = ['Emma', 'Liam', 'Olivia', 'Noah', 'Ava', 'Elijah', 'Sophia', 'Lucas', 'Mia', 'Mateo', 'Amelia', 'Levi', 'Harper', 'Ethan', 'Chloé', 'Hugo', 'Léa', 'Jonas', 'Marta', 'Kenji', 'Aiko', 'Priya', 'Arjun', 'Fatima', 'Omar', 'Zoe', 'Nina', 'Tomás', 'Inès', 'Sven', 'Freya', 'Diego', 'Lucía', 'Chen', 'Mei', 'Kwame', 'Amara', 'Yusuf', 'Elif', 'Noor'];
const LAST = ['Smith', 'Johnson', 'Garcia', 'Martinez', 'Dubois', 'Peeters', 'Janssens', 'Müller', 'Schmidt', 'Rossi', 'Bianchi', 'Novak', 'Kowalski', 'Tanaka', 'Sato', 'Kim', 'Patel', 'Singh', 'Okafor', 'Mensah', 'Haddad', 'Yilmaz', "O'Brien", 'Nguyen', 'Silva', 'Santos', 'Larsen', 'Berg', 'Moreau', 'Lefèvre'];
const DOMAINS = ['example.com', 'mail.example.org', 'inbox.example.net', 'shop.example.com', 'example.be'];
const TAGS = ['newsletter', 'buyer', 'vip', 'repeat-buyer', 'wholesale', 'early-access'];

export interface DemoSeedOptions {
  contactCount: number;
  random: () => number;
  store: { id: string; name: string };
  /** A second store with a tenth of the contacts and 8 campaigns. */
  secondStore?: { id: string; name: string };
}

const DAY = 86_400_000;

function opaqueId(random: () => number, length = 16): string {
  const chars = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from({ length }, () => chars[Math.floor(random() * chars.length)]).join('');
}

function normalizeAscii(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-zA-Z]/g, '').toLowerCase();
}

/**
 * The demo workspace: a store list ("Store A - Newsletter") with realistic contacts who joined over
 * the past two years, tags, opt-outs and blacklisted addresses; ~45 sent campaigns over the past
 * year, each to those subscribed at the time (demo-campaigns.ts), with the opt-outs they caused
 * (and, with `secondStore`, a smaller store beside it, its own tags, list and campaigns); drafts
 * and one scheduled mailing. Deterministic: every draw comes from the seeded `random`.
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
  const members: Member[] = [];
  for (let i = 0; i < contactCount; i++) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const email = `${normalizeAscii(first)}.${normalizeAscii(last)}${i + 1}@${pick(DOMAINS)}`;
    const joinedAt = now.getTime() - Math.floor(random() * 730) * DAY;
    const joined = stamp(new Date(joinedAt));
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
    // Whether they leave is drawn here; when and how depends on what they were sent (seedCampaigns).
    const leaves = random() < 0.03;
    const subscription = subs.insert({ id: subs.nextId, contact_id: contact.id, list_id: listId as number, opt_out: false, opt_out_datetime: null, opt_out_reason_id: null, create_date: joined, write_date: joined, create_uid: env.uid, write_uid: env.uid });
    if (random() < 0.01) {
      blacklist.insert({ id: blacklist.nextId, email, active: true, create_date: joined, write_date: joined, create_uid: env.uid, write_uid: env.uid });
      // A blocked address is never mailed, so one who also left asked the store.
      if (leaves) leaveByHand(env, names, subscription.id, new Date(Math.min(now.getTime(), joinedAt + DAY)));
    } else members.push({ contact, subscriptionId: subscription.id, joinedAt, leaves });
  }
  seedCampaigns(env, { random, pick, store, count: campaignCount, listId: listId as number, names, opaqueId: (length) => opaqueId(random, length) }, members);
}
