import { valueError } from '../errors';
import { aggregate, parseAggregates, parseReadGroupFields, type AggregateSpec } from './aggregate';
import { compareScalar, NEGATIVE, parseDomain, parseValidDomain, type DomainNode } from './domain';
import type { Env } from './env';
import { parseOrder } from './env';
import { search } from './crud';
import { datePart, parseGroupSpec, periodEnd, periodLabel, periodStart, type GroupSpec } from './granularity';
import type { Rec, StoredValue } from './types';
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
  /** Each groupby spec's value: the stored value, or the start of the period for a date granularity. */
  keys: Map<string, StoredValue>;
  values: Map<string, WireValue>;
}

const groupKey = (env: Env, model: string, rec: Rec, g: GroupSpec): StoredValue => {
  const value = env.value(model, rec, g.field);
  if (g.number) return datePart(g.number, value);
  return g.granularity ? periodStart(g, value) : value;
};

/** Groups the matching records by `groupby` (stored values, or periods of dates) and computes `aggregates` per group. */
export function groupRecords(env: Env, model: string, domain: unknown, groupby: GroupSpec[], aggregates: AggregateSpec[]): Group[] {
  parseValidDomain(env, model, domain);
  const store = env.store(model);
  const groups = new Map<string, Group>();
  for (const id of search(env, model, domain, { order: 'id' })) {
    const rec = store.records.get(id) as Rec;
    const keys = groupby.map((g) => groupKey(env, model, rec, g));
    const key = keys.length === 1 ? String(keys[0]) : JSON.stringify(keys);
    const group = groups.get(key);
    if (group) group.recs.push(rec);
    else groups.set(key, { rep: rec, recs: [rec], keys: new Map(groupby.map((g, i) => [g.spec, keys[i] ?? null])), values: new Map() });
  }
  const out = [...groups.values()];
  // A read_group with no groupby answers one group over everything (Odoo 19's _read_group).
  if (groupby.length === 0 && out.length === 0) out.push({ rep: { id: 0 }, recs: [], keys: new Map(), values: new Map() });
  for (const group of out) {
    group.values.set('__count', group.recs.length);
    for (const spec of aggregates) group.values.set(spec.key, aggregate(env, model, group.recs, spec) as WireValue);
  }
  return out;
}

