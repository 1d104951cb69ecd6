import { AppError } from '../../../shared/errors';
import { accessSentence, parseAccessError } from './access-error';
import type { OdooProtocol } from './types';

/** What we know about the call that failed; goes into messages and details (never the key). */
export interface CallSite {
  url: string;
  database: string;
  login: string;
  protocol?: OdooProtocol;
  model?: string;
  method?: string;
  /** Whether the call may have changed data in Odoo (create/write/unlink/action_*). */
  mutating?: boolean;
}

/** An Odoo exception as both protocols report it (JSON-RPC `error.data`, JSON-2 body). */
export interface OdooFault {
  name: string;
  message: string;
  httpStatus?: number;
}

const REDACTED = '[redacted]';

/** Removes every secret from a text; used on anything the server echoes back to us. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  return out;
}

function where(site: CallSite): Record<string, unknown> {
  const details: Record<string, unknown> = { url: site.url, database: site.database };
  if (site.protocol) details.protocol = site.protocol;
  if (site.model) details.model = site.model;
  if (site.method) details.method = site.method;
  return details;
}

const VERB: Record<string, string> = {
  search_read: 'read', read: 'read', search: 'read', search_count: 'read', read_group: 'read',
  formatted_read_group: 'read', fields_get: 'read', create: 'create', write: 'change', unlink: 'delete', copy: 'copy',
};

/**
 * Odoo names the field a validation error is about in several ways (all recorded). Odoo 18:
 * "Field: Mailing List (name)" (odoo18-wire/083), "Invalid field 'no_such_field' on model" (088/092),
 * "Invalid field mailing.contact.no_such_field in leaf" (089), "Wrong value for mailing.mailing.state:" (090).
 * Odoo 19 words three of them anew: "Missing required value for the field 'Mailing List' (name)"
 * (odoo19-json2-wire/109), "Invalid field 'no_such_field' on 'mailing.list'" / "in 'mailing.list'"
 * (111, 114), "… in condition ('no_such_field', '=', 1)" (112).
 */
export function fieldFromMessage(message: string): string | undefined {
  const patterns = [
    /Field: [^\n]*\(([\w.]+)\)\s*$/m,
    /Missing required value for the field '[^'\n]*' \(([\w.]+)\)/,
    /Invalid field '([\w.]+)'/,
    /Invalid field [\w.]*\.(\w+) in (?:leaf|condition)/,
    /Wrong value for [\w.]*\.(\w+):/,
  ];
  for (const pattern of patterns) {
    const match = pattern.exec(message);
    if (match?.[1]) return match[1];
  }
  return undefined;
}

function isUnknownModel(fault: OdooFault): boolean {
  // JSON-RPC: UserError "Object mailing.lists doesn't exist" (odoo18-wire/085-error-wrong-model.json).
  // JSON-2: 404 NotFound "the model 'x' does not exist" (odoo addons/rpc/controllers/json2.py).
  return /^Object \S+ doesn't exist/.test(fault.message) || /the model '[^']+' does not exist/i.test(fault.message);
}

function isWrongDatabase(fault: OdooFault): boolean {
  // odoo18-wire/007 and 082: psycopg2.OperationalError 'FATAL: database "nosuchdb" does not exist'.
  return fault.name.startsWith('psycopg2.OperationalError') || /database "?[^"\s]*"? (does not exist|not found)/i.test(fault.message);
}

/** Maps an Odoo exception (by its class name, then HTTP status for JSON-2) to our error code and a sentence. */
export function faultToAppError(fault: OdooFault, site: CallSite, secrets: readonly string[]): AppError {
  const odooMessage = redact(fault.message, secrets).trim();
  const details = { ...where(site), odooError: fault.name, odooMessage, ...(fault.httpStatus ? { httpStatus: fault.httpStatus } : {}) };
  const model = site.model ?? 'these';
  const verb = VERB[site.method ?? ''] ?? 'use';
  const name = fault.name;

  if (isWrongDatabase(fault)) {
    return new AppError('odoo.wrong_database', `Odoo at ${site.url} has no database named "${site.database}". Check the database name in the connection settings.`, details);
  }
  if (isUnknownModel(fault)) {
    return new AppError('odoo.unknown_model', `This Odoo database has no "${site.model ?? 'requested'}" model. Make sure the Email Marketing app (mass_mailing) is installed.`, details);
  }
  if (name === 'odoo.exceptions.AccessDenied' || name === 'werkzeug.exceptions.Unauthorized' || fault.httpStatus === 401) {
    return new AppError('odoo.bad_credentials', `Odoo did not accept the login "${site.login}" with this API key on database "${site.database}". Check the login, or create a new API key in Odoo (Preferences → Account Security).`, details);
  }
  if (name === 'odoo.exceptions.AccessError' && /Private methods|cannot be called remotely/.test(fault.message)) {
    return new AppError('odoo.private_method', `Odoo does not allow the console to call "${site.method ?? 'this method'}" remotely. This is a problem in the console; please contact support.`, details);
  }
  if (name === 'odoo.exceptions.AccessError' || fault.httpStatus === 403) {
    // Odoo's own text names the model, the operation and the groups that would allow it.
    const refusal = parseAccessError(odooMessage);
    const refused = refusal ? { operation: refusal.operation, model: refusal.model, modelName: refusal.modelName, ...(refusal.groups.length ? { groups: refusal.groups } : {}) } : {};
    return new AppError('odoo.access_denied', accessSentence(refusal, firstLine(odooMessage)), { ...details, ...refused });
  }
  if (name === 'odoo.exceptions.MissingError') {
    return new AppError('odoo.missing_record', `The ${model} record no longer exists in Odoo; someone may have deleted it. Refresh and try again.`, details);
  }
  if (name === 'builtins.AttributeError' || (fault.httpStatus === 404 && /method '[^']+' does not exist/i.test(fault.message))) {
    return new AppError('odoo.unknown_method', `Odoo's ${model} model has no "${site.method ?? ''}" action. The Odoo version may be too old or a module is missing.`, details);
  }
  const field = fieldFromMessage(fault.message);
  if (name === 'odoo.exceptions.ValidationError' || (name === 'builtins.ValueError' && field) || fault.httpStatus === 422 && name.includes('UnprocessableEntity')) {
    const about = field ? ` (field "${field}")` : '';
    return new AppError('odoo.validation', `Odoo rejected the ${model} data${about}: ${firstLine(odooMessage)}`, field ? { ...details, field } : details);
  }
  if (name === 'odoo.http.SessionExpiredException') {
    return new AppError('odoo.session_expired', 'The Odoo session has expired. Connect to Odoo again.', details);
  }
  if (name === 'odoo.exceptions.UserError' || name.startsWith('odoo.exceptions.')) {
    return new AppError('odoo.user_error', `Odoo refused this: ${firstLine(odooMessage)}`, details);
  }
  // A JSON-2 5xx may be a passing database conflict; reads retry it (JSON-RPC always answers 200).
  const transient = fault.httpStatus !== undefined && fault.httpStatus >= 500 ? { transient: true } : {};
  return new AppError('odoo.server_error', `Odoo could not ${verb === 'use' ? 'run this' : `${verb} ${model} records`} because of an error on the server. Try again later; if it keeps happening, send the details to your Odoo administrator.`, { ...details, ...transient });
}

