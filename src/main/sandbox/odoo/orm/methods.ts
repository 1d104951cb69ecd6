import { accessError, attributeError, invalidTextRepresentation, OdooError, typeError, valueError } from '../errors';
import { create, ensureExist, existing, search, searchCount, unlink, write } from './crud';
import type { Env } from './env';
import type { MethodSpec } from './model';
import { formattedReadGroup, readGroup, readProgressBar, webReadGroup } from './read-group';
import { checkRecordRules } from './record-rules';
import { inRightsGroups } from '../models/security';
import type { FieldDef, Rec } from './types';
import { readField, RecordSet, toWire, type WireValue } from './values';

const model = (params: string[], run: MethodSpec['run'], required = 0): MethodSpec => ({ kind: 'model', params, run, required });
const records = (params: string[], run: MethodSpec['run'], required = 0): MethodSpec => ({ kind: 'records', params, run, required });

type Args = Record<string, unknown>;
const list = (v: unknown): string[] | null => (Array.isArray(v) ? (v as string[]) : null);
const num = (v: unknown, fallback: number | null): number | null => (typeof v === 'number' ? v : fallback);
/**
 * A LIMIT or OFFSET goes into the SQL as given: a value PostgreSQL cannot read as a bigint fails
 * there, a 500 (odoo19-json2-wire/108: limit "ten").
 */
function sqlInt(v: unknown, fallback: number | null): number | null {
  if (v === undefined || v === null || v === false) return fallback;
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  throw new OdooError('psycopg2.errors.InvalidTextRepresentation', `invalid input syntax for type bigint: ${JSON.stringify(String(v))}\n`, 500);
}
const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);

/** Existing records among `ids`; one the read rules hide is an AccessError, as in Odoo's _fetch_query. */
function readable(env: Env, modelName: string, ids: number[]): Rec[] {
  const recs = existing(env, modelName, ids);
  checkRecordRules(env, modelName, recs, 'read');
  return recs;
}

export function readRecords(env: Env, modelName: string, recs: Rec[], fields: string[] | null): Record<string, WireValue>[] {
  const store = env.store(modelName);
  const names = fields && fields.length ? fields : [...store.fields.values()].filter((f) => f.type !== 'binary').map((f) => f.name);
  for (const name of names) if (name !== 'id' && !store.fields.has(name)) throw valueError(`Invalid field '${name}' on model '${modelName}'`);
  return recs.map((rec) => {
    const row: Record<string, WireValue> = { id: rec.id };
    for (const name of names) if (name !== 'id') row[name] = readField(env, modelName, rec, name);
    return row;
  });
}

type Spec = Record<string, { fields?: Spec; limit?: number; order?: string; context?: Record<string, unknown> } | undefined>;

/** web_read's "specification": nested reads of relational fields (odoo18-wire/046). */
const cappedCount = (count: number, limit: number | null): number => (limit ? Math.min(count, limit) : count);

/**
 * The pager's length as web's _format_web_search_read_results gives it (Odoo 17–19,
 * addons/web/models/models.py): no count when the page is not full or when count_limit is already
 * reached by what was read; otherwise search_count capped at count_limit. An empty page is 0.
 */
function webSearchReadLength(env: Env, model: string, domain: unknown, read: number, offset: number, limit: number | null, countLimit: number | null): number {
  if (read === 0) return 0;
  const current = read + offset;
  const countLimitReached = countLimit !== null && countLimit > 0 && countLimit <= current;
  if (limit && read === limit && !countLimitReached) return cappedCount(searchCount(env, model, domain), countLimit);
  return current;
}

function webRead(env: Env, modelName: string, recs: Rec[], spec: Spec): Record<string, WireValue>[] {
  return recs.map((rec) => {
    const row: Record<string, WireValue> = { id: rec.id };
    for (const [name, sub] of Object.entries(spec)) {
      if (name === 'id') continue;
      const def = env.field(modelName, name);
      if (!def) throw valueError(`Invalid field '${name}' on model '${modelName}'`);
      const stored = env.value(modelName, rec, name);
      if (sub?.fields && def.relation && (def.type === 'many2one' || def.type === 'one2many' || def.type === 'many2many')) {
        const ids = Array.isArray(stored) ? stored : typeof stored === 'number' ? [stored] : [];
        const nested = webRead(env, def.relation, existing(env, def.relation, ids), sub.fields);
        row[name] = def.type === 'many2one' ? (nested[0] ?? false) : nested;
      } else if (def.type === 'many2one') {
        // No "fields": web_read keeps read(load=None)'s bare id, or false (addons/web/models/models.py).
        row[name] = typeof stored === 'number' && def.relation && env.browse(def.relation, stored) ? stored : false;
      } else {
        row[name] = toWire(env, def, stored);
      }
    }
    return row;
  });
}

