import type { ServerResponse } from 'node:http';
import { Env, type Database } from '../orm/env';
import { unsubscribeFromMailing, validToken } from '../models/unsubscribe';
import { mailingFeedback } from '../models/feedback';
import { send, sendJson } from './responses';

const page = (title: string, text: string): string => `<!doctype html>\n<html lang=en>\n<title>${title}</title>\n<p>${text}</p>\n`;

/**
 * The recipient's unsubscribe link and the List-Unsubscribe one-click POST
 * (mass_mailing/controllers/main.py: /mailing/<id>/unsubscribe, /mailing/<id>/unsubscribe_oneclick).
 * A hash token needs the mailing, the document and the email (BadRequest otherwise); a wrong token
 * or an unknown mailing is Unauthorized, so ids do not leak.
 */
export function unsubscribeRoutes(db: Database, method: string, url: URL, res: ServerResponse): boolean {
  const match = /^\/mailing\/(\d+)\/(unsubscribe|unsubscribe_oneclick)$/.exec(url.pathname);
  if (!match) return false;
  const oneClick = match[2] === 'unsubscribe_oneclick';
  if (oneClick !== (method === 'POST')) return false;
  const mailingId = Number(match[1]);
  const documentId = Number(url.searchParams.get('document_id') ?? '');
  const email = url.searchParams.get('email') ?? '';
  const token = url.searchParams.get('hash_token') ?? '';
  if (!token || !email || !Number.isInteger(documentId) || documentId <= 0) {
    send(res, 400, 'text/html; charset=utf-8', page('400 Bad Request', 'The browser (or proxy) sent a request that this server could not understand.'));
    return true;
  }
  const mailing = db.store('mailing.mailing').records.get(mailingId);
  if (!mailing || !validToken(new Env(db, 1), mailingId, documentId, email, token)) {
    send(res, 401, 'text/html; charset=utf-8', page('401 Unauthorized', 'The server could not verify that you are authorized to access the URL requested.'));
    return true;
  }
  const done = unsubscribeFromMailing(db, mailing, email);
  if (oneClick) send(res, 200, 'text/html; charset=utf-8', '');
  else send(res, 200, 'text/html; charset=utf-8', page('Unsubscribe', done === 'blocklist_add' ? 'You are no longer part of our services and will not be contacted again.' : 'You are no longer part of our mailing list(s).'));
  return true;
}

/**
 * The unsubscribe page's reason form (mass_mailing/controllers/main.py mailing_send_feedback,
 * /mailing/feedback, a JSON route): the JSON-RPC envelope's params are the controller's arguments,
 * and its answer (true, 'error' or 'unauthorized') is the envelope's result.
 */
export function feedbackRoute(db: Database, path: string, raw: string, res: ServerResponse): boolean {
  if (path !== '/mailing/feedback') return false;
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    send(res, 400, 'text/html; charset=utf-8', 'Invalid JSON data');
    return true;
  }
  const envelope = typeof body === 'object' && body !== null ? (body as { id?: unknown; params?: unknown }) : {};
  const params = typeof envelope.params === 'object' && envelope.params !== null ? envelope.params : {};
  sendJson(res, 200, { jsonrpc: '2.0', id: envelope.id ?? null, result: mailingFeedback(db, params) });
  return true;
}
