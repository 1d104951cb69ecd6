import { valueError } from '../errors';
import { aggregate, parseAggregates, parseReadGroupFields, type AggregateSpec } from './aggregate';
import { compareScalar, NEGATIVE, parseDomain, validateDomain, type DomainNode } from './domain';
import type { Env } from './env';
import { parseOrder } from './env';
import { search } from './crud';
import type { Rec } from './types';
import { toWire, type WireValue } from './values';

/** Odoo's normalize_domain: explicit '&' for implicit conjunctions. */
export function normalizeDomain(domain: unknown[]): unknown[] {
  if (domain.length === 0) return [];
  let expected = 1;
  const out: unknown[] = [];
  for (const item of domain) {
    if (expected === 0) {
      out.unshift('&');
      expected = 1;
    }
    if (item === '&' || item === '|') expected += 1;
    else if (item !== '!') expected -= 1;
    out.push(item);
  }
  return out;
}

interface Group {
  rep: Rec;
  recs: Rec[];
  values: Map<string, WireValue>;
}

/** Groups the matching records by the stored values of `groupby` and computes `aggregates` per group. */
function groupRecords(env: Env, model: string, domain: unknown, groupby: string[], aggregates: AggregateSpec[]): Group[] {
  const parsed = parseDomain(domain);
  validateDomain(env, model, parsed);
  for (const g of groupby) if (!env.field(model, g)) throw valueError(`Invalid field '${g}' on model '${model}'`);
  const store = env.store(model);
  const groups = new Map<string, Group>();
  for (const id of search(env, model, domain, { order: 'id' })) {
    const rec = store.records.get(id) as Rec;
    const key = groupby.length === 1 ? String(env.value(model, rec, groupby[0] as string)) : JSON.stringify(groupby.map((g) => env.value(model, rec, g)));
    const group = groups.get(key);
    if (group) group.recs.push(rec);
    else groups.set(key, { rep: rec, recs: [rec], values: new Map() });
  }
  const out = [...groups.values()];
  // A read_group with no groupby answers one group over everything (Odoo 19's _read_group).
  if (groupby.length === 0 && out.length === 0) out.push({ rep: { id: 0 }, recs: [], values: new Map() });
  for (const group of out) {
    group.values.set('__count', group.recs.length);
    for (const spec of aggregates) group.values.set(spec.key, aggregate(env, model, group.recs, spec) as WireValue);
  }
  return out;
}

/** Orders groups by grouped fields (through the records' own order) and by aggregate keys. */
function sortGroups(env: Env, model: string, groups: Group[], order: string, groupby: string[]): Group[] {
  const terms = parseOrder(order);
  const ranks = terms.map((t) => {
    if (!groupby.includes(t.field) || groups.length < 2) return null;
    const sorted = env.sortIds(model, groups.map((g) => g.rep.id), `${t.field} ${t.desc ? 'desc' : 'asc'}`);
    return new Map(sorted.map((id, i) => [id, i]));
  });
  const compareValues = (a: WireValue | undefined, b: WireValue | undefined): number => {
    const an = a === undefined || a === null || a === false;
    const bn = b === undefined || b === null || b === false;
    if (an || bn) return an && bn ? 0 : an ? 1 : -1;
    return (a as number | string) < (b as number | string) ? -1 : (a as number | string) > (b as number | string) ? 1 : 0;
  };
  return [...groups].sort((x, y) => {
    for (const [i, t] of terms.entries()) {
      const rank = ranks[i];
      let c: number;
      if (rank) c = (rank.get(x.rep.id) ?? 0) - (rank.get(y.rep.id) ?? 0);
      else {
        c = compareValues(x.values.get(t.field), y.values.get(t.field));
        if (t.desc) c = -c;
      }
      if (c !== 0) return c;
    }
    return 0;
  });
}

