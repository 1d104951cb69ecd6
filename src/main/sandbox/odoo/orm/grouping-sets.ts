import { valueError } from '../errors';
import type { Env } from './env';
import { search } from './crud';
import { formattedReadGroup } from './read-group';
import type { WireValue } from './values';

/**
 * Odoo 19's formatted_read_grouping_sets(domain, grouping_sets, aggregates=(), *, order=None)
 * (addons/web/models/models.py over odoo/orm/models.py _read_grouping_sets): several groupings of
 * the same records in one SQL query (GROUPING SETS), answered as one list per grouping set, each
 * formatted like formatted_read_group's groups (their values, aggregates and "__extra_domain").
 * - No grouping set is a ValueError; no matching record gives an empty list for every set (even
 *   for an empty set, where _read_group would still answer one row).
 * - The default order is every set's specs, each once, in the order they first appear. One ORDER
 *   BY runs over all the rows, where a row's columns from other sets are NULL, so within a set
 *   only its own terms sort it.
 * - `:recordset` aggregates are read as `:array_agg`, as formatted_read_group does.
 */
export function formattedReadGroupingSets(env: Env, model: string, domain: unknown, groupingSets: unknown, aggregates: unknown, order: string | null): Record<string, WireValue>[][] {
  const sets = (Array.isArray(groupingSets) ? groupingSets : []).map((set) => (Array.isArray(set) ? set.map(String) : [String(set)]));
  if (sets.length === 0) throw valueError("The 'grouping_sets' parameter cannot be empty.");
  const specs = (Array.isArray(aggregates) ? aggregates : []).map((a) => String(a).replace(':recordset', ':array_agg'));
  const ordering = order || [...new Set(sets.flat())].join(', ');
  if (search(env, model, domain ?? [], { limit: 1 }).length === 0) return sets.map(() => []);
  return sets.map((set) => formattedReadGroup(env, model, domain, set, specs, { order: ordering }));
}