function fieldsGet(env: Env, modelName: string, allfields: unknown, attributes: unknown): Record<string, WireValue> {
  const store = env.store(modelName);
  const wanted = list(allfields);
  const attrs = list(attributes);
  const out: Record<string, WireValue> = {};
  for (const def of store.fields.values()) {
    if (wanted && wanted.length && !wanted.includes(def.name)) continue;
    const full = describeField(def);
    const row: Record<string, WireValue> = {};
    for (const [k, v] of Object.entries(full)) if (!attrs || attrs.includes(k)) row[k] = v;
    // 19 says so of an unsearchable field even when the attributes asked leave it out (odoo19-json2-wire/031).
    if (def.searchable === false && Number(env.services.version.split('.')[0]) >= 19) row.searchable = false;
    out[def.name] = row;
  }
  return out;
}

function describeField(def: FieldDef): Record<string, WireValue> {
  const d: Record<string, WireValue> = {
    type: def.type,
    string: def.string,
    required: def.required,
    readonly: def.readonly,
    store: def.store,
    manual: def.manual,
    searchable: def.searchable !== false,
    sortable: def.store,
  };
  if (def.help) d.help = def.help;
  if (def.relation) d.relation = def.relation;
  if (def.selection) d.selection = def.selection;
  return d;
}

