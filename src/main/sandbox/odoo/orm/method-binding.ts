import { accessError, attributeError, invalidTextRepresentation, typeError } from '../errors';
import type { Env } from './env';
import type { Args } from './method-args';
import { ormMethods } from './methods';
import type { MethodSpec } from './model';

/** Methods Odoo 19 decorates with @api.private, as the recording of `exists` names them. */
const API_PRIVATE_19 = new Set(['exists', 'sudo', 'browse', 'check_access', 'ensure_one']);

/**
 * Resolves the callable for `model.method` like Odoo's get_public_method: private names are refused
 * (odoo18-wire/087), unknown ones are AttributeError (086). Odoo 19 names the model in both texts
 * ("Private methods (such as 'mailing.list._compute_…')", "The method 'mailing.list.frobnicate'
 * does not exist": odoo19-json2-wire/101, 102); 18 names the method alone, or "on the model".
 */
export function resolveMethod(env: Env, modelName: string, method: string): MethodSpec {
  const major = Number(env.services.version.split('.')[0]);
  const since19 = major >= 19;
  const privateError = () => accessError(since19 ? `Private methods (such as '${modelName}.${method}') cannot be called remotely.` : `Private methods (such as ${method}) cannot be called remotely.`);
  if (method.startsWith('_')) throw privateError();
  const spec = env.store(modelName).spec.methods?.[method] ?? ormMethods[method];
  // Odoo 19 marks these @api.private: they exist, but get_public_method refuses them (odoo19-json2-wire/103).
  if (since19 && API_PRIVATE_19.has(method)) throw privateError();
  if (!spec || (spec.sinceVersion !== undefined && major < spec.sinceVersion)) {
    throw attributeError(since19 ? `The method '${modelName}.${method}' does not exist` : `The method '${method}' does not exist on the model '${modelName}'`);
  }
  return spec.params19 && major >= 19 ? { ...spec, params: spec.params19 } : spec;
}

/**
 * Binds positional args then kwargs onto the method's parameter names. `signature` checks what
 * Python's inspect.signature(...).bind checks and JSON-2 runs before the call: every parameter
 * without a default is given (odoo19-json2-wire/022, 105).
 */
export function bindArgs(method: string, spec: MethodSpec, args: unknown[], kwargs: Args, signature = false): { ids: number[]; named: Args } {
  const rest = [...args];
  let ids: number[] = [];
  if (spec.kind === 'records') {
    const first = 'ids' in kwargs ? kwargs.ids : rest.shift();
    ids = toIds(first, method);
  }
  const named: Args = {};
  const positional = spec.params.slice(0, spec.params.length - (spec.keywordOnly ?? 0));
  positional.forEach((p, i) => {
    if (i < rest.length) named[p] = rest[i];
  });
  const tooMany = rest.length > positional.length ? typeError(tooManyPositional(method, spec, positional.length, rest.length)) : undefined;
  // Signature.bind refuses surplus positionals before looking at keywords.
  if (tooMany && signature) throw tooMany;
  const unexpected: string[] = [];
  for (const [k, v] of Object.entries(kwargs)) {
    if (k === 'context' || k === 'ids') continue;
    if (!spec.params.includes(k) && !spec.varKeywords) unexpected.push(k);
    else named[k] = v;
  }
  // inspect's Signature.bind, which JSON-2 runs, walks the parameters first and names a missing one
  // before any unknown keyword (odoo19-json2-wire/104: {"vals": …} to create misses vals_list), and
  // names no function (122). A Python call (CPython's initialize_locals) refuses an unknown keyword
  // first, then surplus positionals, and names the function.
  const missing = signature ? spec.params.slice(0, spec.required ?? 0).find((p) => !(p in named)) : undefined;
  if (missing !== undefined) throw typeError(`missing a required argument: '${missing}'`);
  if (unexpected.length) throw typeError(`${signature ? '' : `${method}() `}got an unexpected keyword argument '${unexpected[0]}'`);
  if (tooMany) throw tooMany;
  return { ids, named };
}

/**
 * CPython's message for too many positional arguments (`self` counted on both sides). A method with
 * keyword-only parameters states its required ones exactly, so it gets Python's "from N to M" form.
 */
function tooManyPositional(method: string, spec: MethodSpec, accepted: number, given: number): string {
  const required = spec.required ?? 0;
  const takes = spec.keywordOnly && required < accepted ? `from ${required + 1} to ${accepted + 1}` : `${accepted + 1}`;
  return `${method}() takes ${takes} positional arguments but ${given + 1} were given`;
}

/**
 * Record ids as Odoo's browse accepts them; anything else fails in PostgreSQL (odoo18-wire/091: "abc").
 * A string PostgreSQL reads as a number fetches the row, but under the integer id, so the record
 * browsed by the string is never filled and read's _read_format leaves it out (odoo19-json2-wire/176:
 * ids ["4"] read as []). No recording says what other methods make of such an id: they refuse it.
 */
function toIds(value: unknown, method: string): number[] {
  if (value === undefined || value === null || value === false) return [];
  if (typeof value === 'number' && Number.isInteger(value)) return [value];
  const dropped = (v: unknown): boolean => method === 'read' && typeof v === 'string' && /^\s*[+-]?\d+\s*$/.test(v);
  if (Array.isArray(value)) {
    const kept = value.filter((v) => !dropped(v));
    const bad = kept.find((v) => typeof v !== 'number' || !Number.isInteger(v));
    if (bad !== undefined) throw invalidTextRepresentation(bad);
    return kept as number[];
  }
  if (dropped(value)) return [];
  if (typeof value === 'string') throw invalidTextRepresentation(value.slice(0, 1));
  throw invalidTextRepresentation(value);
}
