import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { malformedResponse, type CallSite } from './errors';
import { sendRequest, type HttpTarget } from './http';
import type { JsonRpcTransport } from './jsonrpc';
import type { OdooProtocol } from './types';

/** JSON-2 exists from Odoo 19 (addons/rpc); /jsonrpc and /xmlrpc are deprecated there, their removal scheduled for Odoo 20. */
export const FIRST_JSON2_MAJOR = 19;

export interface ServerVersion {
  serverVersion: string;
  major: number;
}

/** `server_version_info[0]` is 18 for "18.0" but "saas~17" for SaaS builds. */
export function majorOf(first: number | string): number | undefined {
  if (typeof first === 'number') return Number.isInteger(first) ? first : undefined;
  const digits = /(\d+)/.exec(first);
  return digits ? Number(digits[1]) : undefined;
}

/**
 * GET /web/version and its alias /json/version (new in Odoo 19, no login, no database):
 * {version_info, version} (odoo19-json2-wire/001 and 002). Odoo 18 answers 404 HTML (005).
 */
const WebVersion = z.object({ version: z.string(), version_info: z.array(z.union([z.number(), z.string()])).min(1) }).loose();

async function versionFromWebRoute(target: HttpTarget, site: CallSite): Promise<ServerVersion | { httpStatus: number }> {
  let httpStatus = 0;
  for (const path of ['/web/version', '/json/version']) {
    const answer = await sendRequest(target, path, { method: 'GET' }, { ...site, method: 'version' });
    const parsed = WebVersion.safeParse(answer.json);
    const major = parsed.success && parsed.data.version_info[0] !== undefined ? majorOf(parsed.data.version_info[0]) : undefined;
    if (parsed.success && major !== undefined) return { serverVersion: parsed.data.version, major };
    httpStatus = answer.status;
  }
  return { httpStatus };
}

/**
 * Asks the server its version: /jsonrpc common.version first (Odoo 16-21, no login needed,
 * odoo18-wire/001-common-version.json), then the plain version routes of newer servers.
 */
export async function detectServerVersion(target: HttpTarget, jsonrpc: JsonRpcTransport, site: CallSite): Promise<ServerVersion> {
  let firstError: unknown;
  try {
    const info = await jsonrpc.version();
    const first = info.server_version_info[0];
    const major = first === undefined ? undefined : majorOf(first);
    if (major !== undefined) return { serverVersion: info.server_version, major };
    firstError = malformedResponse({ ...site, method: 'common.version' }, `unknown version "${info.server_version}"`, '', target.secrets);
  } catch (error) {
    // Only "this is not a JSON-RPC endpoint" is worth another route; a dead server is dead.
    if (!(error instanceof AppError) || error.code !== 'odoo.malformed_response') throw error;
    firstError = error;
  }
  const fromWeb = await versionFromWebRoute(target, site);
  if ('major' in fromWeb) return fromWeb;
  throw firstError;
}

export function protocolFor(major: number): OdooProtocol {
  return major >= FIRST_JSON2_MAJOR ? 'json2' : 'jsonrpc';
}

/**
 * The version a JSON-2 connection works with: from /web/version only. Every /jsonrpc call makes
 * Odoo 19 log a deprecation warning, so a connection that chose JSON-2 never sends one.
 */
export async function detectJson2ServerVersion(target: HttpTarget, site: CallSite): Promise<ServerVersion> {
  const found = await versionFromWebRoute(target, site);
  if ('major' in found) return found;
  throw new AppError('odoo.malformed_response', `The server at ${site.url} does not offer the JSON-2 API, which needs Odoo 19 or later (it has no /web/version). Choose JSON-RPC or automatic detection in the connection settings.`, { url: site.url, database: site.database, protocol: 'json2', httpStatus: found.httpStatus });
}
