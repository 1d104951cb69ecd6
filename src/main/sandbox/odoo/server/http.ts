import type { IncomingMessage, ServerResponse } from 'node:http';
import { notFound } from '../errors';
import type { HttpDeps } from './http-deps';
import { handleJson2, json2Error } from './json2-routes';
import { handleJsonRpc } from './jsonrpc-routes';
import { cookie, readBody, send, sendJson } from './responses';
import { trackingRoutes } from './tracking-routes';
import { feedbackRoute, unsubscribeRoutes } from './unsubscribe-routes';
import { imageRoutes } from './image-routes';
import { BOTH_DATABASES_PAGE, GET_JSONRPC_PAGE, NOT_FOUND_PAGE } from './werkzeug-pages';

export type { HttpDeps } from './http-deps';

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
  if (feedbackRoute(deps.db, path, raw, res)) return;
  if (path.startsWith('/json/2')) return handleJson2(deps, req, res, path, raw);
  // api_doc's JSON-2 route, in 19 only (odoo19-json2-wire/230-237). Its /doc-bearer/index.json
  // (every model's names at once) is not served: an unknown URL, like any other.
  const documented = /^\/doc-bearer\/([^/]+)\.json$/.exec(path)?.[1];
  if (documented && documented !== 'index' && Number(deps.db.services.version.split('.')[0]) >= 19) return handleJson2(deps, req, res, path, raw, documented);
  if (path === '/jsonrpc' || path.startsWith('/web/')) return handleJsonRpc(deps, req, res, path, raw);
  return send(res, 404, 'text/html; charset=utf-8', NOT_FOUND_PAGE);
}