/** Orders groups by grouped fields (through the records' own order) and by aggregate keys. */
function sortGroups(env: Env, model: string, groups: Group[], order: string, groupby: GroupSpec[]): Group[] {
  const terms = parseOrder(order);
  const plain = groupby.filter((g) => !g.granularity && !g.number).map((g) => g.field);
  const periods = new Map(groupby.filter((g) => g.granularity || g.number).flatMap((g) => [[g.spec, g], [g.field, g]] as const));
  const ranks = terms.map((t) => {
    if (!plain.includes(t.field) || groups.length < 2) return null;
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
      const period = periods.get(t.field);
      if (rank) c = (rank.get(x.rep.id) ?? 0) - (rank.get(y.rep.id) ?? 0);
      else if (period) {
        // Periods sort by their start (date parts by their number), empty last (PostgreSQL's NULLS LAST in ascending order).
        c = compareValues(x.keys.get(period.spec) as WireValue, y.keys.get(period.spec) as WireValue);
        if (t.desc) c = -c;
      } else {
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
  const used = (lazy ? groupList.slice(0, 1) : groupList).map((g) => parseGroupSpec(env, model, g));
  const specs = parseReadGroupFields(env, model, fields, used.map((g) => g.field));
  const countKey = lazy ? `${used[0]?.field}_count` : '__count';
  const groups = groupRecords(env, model, domain, used, specs);
  for (const g of groups) g.values.set(countKey, g.recs.length);
  const sorted = sortGroups(env, model, groups, options.orderby || used.map((g) => g.spec).join(', '), used);
  const base = normalizeDomain(Array.isArray(domain) ? domain : []);
  return page(sorted, options.offset ?? 0, options.limit).map((group) => {
    const { row, leaves } = groupRow(env, model, group, used, 'read_group');
    row[countKey] = group.recs.length;
    for (const spec of specs) row[spec.key] = group.values.get(spec.key) ?? false;
    const terms = leaves.filter((l) => Array.isArray(l)).length - leaves.filter((l) => l === '&').length;
    const ands = (base.length ? 1 : 0) + terms - 1;
    row.__domain = [...Array(Math.max(ands, 0)).fill('&'), ...base, ...leaves] as WireValue;
    if (lazy && groupList.length > 1) row.__context = { group_by: groupList.slice(1) };
    return row;
  });
}

/**
 * A group's groupby values as Odoo shows them, and the domain leaves that select its records.
 * A period is [start, label] in formatted_read_group (odoo19-json2-wire/246) and the label with a
 * "__range" in read_group (Odoo 18's _read_group_format_result); both select it with >= start, < end.
 */
function groupRow(env: Env, model: string, group: Group, used: GroupSpec[], method: 'read_group' | 'formatted_read_group'): { row: Record<string, WireValue>; leaves: unknown[] } {
  const row: Record<string, WireValue> = {};
  const leaves: unknown[] = [];
  const ranges: Record<string, WireValue> = {};
  for (const g of used) {
    if (g.number) {
      // A date part is a plain number; its leaf names the part as a path (odoo/models.py _read_group_format_result).
      const part = group.keys.get(g.spec);
      row[g.spec] = typeof part === 'number' ? part : false;
      leaves.push([`${g.field}.${g.number}`, '=', row[g.spec]]);
      continue;
    }
    if (!g.granularity) {
      row[method === 'read_group' ? g.field : g.spec] = groupedValue(env, model, group, g.field);
      leaves.push([g.field, '=', leafValue(env.value(model, group.rep, g.field))]);
      continue;
    }
    const start = group.keys.get(g.spec);
    if (typeof start !== 'string') {
      row[g.spec] = false;
      ranges[g.spec] = false;
      leaves.push([g.field, '=', false]);
      continue;
    }
    const end = periodEnd(g, start);
    row[g.spec] = method === 'read_group' ? periodLabel(g, start) : [start, periodLabel(g, start)];
    ranges[g.spec] = { from: start, to: end };
    leaves.push('&', [g.field, '>=', start], [g.field, '<', end]);
  }
  if (method === 'read_group' && Object.keys(ranges).length > 0) row.__range = ranges;
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
  const used = ((Array.isArray(groupby) ? groupby : []) as unknown[]).map((g) => parseGroupSpec(env, model, String(g)));
  const specs = parseAggregates(env, model, aggregates);
  let groups = groupRecords(env, model, domain, used, specs);
  const having = parseDomain(options.having ?? []);
  if (having.kind !== 'const') groups = groups.filter((g) => havingHolds(having, g.values));
  const sorted = sortGroups(env, model, groups, options.order || used.map((g) => g.spec).join(', '), used);
  return page(sorted, options.offset ?? 0, options.limit).map((group) => {
    const { row, leaves } = groupRow(env, model, group, used, 'formatted_read_group');
    const terms = leaves.filter((l) => Array.isArray(l)).length - leaves.filter((l) => l === '&').length;
    row.__extra_domain = [...Array(Math.max(terms - 1, 0)).fill('&'), ...leaves] as WireValue;
    for (const spec of specs) row[spec.key] = group.values.get(spec.key) ?? false;
    return row;
  });
}

/**
 * web_read_group's answer (web/models/models.py, 19): the page of groups, and their number — counted
 * again without the page only when the page is full, as _web_read_group does.
 */
export function webReadGroup(
  env: Env,
  model: string,
  domain: unknown,
  groupby: unknown,
  aggregates: unknown,
  options: { offset: number; limit: number | null; order: string | null },
): { groups: Record<string, WireValue>[]; length: number } {
  const groups = formattedReadGroup(env, model, domain, groupby, aggregates, options);
  const full = options.limit !== null && groups.length === options.limit;
  const length = full ? formattedReadGroup(env, model, domain, groupby, [], { order: options.order }).length : options.offset + groups.length;
  return { groups, length };
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

/**
 * The kanban progress bars' read_progress_bar(domain, group_by, progress_bar) (addons/web/models/models.py):
 * records counted per group_by value, as text, and per value of progress_bar.field found among
 * progress_bar.colors (a dict's keys, or a list's items as given: 9 is not "9"), each listed value
 * present with 0. Unlike read_group it copies no domain into its answer. The values are the grouped
 * query's, as each version formats them:
 * - Odoo 18 reads them from read_group(lazy=False): a period is its label ("09:00 01 Mar", whose
 *   12-hour clock puts 9 am and 9 pm in one entry; "01 Mar 2026" for a day), a many2one is
 *   (id, name) (the group as its id; never a bar value), and every group_by value gets its entry,
 *   even with nothing counted.
 * - Odoo 19 reads them from formatted_read_group: a period is (start, label) (the group as its
 *   start; never a bar value), and only a group with a counted bar value gets an entry.
 * A date part ("open_datetime:hour_number") is a number in both.
 */
export function readProgressBar(env: Env, model: string, domain: unknown, groupBy: unknown, progressBar: unknown): Record<string, Record<string, number>> {
  const bar = (progressBar ?? {}) as { field?: unknown; colors?: unknown };
  if (typeof groupBy !== 'string' || typeof bar.field !== 'string') throw valueError('read_progress_bar needs a group_by and a progress_bar field');
  const colors: unknown[] = Array.isArray(bar.colors) ? bar.colors : Object.keys((bar.colors ?? {}) as object);
  const main = parseGroupSpec(env, model, groupBy);
  const field = parseGroupSpec(env, model, bar.field);
  const mainDef = env.field(model, main.field);
  const fieldDef = env.field(model, field.field);
  const v18 = Number(env.services.version.split('.')[0]) < 19;
  // An empty value: str() of an empty record's id (False) or of None in Odoo 18; of False in 19.
  const empty = mainDef?.type === 'many2one' || !v18 ? 'False' : 'None';
  const zeros = (): Record<string, number> => Object.fromEntries(colors.map((c) => [String(c), 0]));
  const result: Record<string, Record<string, number>> = {};
  for (const group of groupRecords(env, model, domain, [main, field], [])) {
    const key = group.keys.get(main.spec);
    const text = key === null || key === undefined || key === false ? empty : v18 && main.granularity ? periodLabel(main, String(key)) : String(key);
    if (v18) result[text] ??= zeros();
    const raw = group.keys.get(field.spec);
    // A period or a many2one is a pair in both versions' rows, except an 18 period, which is its label.
    const pair = fieldDef?.type === 'many2one' || (field.granularity !== null && !v18);
    const value = typeof raw === 'string' && field.granularity && v18 ? periodLabel(field, raw) : raw;
    if (pair || (typeof value !== 'string' && typeof value !== 'number') || !colors.includes(value)) continue;
    const counts = (result[text] ??= zeros());
    counts[String(value)] = (counts[String(value)] ?? 0) + group.recs.length;
  }
  return result;
}
