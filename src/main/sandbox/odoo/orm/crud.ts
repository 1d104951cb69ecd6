import { missingError, userError, valueError } from '../errors';
import { forEachLeaf, parseValidDomain, type DomainNode } from './domain';
import { countMatches, pageOfMatches, planSearch, type Plan } from './search-plan';
import { checkRecordRules, withReadRules } from './record-rules';
import { modelDefaults } from '../models/defaults';
import { logCreation } from '../models/chatter';
import type { Env } from './env';
import { unknownFieldError } from './field-errors';
import { parseOrder } from './env';
import type { FieldDef, Rec, StoredValue } from './types';
import { formatDatetime, isEmpty, mandatoryFieldError, toStored } from './values';

export interface SearchOptions {
  offset?: number;
  limit?: number | null;
  order?: string | null;
}

/** Adds Odoo's implicit ('active', '=', True) unless the domain talks about `active` or active_test is off. */
function withActiveTest(env: Env, model: string, node: DomainNode): DomainNode {
  if (!env.field(model, 'active') || env.context.active_test === false) return node;
  let mentionsActive = false;
  forEachLeaf(node, (leaf) => {
    if (leaf.path === 'active') mentionsActive = true;
  });
  if (mentionsActive) return node;
  return { kind: 'and', children: [node, { kind: 'leaf', path: 'active', op: '=', value: true }] };
}

export function validateOrder(env: Env, model: string, order: string | null | undefined): void {
  if (!order) return;
  for (const term of parseOrder(order)) {
    if (term.field !== 'id' && !env.field(model, term.field)) {
      throw valueError(`Invalid field '${term.field}' on model '${model}'`);
    }
  }
}

function plan(env: Env, model: string, domain: unknown): Plan {
  const parsed = parseValidDomain(env, model, domain);
  // Every search sees only what the read rules allow (BaseModel._search adds ir.rule's domain).
  return planSearch(env, model, withReadRules(env, model, withActiveTest(env, model, parsed)));
}

export function search(env: Env, model: string, domain: unknown, options: SearchOptions = {}): number[] {
  // _search reads the domain before the order (_where_calc, then _order_to_sql).
  const planned = plan(env, model, domain);
  validateOrder(env, model, options.order);
  return pageOfMatches(env, model, planned, { offset: options.offset ?? 0, limit: options.limit ?? null, order: options.order ?? null });
}

export function searchCount(env: Env, model: string, domain: unknown): number {
  return countMatches(env, model, plan(env, model, domain));
}

/** Existing records among `ids`, in the order given (read drops deleted ids: odoo18-wire/070, 074). */
export function existing(env: Env, model: string, ids: number[]): Rec[] {
  const store = env.store(model);
  const out: Rec[] = [];
  const seen = new Set<number>();
  for (const id of ids) {
    const rec = store.records.get(id);
    if (rec && !seen.has(id)) {
      seen.add(id);
      out.push(rec);
    }
  }
  return out;
}

/** The records, or MissingError if one is gone (odoo18-wire/071, 076). */
export function ensureExist(env: Env, model: string, ids: number[]): Rec[] {
  const recs = existing(env, model, ids);
  if (recs.length !== new Set(ids).size) {
    const found = new Set(recs.map((r) => r.id));
    throw missingError(model, ids.filter((id) => !found.has(id)), env.uid);
  }
  return recs;
}

function checkField(env: Env, model: string, name: string): FieldDef {
  const def = env.field(model, name);
  if (!def) throw unknownFieldError(env, model, name, 'write');
  return def;
}

/**
 * create() like Odoo's create_multi: model checks first, then one id per record (a record that fails
 * its field checks still uses up its id, like a PostgreSQL sequence), then x2many fields field by
 * field across the batch (odoo18-wire/054 + 060: the list_ids links of the batch come before the
 * subscription_ids creations).
 */
export function create(env: Env, model: string, valsList: Record<string, unknown>[]): number[] {
  const hook = env.db.saveHook;
  return hook ? hook(env, model, 'create', [], () => createRecords(env, model, valsList)) : createRecords(env, model, valsList);
}

