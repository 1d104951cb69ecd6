import { valueError } from '../errors';
import { parseDomain, validateDomain } from './domain';
import type { Env } from './env';
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

/**
 * read_group as Odoo 18 answers it: lazy groups by the first field with "<field>_count"
 * (odoo18-wire/047), non-lazy by all with "__count" (048); "__domain" is the AND of the request
 * domain and the group leaves; many2one values are [id, name].
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
  const used = lazy ? groupList.slice(0, 1) : groupList;
  const parsed = parseDomain(domain);
  validateDomain(env, model, parsed);
  for (const g of used) if (!env.field(model, g.split(':')[0] ?? g)) throw valueError(`Invalid field '${g}' on model '${model}'`);
  const ids = search(env, model, domain);
  const store = env.store(model);
  const aggregates = ((Array.isArray(fields) ? fields : []) as string[])
    .map((f) => f.split(':')[0] ?? f)
    .filter((f) => !used.includes(f) && ['integer', 'float', 'monetary'].includes(env.field(model, f)?.type ?? ''));

  const groups = new Map<string, { rep: Rec; ids: number[] }>();
  for (const id of ids) {
    const rec = store.records.get(id) as Rec;
    const key = JSON.stringify(used.map((g) => env.value(model, rec, g)));
    const group = groups.get(key);
    if (group) group.ids.push(id);
    else groups.set(key, { rep: rec, ids: [id] });
  }
  const reps = [...groups.values()];
  const order = options.orderby || used.join(', ');
  const sortedRepIds = env.sortIds(model, reps.map((g) => g.rep.id), order);
  const byRep = new Map(reps.map((g) => [g.rep.id, g]));
  const base = normalizeDomain(Array.isArray(domain) ? domain : []);
  let result = sortedRepIds.map((repId) => {
    const group = byRep.get(repId) as { rep: Rec; ids: number[] };
    const row: Record<string, WireValue> = {};
    const leaves: unknown[] = [];
    for (const g of used) {
      const def = env.field(model, g);
      const stored = env.value(model, group.rep, g);
      row[g] = def ? toWire(env, def, stored) : false;
      leaves.push([g, '=', typeof stored === 'number' || typeof stored === 'string' || typeof stored === 'boolean' ? stored : false]);
    }
    if (lazy) row[`${used[0]}_count`] = group.ids.length;
    else row.__count = group.ids.length;
    for (const f of aggregates) {
      row[f] = group.ids.reduce((sum, id) => {
        const v = env.value(model, store.records.get(id) as Rec, f);
        return sum + (typeof v === 'number' ? v : 0);
      }, 0);
    }
    const all = [...base, ...leaves];
    const ands = (base.length ? 1 : 0) + leaves.length - 1;
    row.__domain = [...Array(Math.max(ands, 0)).fill('&'), ...all] as WireValue;
    if (lazy && groupList.length > 1) row.__context = { group_by: groupList.slice(1) };
    return row;
  });
  const offset = options.offset ?? 0;
  result = result.slice(offset, options.limit ? offset + options.limit : undefined);
  return result;
}
