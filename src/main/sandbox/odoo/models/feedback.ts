import { create, search, write } from '../orm/crud';
import { Env } from '../orm/env';
import { formatDatetime } from '../orm/values';
import { modelNames } from './names';
import { realModel } from './mailing';
import { subscriptionsOfContact } from './audience';
import { PUBLIC_UID, validToken } from './unsubscribe';

/** What the unsubscribe page posts after an opt-out (its reason form). */
export interface FeedbackParams {
  mailing_id?: unknown;
  document_id?: unknown;
  email?: unknown;
  hash_token?: unknown;
  last_action?: unknown;
  opt_out_reason_id?: unknown;
  feedback?: unknown;
}

/** Only the opt-outs of the last ten minutes take the reason: the ones the page just made. */
const RECENT_MS = 10 * 60_000;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * mass_mailing/controllers/main.py mailing_send_feedback (route /mailing/feedback, type json, auth
 * public), as the public user a recipient's link runs as. The link's credentials are checked as
 * _check_mailing_email_token does with required_mailing_id=False: no token, or a token without the
 * mailing, the email or the document, is BadRequest ('error'); an unknown mailing or a wrong token
 * is 'unauthorized'. Without opt_out_reason_id it answers 'error'. After a blocklisting the reason
 * goes on the mail.blacklist entry; after an opt-out from lists (or with no last action, for a
 * mailing on lists) it goes on every subscription of the address's contacts opted out in the last
 * ten minutes, and any feedback text is posted on those contacts as "Feedback from <email>".
 */
export function mailingFeedback(db: Env['db'], params: FeedbackParams): true | 'error' | 'unauthorized' {
  const env = new Env(db, PUBLIC_UID, { active_test: false });
  const token = typeof params.hash_token === 'string' ? params.hash_token : '';
  const email = typeof params.email === 'string' ? params.email : '';
  const mailingId = Number(params.mailing_id ?? 0);
  const documentId = Number(params.document_id ?? 0);
  if (!token || !params.mailing_id || !email || !params.document_id) return 'error';
  const mailing = Number.isInteger(mailingId) ? db.store('mailing.mailing').records.get(mailingId) : undefined;
  if (!mailing || !validToken(env, mailingId, documentId, email, token)) return 'unauthorized';
  const reasonId = Number(params.opt_out_reason_id);
  if (!params.opt_out_reason_id || !Number.isInteger(reasonId)) return 'error';
  const feedback = typeof params.feedback === 'string' ? params.feedback.trim() : '';
  const normalized = email.trim().toLowerCase();
  const lastAction = typeof params.last_action === 'string' ? params.last_action : null;

  if (lastAction === 'blocklist_add') {
    const entries = search(env, 'mail.blacklist', [['email', '=', normalized]]);
    if (entries.length) write(env, 'mail.blacklist', entries, { opt_out_reason_id: reasonId });
  }
  // The message names the address as the page gave it (a public visitor is known by it alone).
  const message = feedback ? `<p>Feedback from ${escapeHtml(email)}<br>${escapeHtml(feedback)}</p>` : '';
  const post = (model: string, ids: number[]) => {
    if (message && ids.length) create(env, 'mail.message', ids.map((id) => ({ model, res_id: id, body: message, message_type: 'comment', date: formatDatetime(db.services.now()) })));
  };
  const model = realModel(env, mailing);
  if (lastAction === 'subscription_updated' || lastAction === 'subscription_updated_optout' || (!lastAction && model === 'mailing.contact')) {
    const names = modelNames(db.services.version);
    const contacts = search(env, 'mailing.contact', [['email_normalized', '=', normalized]]);
    const since = formatDatetime(new Date(db.services.now().getTime() - RECENT_MS));
    const recent = contacts.flatMap((id) => subscriptionsOfContact(env, names, id)).filter((s) => s.opt_out === true && typeof s.opt_out_datetime === 'string' && s.opt_out_datetime >= since);
    if (recent.length) write(env, names.subscription, recent.map((s) => s.id), { opt_out_reason_id: reasonId });
    post('mailing.contact', contacts);
  } else if (message) {
    // Feedback from a mailing with no more context: logged on the document the mail went to.
    post(model, search(env, model, [['id', '=', documentId]]));
  }
  return true;
}