function createRecords(env: Env, model: string, valsList: Record<string, unknown>[]): number[] {
  const store = env.store(model);
  const spec = store.spec;
  const now = formatDatetime(env.services.now());
  const created: { rec: Rec; vals: Record<string, unknown>; relational: Map<string, unknown> }[] = [];
  const userDefaults = modelDefaults(env, model);
  for (const given of valsList) {
    if (typeof given !== 'object' || given === null || Array.isArray(given)) {
      throw valueError(`Invalid values for ${model}.create: ${JSON.stringify(given)}`);
    }
    const vals: Record<string, unknown> = {};
    for (const [name, makeDefault] of Object.entries(spec.defaults ?? {})) if (!(name in given)) vals[name] = makeDefault(env);
    for (const [name, value] of Object.entries(userDefaults)) if (!(name in given) && store.fields.has(name)) vals[name] = value;
    for (const [key, value] of Object.entries(env.context)) {
      // default_<field> in the context fills fields the values leave out.
      const name = key.startsWith('default_') ? key.slice(8) : '';
      if (name && !(name in given) && store.fields.has(name) && !store.fields.get(name)?.readonly) vals[name] = value;
    }
    Object.assign(vals, given);
    spec.beforeCreate?.(env, vals);
    // An unknown field fails in Python before the INSERT, so it takes no id from the sequence; a
    // missing required value fails in PostgreSQL after nextval, so that one does (odoo19-json2-wire/
    // 109, 114: the next list is 8, not 7).
    const defs = Object.keys(vals).map((name) => checkField(env, model, name));
    const rec: Rec = { id: store.nextId++ };
    const relational = new Map<string, unknown>();
    for (const [i, [name, value]] of Object.entries(vals).entries()) {
      const def = defs[i] as FieldDef;
      if (spec.writers?.[name] || def.type === 'one2many' || def.type === 'many2many') relational.set(name, value);
      else if (def.store && name !== 'id') rec[name] = toStored(model, def, value);
    }
    for (const def of store.fields.values()) {
      if (def.required && def.store && def.type !== 'one2many' && def.type !== 'many2many' && isEmpty(rec[def.name])) {
        throw mandatoryFieldError(env, spec.description, model, def);
      }
    }
    rec.create_date = now;
    rec.write_date = now;
    rec.create_uid = env.uid;
    rec.write_uid = env.uid;
    store.insert(rec);
    created.push({ rec, vals, relational });
  }
  for (const def of store.fields.values()) {
    for (const { rec, relational } of created) if (relational.has(def.name)) writeRelational(env, model, rec, def, relational.get(def.name));
  }
  try {
    // _create checks the create rules on the new records; Odoo's transaction then rolls back, here
    // the records (and what cascades from them) are removed again.
    checkRecordRules(env, model, created.map((c) => c.rec), 'create');
  } catch (error) {
    unlink(env.sudo(), model, created.map((c) => c.rec.id));
    throw error;
  }
  for (const { rec, vals } of created) spec.afterCreate?.(env, rec, vals);
  logCreation(env, model, created.map((c) => c.rec));
  env.services.changed();
  return created.map((c) => c.rec.id);
}

export function write(env: Env, model: string, ids: number[], vals: Record<string, unknown>): true {
  const hook = env.db.saveHook;
  if (hook) hook(env, model, 'write', ids, () => writeRecords(env, model, ids, vals));
  else writeRecords(env, model, ids, vals);
  return true;
}

function writeRecords(env: Env, model: string, ids: number[], vals: Record<string, unknown>): number[] {
  const store = env.store(model);
  const spec = store.spec;
  const recs = ensureExist(env, model, ids);
  for (const name of Object.keys(vals)) checkField(env, model, name);
  // Like Odoo's write(), the rules are checked on the records as they are before the change.
  checkRecordRules(env, model, recs, 'write');
  spec.beforeWrite?.(env, recs, vals);
  const scalar: Record<string, StoredValue> = {};
  const relational: [FieldDef, unknown][] = [];
  for (const [name, value] of Object.entries(vals)) {
    const def = checkField(env, model, name);
    if (spec.writers?.[name] || def.type === 'one2many' || def.type === 'many2many') relational.push([def, value]);
    else if (def.store && name !== 'id') {
      scalar[name] = toStored(model, def, value);
      if (def.required && isEmpty(scalar[name])) throw mandatoryFieldError(env, spec.description, model, def);
    }
  }
  scalar.write_date = formatDatetime(env.services.now());
  scalar.write_uid = env.uid;
  for (const rec of recs) {
    store.update(rec, scalar);
    for (const [def, value] of relational) writeRelational(env, model, rec, def, value);
  }
  spec.afterWrite?.(env, recs, vals);
  env.services.changed();
  return recs.map((r) => r.id);
}

/** unlink answers true even for ids already gone (odoo18-wire/072); dependants cascade or are cleared. */
export function unlink(env: Env, model: string, ids: number[]): true {
  const recs = existing(env, model, ids);
  checkRecordRules(env, model, recs, 'unlink');
  env.store(model).spec.beforeUnlink?.(env, recs);
  for (const rec of recs) removeRecord(env, model, rec.id);
  env.services.changed();
  return true;
}

