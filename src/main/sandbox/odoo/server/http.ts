import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { badRequest, genericException, keyError, notFound, OdooError, serializeError, sessionExpired, unauthorized, wrongDatabase } from '../errors';
import type { Database } from '../orm/env';
import type { PeerCall } from '../types';
import type { Auth } from './auth';
import { callJson2, callModel, executeKw, toJson2Result, toJsonRpcResult } from './dispatch';
import { sessionInfo } from './session-info';
import { trackingRoutes } from './tracking-routes';
import { unsubscribeRoutes } from './unsubscribe-routes';
import { imageRoutes } from './image-routes';
import { documentModel } from './api-doc';

export interface HttpDeps {
  db: Database;
  auth: Auth;
  calls: PeerCall[];
  baseUrl: () => string;
  /** Fault injection around each RPC: before (may refuse) and after (may drop the answer). */
  beforeRpc: (req: IncomingMessage) => boolean;
  afterRpc: (req: IncomingMessage, call: PeerCall) => boolean;
  stall: () => Promise<void>;
}

const JsonRpcEnvelope = z.object({ jsonrpc: z.string().optional(), method: z.string().optional(), params: z.record(z.string(), z.unknown()).optional(), id: z.unknown().optional() });

const GET_JSONRPC_PAGE =
  "<!doctype html>\n<html lang=en>\n<title>400 Bad Request</title>\n<h1>Bad Request</h1>\n<p>Request inferred type is compatible with [&#39;http&#39;] but &#39;/jsonrpc&#39; is type=&#39;json&#39;.</p>\n";
const NOT_FOUND_PAGE =
  '<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n';

const NO_DATABASE_PAGE =
  '<!DOCTYPE html>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>No database is selected and the requested URL was not found in the server-wide controllers.</p>\n<p>Please verify the hostname, <a href=/web/login>login</a> and try again.</p>\n\n<!-- Alternatively, use the X-Odoo-Database header. -->\n';

const BOTH_DATABASES_PAGE =
  '<!doctype html>\n<html lang=en>\n<title>403 Forbidden</title>\n<h1>Forbidden</h1>\n<p>Cannot use both the session_id cookie and the x-odoo-database header.</p>\n';

const UNSUPPORTED_MEDIA_PAGE =
  "<!doctype html>\n<html lang=en>\n<title>415 Unsupported Media Type</title>\n<h1>Unsupported Media Type</h1>\n<p>Request inferred type is compatible with [&#39;http&#39;] but &#39;/json/2/&lt;__model__&gt;/&lt;__method__&gt;&#39; is type=&#39;json2&#39;.<br><br>Please verify the Content-Type request header and try again.</p>\n";

/** JSON-2's error body: the serialized exception without the JSON-RPC envelope. */
function json2Error(error: OdooError): Record<string, unknown> {
  const data = serializeError(error);
  return { name: data.name, message: data.message, arguments: data.arguments, context: data.context, debug: data.debug };
}

export function send(res: ServerResponse, status: number, contentType: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  // Encoded once: the length and the bytes sent come from the same buffer (a 2,000-row answer is ~300 KB).
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': String(bytes.length), ...headers });
  res.end(bytes);
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  send(res, status, 'application/json; charset=utf-8', pythonJson(body), headers);
}

/**
 * JSON as Odoo writes it (Python's json.dumps with its default ", " and ": " separators): the
 * recordings' Content-Length counts those spaces (odoo18-wire/048: 642 bytes), so answers here
 * weigh what a real Odoo's do and byte budgets measured on the peer hold on Odoo.
 */
export function pythonJson(value: unknown): string {
  return pythonJsonValue(value) ?? 'null';
}

/**
 * JSON.stringify's rules (toJSON, undefined members left out, undefined in arrays as null) with
 * Python's separators, built while walking the value: scanning JSON.stringify's compact text for
 * separators outside strings took three times as long, and answers of 500 contacts are common.
 */
function pythonJsonValue(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const withJson = value as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === 'function') return pythonJsonValue(withJson.toJSON());
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) text += `${i ? ', ' : ''}${pythonJsonValue(value[i]) ?? 'null'}`;
    return `${text}]`;
  }
  let text = '{';
  let first = true;
  for (const [key, member] of Object.entries(value)) {
    const encoded = pythonJsonValue(member);
    if (encoded === undefined) continue;
    text += `${first ? '' : ', '}${JSON.stringify(key)}: ${encoded}`;
    first = false;
  }
  return `${text}}`;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function toOdooError(error: unknown): OdooError {
  if (error instanceof OdooError) return error;
  return genericException(error instanceof Error ? error.message : String(error));
}

function cookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

