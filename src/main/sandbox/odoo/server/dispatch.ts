import { accessDenied, accessError, OdooError, unprocessable, notFound, wrongDatabase } from '../errors';
import { Env, type Database } from '../orm/env';
import { bindArgs, resolveMethod } from '../orm/method-binding';
import type { MethodSpec } from '../orm/model';
import { RecordSet, type WireValue } from '../orm/values';
import type { Auth } from './auth';
import { inRightsGroups } from '../models/security';

const WRITE_VERBS: Record<string, string> = { create: 'create', write: 'modify', unlink: 'delete' };
// Methods that read no records the caller needs rights on: context_get reads the caller's own user (odoo19-json2-wire/024, a portal key).
const ALWAYS_ALLOWED = new Set(['fields_get', 'check_access_rights', 'has_access', 'default_get', 'context_get']);

/** Rights-less users get Odoo's AccessError text (odoo18-wire/096, 097). */
export function checkRights(db: Database, uid: number, model: string, method: string): void {
  const spec = db.store(model).spec;
  if (!spec.rights || ALWAYS_ALLOWED.has(method)) return;
  const verb = WRITE_VERBS[method] ?? 'access';
  const groups = verb === 'access' ? spec.rights.readGroups : spec.rights.writeGroups;
  if (inRightsGroups(new Env(db, uid), groups)) return;
  const named = groups.map((g) => groupFullName(db, g)).sort();
  throw accessError(
    `You are not allowed to ${verb} '${spec.description}' (${model}) records.\n\nThis operation is allowed for the following groups:\n${named
      .map((g) => `\t- ${g}`)
      .join('\n')}\n\nContact your administrator to request access if necessary.`,
    'Contact your administrator to request access if necessary.',
  );
}

/**
 * A group as the error lists it, sorted by that name. Odoo 19 renamed Settings (base.group_system)
 * to "Administrator" under the privilege "Role" (odoo19-json2-wire/118; 18 said
 * "Administration/Settings" for the same access line, odoo18-wire/096).
 */
function groupFullName(db: Database, label: string): string {
  if (label === 'Administration/Settings' && Number(db.services.version.split('.')[0]) >= 19) return 'Role / Administrator';
  return label;
}

export type CallResult = { kind: 'value'; value: WireValue } | { kind: 'none' };

/** JSON-RPC's serialization of a method result: recordsets as repr or ids (@api.returns), None as no key. */
export function toJsonRpcResult(value: unknown): CallResult {
  if (value === undefined) return { kind: 'none' };
  if (value instanceof RecordSet) {
    if (value.downgrade === 'id') return { kind: 'value', value: value.ids[0] ?? false };
    if (value.downgrade === 'ids') return { kind: 'value', value: value.ids };
    return { kind: 'value', value: value.ids.length === 1 ? `${value.model}(${value.ids[0]},)` : `${value.model}(${value.ids.join(', ')})` };
  }
  return { kind: 'value', value: value as WireValue };
}

/** JSON-2 answers recordsets as their ids and None as null (addons/rpc/controllers/json2.py). */
export function toJson2Result(value: unknown): WireValue {
  if (value === undefined) return null;
  if (value instanceof RecordSet) return value.ids;
  return value as WireValue;
}

export async function callModel(db: Database, auth: Auth, uid: number, model: string, method: string, args: unknown[], kwargs: Record<string, unknown>): Promise<unknown> {
  db.store(model); // unknown model -> UserError "Object x doesn't exist" (odoo18-wire/085)
  const context = (kwargs.context && typeof kwargs.context === 'object' ? kwargs.context : {}) as Record<string, unknown>;
  const env = new Env(db, uid, context, model);
  const spec = resolveMethod(env, model, method);
  checkRights(db, uid, model, method);
  const { ids, named } = bindArgs(method, spec, args, kwargs);
  return spec.run(env, ids, named);
}

/** object.execute_kw(db, uid, password, model, method, args, kwargs). */
export async function executeKw(db: Database, auth: Auth, params: unknown[]): Promise<unknown> {
  const [dbName, uid, password, model, method, args, kwargs] = params as [string, number, string, string, string, unknown[] | undefined, Record<string, unknown> | undefined];
  if (dbName !== db.name) throw wrongDatabase(String(dbName));
  if (typeof uid !== 'number' || typeof password !== 'string' || !auth.check(uid, password)) throw accessDenied();
  return callModel(db, auth, uid, String(model), String(method), Array.isArray(args) ? args : [], kwargs && typeof kwargs === 'object' ? kwargs : {});
}

/** JSON-2: named arguments, ids and context in the body (Odoo 19 web_json_2_rpc). */
export async function callJson2(db: Database, auth: Auth, uid: number, model: string, method: string, body: Record<string, unknown>): Promise<unknown> {
  if (!db.has(model)) throw notFound(`the model '${model}' does not exist`);
  const env = new Env(db, uid, (body.context ?? {}) as Record<string, unknown>, model);
  let spec: MethodSpec;
  try {
    spec = resolveMethod(env, model, method);
  } catch (error) {
    if (error instanceof OdooError && error.pythonName === 'builtins.AttributeError') throw notFound(error.message);
    throw error;
  }
  const ids = Array.isArray(body.ids) ? body.ids : [];
  if (spec.kind === 'model' && ids.length) throw unprocessable(`cannot call ${model}.${method} with ids`);
  checkRights(db, uid, model, method);
  const kwargs = Object.fromEntries(Object.entries(body).filter(([k]) => k !== 'ids' && k !== 'context'));
  let bound;
  try {
    bound = bindArgs(method, spec, spec.kind === 'records' ? [ids] : [], kwargs, true);
  } catch (error) {
    if (error instanceof OdooError && error.pythonName === 'builtins.TypeError') throw unprocessable(error.message);
    throw error;
  }
  return spec.run(env, bound.ids, bound.named);
}
