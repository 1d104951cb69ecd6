import { valueError } from '../errors';
import type { Env } from './env';
import type { Rec, StoredValue } from './types';

/** Odoo's regex_field_agg: "field", "field:agg" or "alias:agg(field)". */
const FIELD_AGG = /^(\w+)(?::(\w+)(?:\((\w+)\))?)?$/;
const FUNCTIONS = new Set(['count', 'count_distinct', 'sum', 'avg', 'min', 'max', 'bool_and', 'bool_or', 'array_agg']);
const NUMERIC = new Set(['integer', 'float', 'monetary']);

export interface AggregateSpec {
  /** The key in read_group's answer. */
  key: string;
  field: string;
  func: string;
}

/**
 * read_group's `fields` as Odoo 18's compatibility layer reads them (models.py read_group,
 * "annoted_aggregates"): 'field:agg' is keyed 'field', 'alias:agg(field)' is keyed 'alias', a bare
 * numeric field gets its default aggregator (sum) unless it is grouped on; '__count' is implied.
 */
export function parseReadGroupFields(env: Env, model: string, fields: unknown, grouped: string[]): AggregateSpec[] {
  const out: AggregateSpec[] = [];
  for (const spec of Array.isArray(fields) ? fields : []) {
    if (spec === '__count') continue;
    const match = typeof spec === 'string' ? FIELD_AGG.exec(spec) : null;
    if (!match) throw valueError(`Invalid field specification ${JSON.stringify(spec)}.`);
    const [, name = '', func, fname] = match;
    if (func) {
      out.push(checked(env, model, { key: name, field: fname ?? name, func }));
      continue;
    }
    const def = env.field(model, name);
    if (!def) throw valueError(`Invalid field '${name}' on model '${model}'`);
    if (def.store && NUMERIC.has(def.type) && !grouped.includes(name)) out.push({ key: name, field: name, func: 'sum' });
  }
  return out;
}

/** Odoo 19's `aggregates`: '__count' or 'field:agg', each keyed by the spec itself. */
export function parseAggregates(env: Env, model: string, aggregates: unknown): AggregateSpec[] {
  return (Array.isArray(aggregates) ? aggregates : []).map((spec) => {
    if (spec === '__count') return { key: '__count', field: 'id', func: 'count' };
    const [field = '', func = ''] = typeof spec === 'string' ? spec.split(':') : [];
    if (!func) throw valueError(`Invalid aggregate specification ${JSON.stringify(spec)}.`);
    return checked(env, model, { key: String(spec), field, func: func === 'recordset' ? 'array_agg' : func });
  });
}

function checked(env: Env, model: string, spec: AggregateSpec): AggregateSpec {
  if (spec.field !== 'id' && !env.field(model, spec.field)) throw valueError(`Invalid field '${spec.field}' on model '${model}'`);
  if (!FUNCTIONS.has(spec.func)) throw valueError(`Invalid aggregation function '${spec.func}'.`);
  return spec;
}

type Value = StoredValue | StoredValue[];

/**
 * One aggregate over a group, as PostgreSQL computes it (NULLs skipped), then Odoo's empty value
 * for a NULL result (_read_group_empty_value): 0 for counts, [] for array_agg, false otherwise.
 * Datetimes are stored as 'YYYY-MM-DD HH:MM:SS', so min/max compare as text and come back in the
 * same form Odoo serializes a datetime to.
 */
export function aggregate(env: Env, model: string, recs: Rec[], spec: AggregateSpec): Value {
  const values: StoredValue[] = [];
  for (const rec of recs) {
    const v = spec.field === 'id' ? rec.id : env.value(model, rec, spec.field);
    if (v !== null && v !== undefined && !(v === false && env.field(model, spec.field)?.type !== 'boolean')) values.push(v);
  }
  switch (spec.func) {
    case 'count':
      return values.length;
    case 'count_distinct':
      return new Set(values.map((v) => (Array.isArray(v) ? JSON.stringify(v) : v))).size;
    case 'array_agg':
      return values;
    case 'bool_and':
      return values.length ? values.every(Boolean) : false;
    case 'bool_or':
      return values.length ? values.some(Boolean) : false;
  }
  if (values.length === 0) return false;
  if (spec.func === 'sum' || spec.func === 'avg') {
    const sum = values.reduce<number>((s, v) => s + (typeof v === 'number' ? v : 0), 0);
    return spec.func === 'sum' ? sum : sum / values.length;
  }
  let best = values[0] as StoredValue;
  for (const v of values) if (v !== null && best !== null && (spec.func === 'max' ? v > best : v < best)) best = v;
  return best;
}