function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim().length > 0) ?? text;
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED']);

function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || (error.cause instanceof Error && error.cause.name === 'TimeoutError'));
}

/** A failure below HTTP (refused, DNS, reset, timeout). Never carries the original error (it may hold request data). */
export function transportToAppError(error: unknown, site: CallSite, timeoutMs: number): AppError {
  const details = { ...where(site), transient: true };
  const unknownOutcome = site.mutating
    ? ' The change may or may not have been saved: check in Odoo before trying again.'
    : '';
  const outcome = site.mutating ? { outcome: 'unknown' } : {};
  if (isTimeout(error)) {
    return new AppError('odoo.timeout', `Odoo at ${site.url} did not answer within ${Math.round(timeoutMs / 1000)} seconds.${unknownOutcome || ' Try again in a moment.'}`, { ...details, ...outcome, timeoutMs });
  }
  const code = causeCode(error);
  if (code && UNREACHABLE_CODES.has(code)) {
    return new AppError('odoo.unreachable', `Cannot reach Odoo at ${site.url}. Check the address and your internet connection.`, { ...details, reason: code });
  }
  return new AppError('odoo.unreachable', `The connection to Odoo at ${site.url} was interrupted.${unknownOutcome || ' Try again in a moment.'}`, { ...details, ...outcome, reason: code ?? 'connection_lost' });
}

/** The server answered, but not like Odoo does. */
export function malformedResponse(site: CallSite, reason: string, snippet: string, secrets: readonly string[], httpStatus?: number): AppError {
  // Redact before cutting: a key cut in half at the edge would otherwise leave its first part behind.
  const details: Record<string, unknown> = { ...where(site), reason, body: redact(snippet.slice(0, 4096), secrets).slice(0, 200) };
  if (httpStatus !== undefined) details.httpStatus = httpStatus;
  if (httpStatus !== undefined && httpStatus >= 502 && httpStatus <= 504) details.transient = true;
  return new AppError('odoo.malformed_response', `The server at ${site.url} did not answer like Odoo does (${reason}). Check the Odoo address in the connection settings.`, details);
}

/**
 * The request reached a server, but its answer did not come back whole: a 5xx page from Odoo or a
 * proxy in front of it, or a JSON body cut short. Odoo may well have run the call (a create or a
 * send committed before the proxy gave up), so a change is reported as "may or may not have been
 * saved", never as a wrong address. Reads retry it, and fall back to the offline cache.
 */
export function lostAnswer(site: CallSite, reason: string, snippet: string, secrets: readonly string[], httpStatus: number): AppError {
  const details: Record<string, unknown> = {
    ...where(site), reason, httpStatus, body: redact(snippet.slice(0, 4096), secrets).slice(0, 200), transient: true,
    ...(site.mutating ? { outcome: 'unknown' } : {}),
  };
  const code = httpStatus >= 500 ? 'odoo.server_error' : 'odoo.malformed_response';
  if (site.mutating) {
    return new AppError(code, `Odoo at ${site.url} received this change, but its answer was lost (${reason}), so it may or may not have been saved. Check in Odoo, or try again with the same request: it will not be made twice.`, details);
  }
  return new AppError(code, `Odoo at ${site.url} could not answer just now (${reason}). Try again in a moment.`, details);
}

/** A body that starts like JSON but does not parse: cut short on the way, not a page of another server. */
export function looksTruncated(text: string): boolean {
  const start = text.trimStart()[0];
  return start === '{' || start === '[' || start === '"';
}

/** Reads may be retried after these; writes never are. */
export function isTransient(error: unknown): boolean {
  return error instanceof AppError && error.details?.transient === true;
}
