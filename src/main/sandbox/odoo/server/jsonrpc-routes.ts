import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { genericException, keyError, notFound, OdooError, serializeError, sessionExpired, wrongDatabase } from '../errors';
import type { PeerCall } from '../types';
import { callModel, executeKw, toJsonRpcResult } from './dispatch';
import type { HttpDeps } from './http-deps';
import { cookie, send, sendJson, toOdooError } from './responses';
import { sessionInfo } from './session-info';

const JsonRpcEnvelope = z.object({ jsonrpc: z.string().optional(), method: z.string().optional(), params: z.record(z.string(), z.unknown()).optional(), id: z.unknown().optional() });

/**
 * Odoo's JSON-RPC side, in 18 and 19: /jsonrpc (the common, object and db services) and the web
 * client's /web/… routes (session, dataset calls, version).
 */
export async function handleJsonRpc(deps: HttpDeps, req: IncomingMessage, res: ServerResponse, path: string, raw: string): Promise<void> {
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