/** The methods every model answers, with Python's parameter names so kwargs bind like in Odoo. */
export const ormMethods: Record<string, MethodSpec> = {
  create: model(['vals_list'], (env, _ids, a) => {
    const single = !Array.isArray(a.vals_list);
    const ids = create(env, env.model, (single ? [a.vals_list] : a.vals_list) as Args[]);
    return new RecordSet(env.model, ids, single ? 'id' : 'ids');
  }, 1),
  read: records(['fields', 'load'], (env, ids, a) => readRecords(env, env.model, readable(env, env.model, ids), list(a.fields))),
  web_read: records(['specification'], (env, ids, a) => webRead(env, env.model, readable(env, env.model, ids), (a.specification ?? {}) as Spec), 1),
  write: records(['vals'], (env, ids, a) => write(env, env.model, ids, (a.vals ?? {}) as Args), 1),
  unlink: records([], (env, ids) => unlink(env, env.model, ids)),
  search: model(['domain', 'offset', 'limit', 'order'], (env, _ids, a) =>
    search(env, env.model, a.domain ?? [], { offset: sqlInt(a.offset, 0) ?? 0, limit: sqlInt(a.limit, null), order: str(a.order) }),
  1),
  // search_count(domain, limit): Odoo counts at most `limit` matches (models.py search_count → _search(limit=…)).
  search_count: model(['domain', 'limit'], (env, _ids, a) => cappedCount(searchCount(env, env.model, a.domain ?? []), num(a.limit, null)), 1),
  // search_read(domain=None, fields=None, offset=0, limit=None, order=None, **read_kwargs): extra
  // names bind, then reach _read_format, which takes only `load` (odoo19-json2-wire/106: a 500).
  search_read: {
    ...model(['domain', 'fields', 'offset', 'limit', 'order'], (env, _ids, a) => {
      const m = env.model;
      const extra = Object.keys(a).find((k) => !['domain', 'fields', 'offset', 'limit', 'order', 'load'].includes(k));
      if (extra !== undefined) throw typeError(`BaseModel._read_format() got an unexpected keyword argument '${extra}'`);
      const ids = search(env, m, a.domain ?? [], { offset: sqlInt(a.offset, 0) ?? 0, limit: sqlInt(a.limit, null), order: str(a.order) });
      return readRecords(env, m, existing(env, m, ids), list(a.fields));
    }),
    varKeywords: true,
  },
  web_search_read: model(['domain', 'specification', 'offset', 'limit', 'order', 'count_limit'], (env, _ids, a) => {
    const m = env.model;
    const offset = num(a.offset, 0) ?? 0;
    const limit = num(a.limit, null);
    const ids = search(env, m, a.domain ?? [], { offset, limit, order: str(a.order) });
    const records = webRead(env, m, existing(env, m, ids), (a.specification ?? {}) as Spec);
    return { length: webSearchReadLength(env, m, a.domain ?? [], records.length, offset, limit, num(a.count_limit, null)), records };
  }, 2),
  read_group: model(['domain', 'fields', 'groupby', 'offset', 'limit', 'orderby', 'lazy'], (env, _ids, a) =>
    readGroup(env, env.model, a.domain ?? [], a.fields ?? [], a.groupby, {
      offset: num(a.offset, 0) ?? 0,
      limit: num(a.limit, null),
      orderby: str(a.orderby),
      lazy: a.lazy !== false,
    }),
  3),
  formatted_read_group: {
    ...model(['domain', 'groupby', 'aggregates', 'having', 'offset', 'limit', 'order'], (env, _ids, a) =>
      formattedReadGroup(env, env.model, a.domain ?? [], a.groupby ?? [], a.aggregates ?? [], {
        having: a.having ?? [],
        offset: num(a.offset, 0) ?? 0,
        limit: num(a.limit, null),
        order: str(a.order),
      }),
    1),
    sinceVersion: 19,
  },
  // 19's web_read_group(domain, groupby, aggregates=(), limit=None, offset=0, order=None, *, auto_unfold=False, …):
  // formatted_read_group's groups and how many there are (odoo19-json2-wire/062). The peer does not
  // unfold groups, so it takes only the parameters before the keyword-only ones.
  web_read_group: {
    ...model(['domain', 'groupby', 'aggregates', 'limit', 'offset', 'order'], (env, _ids, a) =>
      webReadGroup(env, env.model, a.domain ?? [], a.groupby ?? [], a.aggregates ?? [], { offset: num(a.offset, 0) ?? 0, limit: num(a.limit, null), order: str(a.order) }),
    2),
    sinceVersion: 19,
  },
  read_progress_bar: model(['domain', 'group_by', 'progress_bar'], (env, _ids, a) => readProgressBar(env, env.model, a.domain ?? [], a.group_by, a.progress_bar)),
  name_search: model(['name', 'args', 'operator', 'limit'], (env, _ids, a) => {
    const m = env.model;
    const recName = env.store(m).spec.recName ?? 'name';
    const domain = [...((a.args as unknown[]) ?? [])];
    if (typeof a.name === 'string' && a.name) domain.push([recName, (a.operator as string) ?? 'ilike', a.name]);
    const ids = search(env, m, domain, { limit: num(a.limit, 100) });
    return ids.map((id) => [id, env.displayName(m, env.browse(m, id) as Rec)]);
  }),
  // models.py name_create: a record with only its _rec_name set, answered as (id, display_name) (odoo19-json2-wire/247).
  name_create: model(['name'], (env, _ids, a) => {
    const m = env.model;
    const [id] = create(env, m, [{ [env.store(m).spec.recName ?? 'name']: a.name }]);
    return [id, env.displayName(m, env.browse(m, id as number) as Rec)];
  }, 1),
  // A user outside the model's groups (a portal user, a store owner on ir.model) holds no rights; raise_exception=False asks without failing.
  check_access_rights: model(['operation', 'raise_exception'], (env, _ids, a) => {
    const rights = env.store(env.model).spec.rights;
    const writing = ['write', 'create', 'unlink'].includes(String(a.operation));
    if (!rights || inRightsGroups(env, writing ? rights.writeGroups : rights.readGroups)) return true;
    if (a.raise_exception === false) return false;
    const verb = ({ read: 'access', write: 'modify', create: 'create', unlink: 'delete' } as Record<string, string>)[String(a.operation)] ?? 'access';
    throw accessError(
      `You are not allowed to ${verb} '${env.store(env.model).spec.description}' (${env.model}) records.\n\nContact your administrator to request access if necessary.`,
      'Contact your administrator to request access if necessary.',
    );
  }, 1),
  // has_access(operation) (public since 18.0, odoo/orm/models.py): the record-method successor of
  // check_access_rights; on an empty recordset it is the model-level check. It answers a boolean and
  // never raises (odoo19-json2-wire/119-has_access-admin, 120-has_access-portal-false).
  has_access: records(['operation'], (env) => {
    const rights = env.store(env.model).spec.rights;
    const user = env.browse('res.users', env.uid) as Rec | undefined;
    return !rights || !user || user.share !== true;
  }, 1),
  fields_get: model(['allfields', 'attributes'], (env, _ids, a) => fieldsGet(env, env.model, a.allfields, a.attributes)),
  // Odoo 19 names the parameter `fields` (odoo19-json2-wire/131 binds it by that name).
  default_get: { ...model(['fields_list'], (env, _ids, a) => {
    const m = env.model;
    const wanted = list(a.fields_list ?? a.fields) ?? [];
    const out: Record<string, WireValue> = {};
    for (const [name, make] of Object.entries(env.store(m).spec.defaults ?? {})) {
      if (wanted.includes(name)) out[name] = make(env) as WireValue;
    }
    for (const [key, value] of Object.entries(env.context)) {
      if (key.startsWith('default_') && wanted.includes(key.slice(8))) out[key.slice(8)] = value as WireValue;
    }
    return out;
  }, 1), params19: ['fields'] },
  copy: records(['default'], (env, ids, a) => {
    const m = env.model;
    const recs = ensureExist(env, m, ids);
    checkRecordRules(env, m, recs, 'read');
    const newIds = recs.map((rec) => copyRecord(env, m, rec, (a.default ?? {}) as Args));
    return new RecordSet(m, newIds, 'ids');
  }),
  name_get: records([], (env, ids) => {
    const m = env.model;
    return readable(env, m, ids).map((r) => [r.id, env.displayName(m, r)]);
  }),
};