/** Routes one HTTP request like Odoo's werkzeug app would. */
export async function handle(deps: HttpDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://peer');
  const path = url.pathname;
  // Odoo picks the database before any route: a live session's own database wins, and a header
  // naming another one is refused outright (odoo/http.py Request._get_session_and_dbname;
  // odoo19-json2-wire/223).
  const dbHeader = req.headers['x-odoo-database'];
  if (typeof dbHeader === 'string' && dbHeader && dbHeader !== deps.db.name && deps.auth.sessionUid(cookie(req, 'session_id')) !== null) {
    return send(res, 403, 'text/html; charset=utf-8', BOTH_DATABASES_PAGE);
  }
  // Odoo 19's catch-all json2 route takes every method on /json/2 and answers 404 JSON before any
  // auth (addons/rpc/controllers/json2.py web_json_2_404; odoo19-json2-wire/009, 018, 025).
  if (req.method !== 'POST' && (path === '/json/2' || path.startsWith('/json/2/')) && Number(deps.db.services.version.split('.')[0]) >= 19) {
    return sendJson(res, 404, json2Error(notFound('Did you mean POST /json/2/<model>/<method>?')));
  }
  if (req.method === 'GET') {
    if (path === '/jsonrpc') return send(res, 400, 'text/html; charset=utf-8', GET_JSONRPC_PAGE);
    // New in Odoo 19 (odoo19-json2-wire/001, 002); Odoo 18 answers its 404 page (005).
    if ((path === '/web/version' || path === '/json/version') && Number(deps.db.services.version.split('.')[0]) >= 19) {
      const v = deps.db.services.version;
      return sendJson(res, 200, { version_info: [Number(v.split('.')[0]), 0, 0, 'final', 0, ''], version: v });
    }
    if (await trackingRoutes(deps.db, path, res)) return;
    if (unsubscribeRoutes(deps.db, 'GET', url, res)) return;
    if (imageRoutes(deps.db, url, deps.auth.sessionUid(cookie(req, 'session_id')), res)) return;
    return send(res, 404, 'text/html; charset=utf-8', NOT_FOUND_PAGE);
  }
  if (req.method !== 'POST') return send(res, 405, 'text/html; charset=utf-8', NOT_FOUND_PAGE);
  const raw = await readBody(req);
  if (unsubscribeRoutes(deps.db, 'POST', url, res)) return;
  if (path.startsWith('/json/2')) return handleJson2(deps, req, res, path, raw);
  // api_doc's JSON-2 route, in 19 only (odoo19-json2-wire/230-237). Its /doc-bearer/index.json
  // (every model's names at once) is not served: an unknown URL, like any other.
  const documented = /^\/doc-bearer\/([^/]+)\.json$/.exec(path)?.[1];
  if (documented && documented !== 'index' && Number(deps.db.services.version.split('.')[0]) >= 19) return handleJson2(deps, req, res, path, raw, documented);
  if (path === '/jsonrpc' || path.startsWith('/web/')) return handleJsonRpc(deps, req, res, path, raw);
  return send(res, 404, 'text/html; charset=utf-8', NOT_FOUND_PAGE);
}

async function handleJsonRpc(deps: HttpDeps, req: IncomingMessage, res: ServerResponse, path: string, raw: string): Promise<void> {
  let parsed: z.infer<typeof JsonRpcEnvelope>;
  try {
    parsed = JsonRpcEnvelope.parse(JSON.parse(raw));
  } catch {
    // odoo18-wire/236: a body that is not JSON gets a plain 400, not a JSON-RPC error.
    return send(res, 400, 'text/html; charset=utf-8', 'Invalid JSON data');
  }
  const id = parsed.id ?? null;
  const params = parsed.params ?? {};
  const call = describeCall(path, params);
  if (!deps.beforeRpc(req)) return;
  deps.calls.push(call);
  const headers: Record<string, string> = {};
  let answer: Record<string, unknown>;
  try {
    const result = toJsonRpcResult(await runJsonRpc(deps, req, path, params, headers));
    answer = { jsonrpc: '2.0', id, ...(result.kind === 'value' ? { result: result.value } : {}) };
  } catch (error) {
    const odoo = toOdooError(error);
    const expired = odoo.pythonName === 'odoo.http.SessionExpiredException';
    // Odoo 18 puts code 200 on every server error (odoo18-wire/080..098); Odoo 19 puts 0 there
    // (odoo19-json2-wire/213, 214). A session expiry stays code 100 with a null id.
    const serverErrorCode = Number(deps.db.services.version.split('.')[0]) >= 19 ? 0 : 200;
    answer = {
      jsonrpc: '2.0',
      id: expired ? null : id,
      error: { code: expired ? 100 : serverErrorCode, message: expired ? 'Odoo Session Expired' : 'Odoo Server Error', data: serializeError(odoo) },
    };
  }
  await deps.stall();
  if (!deps.afterRpc(req, call)) return;
  sendJson(res, 200, answer, headers);
}

function describeCall(path: string, params: Record<string, unknown>): PeerCall {
  if (path === '/jsonrpc') {
    const args = Array.isArray(params.args) ? params.args : [];
    const service = String(params.service ?? '');
    if (service === 'object' && params.method === 'execute_kw') return { protocol: 'jsonrpc', service, model: String(args[3]), method: String(args[4]) };
    return { protocol: 'jsonrpc', service, method: String(params.method ?? '') };
  }
  if (path.startsWith('/web/dataset/')) return { protocol: 'web', service: 'dataset', model: String(params.model ?? ''), method: String(params.method ?? '') };
  return { protocol: 'web', service: path, method: path.split('/').pop() ?? '' };
}

