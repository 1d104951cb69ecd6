import { createHmac } from 'node:crypto';
import { create, write } from './orm/crud';
import type { Env } from './orm/env';
import type { Rec } from './orm/types';
import { formatDatetime } from './orm/values';
import { ensureLinkTracker } from './models/tracking-links';

/**
 * The database.secret system parameter, made the way Odoo's ir.config_parameter.init makes it at
 * install (a UUID) when the data predates it. Only an administrator may read it, as in Odoo.
 */
export function databaseSecret(env: Env): string {
  const store = env.store('ir.config_parameter');
  const [id] = store.lookup('key', 'database.secret') ?? [];
  const current = id === undefined ? undefined : store.records.get(id);
  if (current && typeof current.value === 'string') return current.value;
  const hex = Array.from({ length: 32 }, () => Math.floor(env.services.random() * 16).toString(16)).join('');
  const value = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  create(env, 'ir.config_parameter', [{ key: 'database.secret', value }]);
  env.services.changed();
  return value;
}

/**
 * The token of the open pixel /mail/track/<mail id>/<token>/blank.gif (odoo18-wire/120, 123):
 * mail.mail._generate_mail_recipient_token, tools.hmac(env, 'mass_mailing-mail_mail-open', mail_id),
 * which signs Python's repr of (scope, message) with database.secret. A mail client only ever loads
 * it from the mail; an administrator who can read the secret can make it as Odoo does.
 */
export function trackingToken(env: Env, mailId: number): string {
  return createHmac('sha256', databaseSecret(env)).update(`('mass_mailing-mail_mail-open', ${mailId})`).digest('hex');
}

function trace(env: Env, traceId: number): Rec {
  const rec = env.browse('mailing.trace', traceId);
  if (!rec) throw new Error(`mailing.trace ${traceId} does not exist`);
  return rec;
}

const keepReply = (rec: Rec): string => (rec.trace_status === 'reply' ? 'reply' : 'open');

/** What Odoo records when a recipient opens, clicks, replies or bounces (odoo18-wire/120-126). */
export function markOpened(env: Env, traceId: number, at: Date): void {
  const rec = trace(env, traceId);
  if (!['sent', 'open', 'reply', 'outgoing', 'pending'].includes(String(rec.trace_status))) return;
  write(env, 'mailing.trace', [traceId], { trace_status: keepReply(rec), open_datetime: rec.open_datetime ?? formatDatetime(at) });
}

export function markClicked(env: Env, traceId: number, url: string, at: Date, ip: string | false = false): void {
  const rec = trace(env, traceId);
  const mailing = env.browse('mailing.mailing', rec.mass_mailing_id as number);
  if (mailing) {
    const tracker = ensureLinkTracker(env, mailing, url, null);
    create(env, 'link.tracker.click', [{ link_id: tracker.id, mailing_trace_id: traceId, mass_mailing_id: mailing.id, ip }]);
  }
  const when = formatDatetime(at);
  // A click also counts as an open, pixel or not (odoo18-wire/122).
  write(env, 'mailing.trace', [traceId], { trace_status: keepReply(rec), open_datetime: rec.open_datetime ?? when, links_click_datetime: when });
}

export function markReplied(env: Env, traceId: number, at: Date): void {
  const rec = trace(env, traceId);
  const when = formatDatetime(at);
  write(env, 'mailing.trace', [traceId], { trace_status: 'reply', reply_datetime: when, open_datetime: rec.open_datetime ?? when });
}

export function markBounced(env: Env, traceId: number, reason: string): void {
  const rec = trace(env, traceId);
  write(env, 'mailing.trace', [traceId], { trace_status: 'bounce', failure_type: 'mail_bounce', failure_reason: reason });
  // A real bounce reaches the contact through the mail gateway: message_bounce counts it.
  if (rec.model === 'mailing.contact') {
    const contact = env.browse('mailing.contact', rec.res_id as number);
    if (contact) env.store('mailing.contact').update(contact, { message_bounce: ((contact.message_bounce as number) ?? 0) + 1 });
  }
}