export function copyRecord(env: Env, modelName: string, rec: Rec, overrides: Args): number {
  const store = env.store(modelName);
  const vals: Args = {};
  for (const def of store.fields.values()) {
    if (!def.store || def.readonly || def.copy === false || def.type === 'one2many' || ['id', 'create_date', 'write_date', 'create_uid', 'write_uid'].includes(def.name)) continue;
    const value = env.value(modelName, rec, def.name);
    if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    vals[def.name] = def.type === 'many2many' ? [[6, 0, value]] : value;
  }
  Object.assign(vals, store.spec.copyOverrides?.(env, rec) ?? {}, overrides);
  return create(env, modelName, [vals])[0] as number;
}

/** Methods Odoo 19 decorates with @api.private, as the recording of `exists` names them. */
const API_PRIVATE_19 = new Set(['exists', 'sudo', 'browse', 'check_access', 'ensure_one']);

/**
 * Resolves the callable for `model.method` like Odoo's get_public_method: private names are refused
 * (odoo18-wire/087), unknown ones are AttributeError (086).
 */
export function resolveMethod(env: Env, modelName: string, method: string): MethodSpec {
  if (method.startsWith('_')) throw accessError(`Private methods (such as ${method}) cannot be called remotely.`);
  const spec = env.store(modelName).spec.methods?.[method] ?? ormMethods[method];
  const major = Number(env.services.version.split('.')[0]);
  // Odoo 19 marks these @api.private: they exist, but get_public_method refuses them (odoo19-json2-wire/103).
  if (major >= 19 && API_PRIVATE_19.has(method)) throw accessError(`Private methods (such as '${modelName}.${method}') cannot be called remotely.`);
  if (!spec || (spec.sinceVersion !== undefined && major < spec.sinceVersion)) throw attributeError(`The method '${method}' does not exist on the model '${modelName}'`);
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
    ids = toIds(first);
  }
  const named: Args = {};
  spec.params.forEach((p, i) => {
    if (i < rest.length) named[p] = rest[i];
  });
  if (rest.length > spec.params.length) {
    throw typeError(`${method}() takes ${spec.params.length + 1} positional arguments but ${rest.length + 1} were given`);
  }
  for (const [k, v] of Object.entries(kwargs)) {
    if (k === 'context' || k === 'ids') continue;
    if (!spec.params.includes(k) && !spec.varKeywords) throw typeError(`${method}() got an unexpected keyword argument '${k}'`);
    named[k] = v;
  }
  const missing = signature ? spec.params.slice(0, spec.required ?? 0).find((p) => !(p in named)) : undefined;
  if (missing !== undefined) throw typeError(`missing a required argument: '${missing}'`);
  return { ids, named };
}

/** Record ids as Odoo's browse accepts them; anything else fails in PostgreSQL (odoo18-wire/091). */
function toIds(value: unknown): number[] {
  if (value === undefined || value === null || value === false) return [];
  if (typeof value === 'number' && Number.isInteger(value)) return [value];
  if (Array.isArray(value)) {
    const bad = value.find((v) => typeof v !== 'number' || !Number.isInteger(v));
    if (bad !== undefined) throw invalidTextRepresentation(bad);
    return value as number[];
  }
  if (typeof value === 'string') throw invalidTextRepresentation(value.slice(0, 1));
  throw invalidTextRepresentation(value);
}