const leafValue = (v: unknown): string | number | boolean => (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' ? v : false);

function groupedValue(env: Env, model: string, group: Group, field: string): WireValue {
  const def = env.field(model, field);
  return def ? toWire(env, def, env.value(model, group.rep, field)) : false;
}

function page<T>(rows: T[], offset: number, limit: number | null | undefined): T[] {
  return rows.slice(offset, limit ? offset + limit : undefined);
}

/**
 * read_group as Odoo 18 answers it: lazy groups by the first field with "<field>_count"
 * (odoo18-wire/047), non-lazy by all with "__count" (048); "__domain" is the AND of the request
 * domain and the group leaves; many2one values are [id, name]; aggregates keyed as in
 * parseReadGroupFields ('open_datetime:max' -> 'open_datetime').
 */
export function readGroup(
  env: Env,
  model: string,
  domain: unknown,
  fields: unknown,
  groupby: unknown,
  options: { offset?: number; limit?: number | null; orderby?: string | null; lazy?: boolean },
): Record<string, WireValue>[] {
  const groupList = (Array.isArray(groupby) ? groupby : typeof groupby === 'string' ? [groupby] : []) as string[];
  if (groupList.length === 0) throw valueError('read_group needs at least one groupby field');
  const lazy = options.lazy !== false;
  const used = (lazy ? groupList.slice(0, 1) : groupList).map((g) => g.split(':')[0] ?? g);
  const specs = parseReadGroupFields(env, model, fields, used);
  const countKey = lazy ? `${used[0]}_count` : '__count';
  const groups = groupRecords(env, model, domain, used, specs);
  for (const g of groups) g.values.set(countKey, g.recs.length);
  const sorted = sortGroups(env, model, groups, options.orderby || used.join(', '), used);
  const base = normalizeDomain(Array.isArray(domain) ? domain : []);
  return page(sorted, options.offset ?? 0, options.limit).map((group) => {
    const { row, leaves } = groupRow(env, model, group, used);
    row[countKey] = group.recs.length;
    for (const spec of specs) row[spec.key] = group.values.get(spec.key) ?? false;
    const all = [...base, ...leaves];
    const ands = (base.length ? 1 : 0) + leaves.length - 1;
    row.__domain = [...Array(Math.max(ands, 0)).fill('&'), ...all] as WireValue;
    if (lazy && groupList.length > 1) row.__context = { group_by: groupList.slice(1) };
    return row;
  });
}

/** A group's groupby values as Odoo shows them, and the domain leaves that select its records. */
function groupRow(env: Env, model: string, group: Group, used: string[]): { row: Record<string, WireValue>; leaves: unknown[] } {
  const row: Record<string, WireValue> = {};
  const leaves: unknown[] = [];
  for (const g of used) {
    row[g] = groupedValue(env, model, group, g);
    leaves.push([g, '=', leafValue(env.value(model, group.rep, g))]);
  }
  return { row, leaves };
}

/**
 * Odoo 19's formatted_read_group(domain, groupby, aggregates, having, offset, limit, order)
 * (odoo/orm/models.py, _web_read_group_format): one dict per group with each groupby spec, each
 * aggregate spec as its own key ('__count', 'open_datetime:max') and '__extra_domain', the AND of
 * the group's leaves. `having` filters groups on aggregate specs.
 */
export function formattedReadGroup(
  env: Env,
  model: string,
  domain: unknown,
  groupby: unknown,
  aggregates: unknown,
  options: { having?: unknown; offset?: number; limit?: number | null; order?: string | null },
): Record<string, WireValue>[] {
  const used = ((Array.isArray(groupby) ? groupby : []) as unknown[]).map(String);
  const specs = parseAggregates(env, model, aggregates);
  let groups = groupRecords(env, model, domain, used, specs);
  const having = parseDomain(options.having ?? []);
  if (having.kind !== 'const') groups = groups.filter((g) => havingHolds(having, g.values));
  const sorted = sortGroups(env, model, groups, options.order || used.join(', '), used);
  return page(sorted, options.offset ?? 0, options.limit).map((group) => {
    const { row, leaves } = groupRow(env, model, group, used);
    row.__extra_domain = (leaves.length > 1 ? [...Array(leaves.length - 1).fill('&'), ...leaves] : leaves) as WireValue;
    for (const spec of specs) row[spec.key] = group.values.get(spec.key) ?? false;
    return row;
  });
}

/** `having` leaves name aggregate specs ('__count', 'amount:sum') and compare the group's values. */
function havingHolds(node: DomainNode, values: Map<string, WireValue>): boolean {
  switch (node.kind) {
    case 'const':
      return node.value;
    case 'and':
      return node.children.every((c) => havingHolds(c, values));
    case 'or':
      return node.children.some((c) => havingHolds(c, values));
    case 'not':
      return !havingHolds(node.child, values);
    case 'leaf': {
      const positive = NEGATIVE.get(node.op);
      if (positive) return !havingHolds({ ...node, op: positive }, values);
      return compareScalar(values.get(node.path) ?? null, node.op, node.value);
    }
  }
}
