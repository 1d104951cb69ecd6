import { createHmac, timingSafeEqual } from 'node:crypto';
import { create, search, write } from '../orm/crud';
import { Env } from '../orm/env';
import type { Rec } from '../orm/types';
import { modelNames } from './names';
import { realModel } from './mailing';
import { subscriptionsOfContact } from './audience';

/** base.public_user: who Odoo's auth='public' routes run as when a recipient follows a link. */
export const PUBLIC_UID = 4;

/**
 * mailing.mailing._generate_mailing_recipient_token: an HMAC of (mailing, document, email) under the
 * database secret (tools.hmac, scope 'mass_mailing-mailing_mailing-unsubscribe').
 */
export function recipientToken(env: Env, mailingId: number, documentId: number, email: string): string {
  return createHmac('sha256', `markket-odoo-peer:${env.db.name}`).update(`mass_mailing-mailing_mailing-unsubscribe:${mailingId}:${documentId}:${email}`).digest('hex');
}

/**
 * mailing.mailing._get_unsubscribe_url (and its one-click twin for the List-Unsubscribe header):
 * the link Odoo puts in place of '/unsubscribe_from_list' in each recipient's body.
 */
export function unsubscribeUrl(env: Env, mailingId: number, documentId: number, email: string, oneClick = false): string {
  const params = new URLSearchParams({ document_id: String(documentId), email, hash_token: recipientToken(env, mailingId, documentId, email) });
  return `${env.services.baseUrl()}/mailing/${mailingId}/${oneClick ? 'unsubscribe_oneclick' : 'unsubscribe'}?${params.toString()}`;
}

export function validToken(env: Env, mailingId: number, documentId: number, email: string, token: string): boolean {
  const expected = Buffer.from(recipientToken(env, mailingId, documentId, email));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * What the unsubscribe link does (mass_mailing/controllers/main.py mailing_unsubscribe): for a
 * mailing on lists, mailing.list._update_subscription_from_email(email, opt_out=True) on the
 * mailing's lists: every opted-in subscription of a contact with that address is switched to opted
 * out. The route runs as the public user with sudo(), which keeps the uid, so the subscriptions'
 * write_uid is the public user. A mailing on other records blocklists the address instead.
 */
export function unsubscribeFromMailing(db: Env['db'], mailing: Rec, email: string): 'subscription_updated' | 'blocklist_add' {
  const env = new Env(db, PUBLIC_UID, { active_test: false });
  const names = modelNames(db.services.version);
  const normalized = email.trim().toLowerCase();
  if (realModel(env, mailing) !== 'mailing.contact') {
    const existing = search(env, 'mail.blacklist', [['email', '=', normalized]]);
    if (existing.length) write(env, 'mail.blacklist', existing, { active: true });
    else create(env, 'mail.blacklist', [{ email: normalized }]);
    return 'blocklist_add';
  }
  const listIds = (mailing.contact_list_ids as number[] | undefined) ?? [];
  const contacts = search(env, 'mailing.contact', [['email_normalized', '=', normalized]]);
  const optedIn = contacts.flatMap((id) => subscriptionsOfContact(env, names, id)).filter((s) => s.opt_out !== true && listIds.includes(s.list_id as number));
  if (optedIn.length) write(env, names.subscription, optedIn.map((s) => s.id), { opt_out: true });
  return 'subscription_updated';
}