async function runJsonRpc(deps: HttpDeps, req: IncomingMessage, path: string, params: Record<string, unknown>, headers: Record<string, string>): Promise<unknown> {
  const { db, auth } = deps;
  const args = Array.isArray(params.args) ? params.args : [];
  if (path === '/jsonrpc') {
    const service = String(params.service ?? '');
    const method = String(params.method ?? '');
    if (service === 'common') return commonService(deps, method, args);
    if (service === 'object') {
      if (method !== 'execute_kw' && method !== 'execute') throw genericException(`Method not available ${method}`);
      if (method === 'execute') return executeKw(db, auth, [...args.slice(0, 5), args.slice(5), {}]);
      return executeKw(db, auth, args);
    }
    if (service === 'db') {
      if (method === 'list') return [db.name];
      if (method === 'server_version') return db.services.version;
      throw genericException(`Method not found: ${method}`);
    }
    throw keyError(service);
  }
  if (path === '/web/database/list') return [db.name];
  // auth='none', the same answer as common.version, in 18 and 19 (odoo19-json2-wire/004).
  if (path === '/web/webclient/version_info') return commonService(deps, 'version', []);
  if (path === '/web/session/authenticate') {
    const session = params.db === db.name ? auth.openSession(String(params.login ?? ''), String(params.password ?? '')) : null;
    if (!session) throw new OdooError('odoo.exceptions.AccessDenied', 'Access Denied', 401);
    headers['Set-Cookie'] = `session_id=${session.sid}; Max-Age=604800; HttpOnly; Path=/`;
    return sessionInfo(db, session.uid, deps.baseUrl());
  }
  const sid = cookie(req, 'session_id');
  const uid = auth.sessionUid(sid);
  if (path === '/web/session/destroy') {
    auth.closeSession(sid);
    return undefined;
  }
  if (uid === null) throw sessionExpired();
  if (path === '/web/session/get_session_info') return sessionInfo(db, uid, deps.baseUrl());
  if (path.startsWith('/web/dataset/call_kw') || path === '/web/dataset/call_button') {
    const kwargs = (params.kwargs ?? {}) as Record<string, unknown>;
    const result = await callModel(db, auth, uid, String(params.model), String(params.method), args, kwargs);
    if (path !== '/web/dataset/call_button') return result;
    return cleanAction(result);
  }
  throw notFound('404: Not Found');
}

/** call_button answers false for None and completes window actions with their views (odoo18-wire/233). */
function cleanAction(result: unknown): unknown {
  if (result === undefined || result === null) return false;
  if (typeof result === 'object' && !Array.isArray(result) && (result as { type?: string }).type === 'ir.actions.act_window') {
    const action = { ...(result as Record<string, unknown>) };
    if (!action.views) action.views = String(action.view_mode ?? 'form').split(',').map((m) => [false, m.trim()]);
    return action;
  }
  return result;
}

async function commonService(deps: HttpDeps, method: string, args: unknown[]): Promise<unknown> {
  const { db, auth } = deps;
  const version = db.services.version;
  if (method === 'version') {
    return { server_version: version, server_version_info: [Number(version.split('.')[0]), 0, 0, 'final', 0, ''], server_serie: version, protocol_version: 1 };
  }
  if (method === 'authenticate' || method === 'login') {
    const [dbName, login, secret] = args as [string, string, string];
    if (dbName !== db.name) throw wrongDatabase(String(dbName));
    return auth.authenticate(String(login), String(secret));
  }
  if (method === 'about') return 'See http://openerp.com';
  throw genericException(`Method not found: ${method}`);
}

/** A JSON-2 route (auth='bearer', type='json2'): /json/2/<model>/<method>, or api_doc's page of `documented`. */
async function handleJson2(deps: HttpDeps, req: IncomingMessage, res: ServerResponse, path: string, raw: string, documented?: string): Promise<void> {
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
    const authz = /^bearer\s+(.+)$/i.exec(String(req.headers.authorization ?? ''));
    const uid = authz ? auth.uidForApiKey((authz[1] as string).trim()) : null;
    if (uid === null) throw unauthorized('Invalid apikey');
    // A browser session sent along must be the key's own user (odoo19-json2-wire/222).
    const sessionUid = auth.sessionUid(cookie(req, 'session_id'));
    if (sessionUid !== null && sessionUid !== uid) throw new OdooError('odoo.exceptions.AccessDenied', 'Session user does not match the used apikey.', 403);
    let payload: unknown = {};
    if (raw.trim()) {
      try {
        payload = JSON.parse(raw);
      } catch (error) {
        throw badRequest(`could not parse the body as json: ${error instanceof Error ? error.message : String(error)}`);
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

