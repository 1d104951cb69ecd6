import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest, notFound, OdooError, serializeError, unauthorized } from '../errors';
import type { PeerCall } from '../types';
import { documentModel } from './api-doc';
import { pythonJsonDecodeError } from './python-json-decode';
import { callJson2, toJson2Result } from './dispatch';
import type { HttpDeps } from './http-deps';
import { cookie, send, sendJson, toOdooError } from './responses';
import { NO_DATABASE_PAGE, UNSUPPORTED_MEDIA_PAGE } from './werkzeug-pages';

/** JSON-2's error body: the serialized exception without the JSON-RPC envelope. */
export function json2Error(error: OdooError): Record<string, unknown> {
  const data = serializeError(error);
  return { name: data.name, message: data.message, arguments: data.arguments, context: data.context, debug: data.debug };
}

/**
 * Who a JSON-2 call runs as, in the order of Odoo 19's ir.http _auth_method_bearer: a bearer key
 * (wrong: "Invalid apikey", 012); else no session user at all (011, and 013's Basic credentials,
 * which are no bearer token); else a browser session, which counts only for a top-level navigation
 * with the Sec-Fetch headers a browser sets (check_sec_headers; a cookie alone is refused, 221).
 */
function bearerUid(deps: HttpDeps, req: IncomingMessage): number {
  const authz = /^bearer\s+(.+)$/i.exec(String(req.headers.authorization ?? ''));
  const sessionUid = deps.auth.sessionUid(cookie(req, 'session_id'));
  if (authz) {
    const uid = deps.auth.uidForApiKey((authz[1] as string).trim());
    if (uid === null) throw unauthorized('Invalid apikey');
    // A browser session sent along must be the key's own user (odoo19-json2-wire/222).
    if (sessionUid !== null && sessionUid !== uid) throw new OdooError('odoo.exceptions.AccessDenied', 'Session user does not match the used apikey.', 403);
    return uid;
  }
  if (sessionUid === null) throw unauthorized('User not authenticated, use an API Key with a Bearer Authorization header.');
  const header = (name: string): string => String(req.headers[name] ?? '');
  const navigation =
    header('sec-fetch-dest') === 'document' && header('sec-fetch-mode') === 'navigate' && ['none', 'same-origin'].includes(header('sec-fetch-site')) && header('sec-fetch-user') === '?1';
  if (!navigation) throw unauthorized('Missing "Authorization" or Sec-headers for interactive usage.');
  return sessionUid;
}

/** A JSON-2 route (auth='bearer', type='json2'): /json/2/<model>/<method>, or api_doc's page of `documented`. */
export async function handleJson2(deps: HttpDeps, req: IncomingMessage, res: ServerResponse, path: string, raw: string, documented?: string): Promise<void> {
  const { db, auth } = deps;
  const major = Number(db.services.version.split('.')[0]);
  // JSON-2 exists from Odoo 19. An 18 routes /json/2/… to its website pages, which send a visitor
  // to the login page without looking at the key (odoo19-json2-wire/006).
  if (major < 19) {
    const target = `/web/login?redirect=${encodeURIComponent(`${path}?`)}`;
    const page = `<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n<p>You should be redirected automatically to the target URL: <a href="${target}">${target}</a>. If not, click the link.\n`;
    return send(res, 303, 'text/html; charset=utf-8', page, { Location: target });
  }
  const match = /^\/json\/2\/([^/]+)\/([^/]+)$/.exec(path);
  // An unknown X-Odoo-Database leaves no database to route to: werkzeug's 404 page, in HTML, before any
  // JSON-2 handling (odoo19-json2-wire/015, and 016 for a database of another version).
  const dbHeader = req.headers['x-odoo-database'];
  if (typeof dbHeader === 'string' && dbHeader && dbHeader !== db.name) return send(res, 404, 'text/html; charset=utf-8', NO_DATABASE_PAGE);
  // A json2 route with a body that is not declared JSON: werkzeug's 415 page (odoo19-json2-wire/020).
  const contentType = String(req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (raw.length > 0 && contentType !== 'application/json') {
    return send(res, 415, 'text/html; charset=utf-8', UNSUPPORTED_MEDIA_PAGE, { Accept: 'application/json' });
  }
  const call: PeerCall = documented
    ? { protocol: 'json2', service: 'api_doc', model: documented, method: 'doc_model' }
    : { protocol: 'json2', service: 'json2', model: match?.[1] ?? '', method: match?.[2] ?? '' };
  if (!deps.beforeRpc(req)) return;
  deps.calls.push(call);
  let status = 200;
  let body: unknown;
  const headers: Record<string, string> = {};
  try {
    if (!match && !documented) throw notFound('Did you mean POST /json/2/<model>/<method>?');
    const uid = bearerUid(deps, req);
    let payload: unknown = {};
    if (raw.trim()) {
      try {
        payload = JSON.parse(raw);
      } catch (error) {
        // Odoo quotes Python's JSONDecodeError (019); a text only JavaScript refuses keeps its words.
        throw badRequest(`could not parse the body as json: ${pythonJsonDecodeError(raw) ?? (error instanceof Error ? error.message : String(error))}`);
      }
    }
    // A body that is valid JSON but not an object is ignored: no arguments at all (odoo19-json2-wire/022).
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) payload = {};
    if (documented) {
      const doc = documentModel(db, uid, documented);
      // The client's cached copy still holds unless it asks for none (is_resource_modified).
      if (req.headers['if-none-match'] === doc.etag && !/no-cache/i.test(String(req.headers['cache-control'] ?? ''))) return send(res, 304, 'text/plain', '');
      Object.assign(headers, { ETag: doc.etag, 'Cache-Control': 'no-cache, private', 'Content-Language': 'en-US' });
      body = doc.body;
    } else {
      body = toJson2Result(await callJson2(db, auth, uid, (match as RegExpExecArray)[1] as string, (match as RegExpExecArray)[2] as string, payload as Record<string, unknown>));
    }
  } catch (error) {
    const odoo = toOdooError(error);
    status = odoo.httpStatus;
    body = json2Error(odoo);
  }
  await deps.stall();
  if (!deps.afterRpc(req, call)) return;
  // auth='bearer' answers a missing or bad key with the challenge (odoo19-json2-wire/011-013).
  sendJson(res, status, body, status === 401 ? { 'WWW-Authenticate': 'Bearer' } : status === 200 ? headers : {});
}