function removeRecord(env: Env, model: string, id: number): void {
  const store = env.store(model);
  if (!store.remove(id)) return;
  for (const other of env.db.stores.values()) {
    for (const def of other.fields.values()) {
      if (def.relation !== model || !def.store || !other.hasIndex(def.name)) continue;
      const referencing = [...(other.lookup(def.name, id) ?? [])];
      for (const refId of referencing) {
        const ref = other.records.get(refId);
        if (!ref) continue;
        if (def.type === 'many2many') {
          other.update(ref, { [def.name]: ((ref[def.name] as number[]) ?? []).filter((x) => x !== id) });
        } else if (def.required) {
          removeRecord(env, other.spec.name, refId); // ondelete cascade
        } else {
          other.update(ref, { [def.name]: null }); // ondelete set null
        }
      }
    }
  }
}

/** Applies x2many command tuples (0 create, 1 update, 2 delete, 3 unlink, 4 link, 5 clear, 6 replace). */
export function writeRelational(env: Env, model: string, rec: Rec, def: FieldDef, value: unknown): void {
  const custom = env.store(model).spec.writers?.[def.name];
  if (custom) {
    custom(env, rec, value);
    return;
  }
  const comodel = def.relation ?? '';
  const commands = normalizeCommands(value);
  if (def.type === 'one2many') {
    const inverse = def.inverse ?? '';
    for (const cmd of commands) {
      const [op, id, vals] = cmd;
      if (op === 0) create(env, comodel, [{ ...(vals as Record<string, unknown>), [inverse]: rec.id }]);
      else if (op === 1) write(env, comodel, [id as number], vals as Record<string, unknown>);
      else if (op === 2) unlink(env, comodel, [id as number]);
      else if (op === 3) unlinkFromInverse(env, comodel, inverse, [id as number]);
      else if (op === 4) write(env, comodel, [id as number], { [inverse]: rec.id });
      else if (op === 5 || op === 6) {
        const current = [...(env.store(comodel).lookup(inverse, rec.id) ?? [])];
        const keep = op === 6 ? ((cmd[2] as number[]) ?? []) : [];
        unlinkFromInverse(env, comodel, inverse, current.filter((x) => !keep.includes(x)));
        for (const x of keep) write(env, comodel, [x], { [inverse]: rec.id });
      }
    }
    return;
  }
  let ids = new Set<number>(((rec[def.name] as number[] | undefined) ?? []).slice());
  for (const cmd of commands) {
    const [op, id, vals] = cmd;
    if (op === 0) ids.add(create(env, comodel, [vals as Record<string, unknown>])[0] as number);
    else if (op === 1) write(env, comodel, [id as number], vals as Record<string, unknown>);
    else if (op === 2) {
      unlink(env, comodel, [id as number]);
      ids.delete(id as number);
    } else if (op === 3) ids.delete(id as number);
    else if (op === 4) {
      if (env.db.has(comodel)) ensureExist(env, comodel, [id as number]);
      ids.add(id as number);
    } else if (op === 5) ids = new Set();
    else if (op === 6) {
      const list = (cmd[2] as number[]) ?? [];
      if (list.length && env.db.has(comodel)) ensureExist(env, comodel, list);
      ids = new Set(list);
    }
  }
  env.store(model).update(rec, { [def.name]: [...ids] });
}

function unlinkFromInverse(env: Env, comodel: string, inverse: string, ids: number[]): void {
  const def = env.field(comodel, inverse);
  if (def?.required) unlink(env, comodel, ids);
  else if (ids.length) write(env, comodel, ids, { [inverse]: false });
}

export type Command = [number, number | undefined, unknown];

/** Command tuples as sent; a bare id list means "replace" ([6, 0, ids]). */
export function normalizeCommands(value: unknown): Command[] {
  if (value === false || value === null || value === undefined) return [[5, undefined, undefined]];
  if (!Array.isArray(value)) throw valueError(`Wrong value for x2many field: ${JSON.stringify(value)}`);
  if (value.every((v) => typeof v === 'number')) return [[6, 0, value]];
  return value.map((cmd) => {
    if (!Array.isArray(cmd) || typeof cmd[0] !== 'number' || cmd[0] < 0 || cmd[0] > 6) {
      throw valueError(`Invalid x2many command: ${JSON.stringify(cmd)}`);
    }
    return [cmd[0], cmd[1] as number | undefined, cmd[2]];
  });
}

export function requireIds(value: unknown): number[] {
  if (typeof value === 'number' && Number.isInteger(value)) return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'number' && Number.isInteger(v))) return value as number[];
  if (Array.isArray(value) && value.length === 0) return [];
  throw userError(`Invalid ids ${JSON.stringify(value)}`);
}
