import { z } from 'zod';
import { malformedResponse, type CallSite } from './errors';
import type { OdooCall } from './transport';
import type { Domain, ReadGroupOptions, ReadGroupRow } from './types';

/** Odoo's own normalize_domain: makes the implicit top-level "&" explicit. */
export function normalizeDomain(domain: Domain): Domain {
  if (domain.length === 0) return [];
  const result: unknown[] = [];
  let expected = 1;
  for (const token of domain) {
    if (expected === 0) {
      result.unshift('&');
      expected = 1;
    }
    if (Array.isArray(token)) expected -= 1;
    else if (token === '&' || token === '|') expected += 1;
    result.push(token);
  }
  return result;
}

export function andDomains(left: Domain, right: Domain): Domain {
  if (left.length === 0) return normalizeDomain(right);
  if (right.length === 0) return normalizeDomain(left);
  return ['&', ...normalizeDomain(left), ...normalizeDomain(right)];
}

export interface GroupRequest {
  model: string;
  domain: Domain;
  fields: string[];
  groupby: string[];
  options: ReadGroupOptions;
}

const baseName = (spec: string): string => spec.split(':')[0] ?? spec;

/** Classic read_group(domain, fields, groupby, offset, limit, orderby, lazy): Odoo 16-19. */
export function readGroupCall(request: GroupRequest): OdooCall {
  const { options } = request;
  return {
    model: request.model,
    method: 'read_group',
    positional: [['domain', request.domain], ['fields', request.fields], ['groupby', request.groupby]],
    kwargs: {
      lazy: options.lazy ?? false,
      ...(options.offset !== undefined ? { offset: options.offset } : {}),
      ...(options.limit !== undefined ? { limit: options.limit } : {}),
      ...(options.orderby !== undefined ? { orderby: options.orderby } : {}),
    },
    context: options.context,
    mutating: false,
  };
}

/**
 * Odoo 19 deprecates read_group for formatted_read_group(domain, groupby, aggregates, having,
 * offset, limit, order) (odoo/orm/models.py, addons/web/models/models.py). It has no `lazy` (we
 * group by the first key only to mimic it) and needs an explicit aggregator per field, so a plain
 * field name that is not a groupby key cannot be translated: callers then use read_group.
 */
export function formattedReadGroupCall(request: GroupRequest): OdooCall | undefined {
  const groupby = request.options.lazy ? request.groupby.slice(0, 1) : request.groupby;
  const grouped = new Set(request.groupby.map(baseName));
  const aggregates: string[] = ['__count'];
  for (const field of request.fields) {
    if (field.includes(':')) aggregates.push(field);
    else if (!grouped.has(field) && field !== '__count') return undefined;
  }
  const { options } = request;
  return {
    model: request.model,
    method: 'formatted_read_group',
    positional: [['domain', request.domain]],
    kwargs: {
      groupby,
      aggregates,
      ...(options.offset !== undefined ? { offset: options.offset } : {}),
      ...(options.limit !== undefined ? { limit: options.limit } : {}),
      ...(options.orderby !== undefined ? { order: options.orderby } : {}),
    },
    context: options.context,
    mutating: false,
  };
}

const Rows = z.array(z.record(z.string(), z.unknown()));

/**
 * One row shape whatever the method: the count is `__count` (lazy read_group names it
 * "<field>_count", odoo18-wire/047 vs 048), aggregates are keyed by field name like read_group
 * does, and `__domain` is the full domain of the group (formatted_read_group only gives the
 * group's own part as `__extra_domain`).
 */
export function normalizeGroupRows(result: unknown, request: GroupRequest, site: CallSite, secrets: readonly string[]): ReadGroupRow[] {
  const parsed = Rows.safeParse(result);
  if (!parsed.success) throw malformedResponse(site, 'read_group did not return a list of groups', JSON.stringify(result) ?? '', secrets);
  const firstKey = request.groupby[0];
  const lazyCountKeys = firstKey ? [`${baseName(firstKey)}_count`, `${firstKey}_count`] : [];
  return parsed.data.map((raw) => {
    const row: Record<string, unknown> = {};
    let count: unknown = raw.__count;
    for (const [key, value] of Object.entries(raw)) {
      if (key === '__count' || key === '__extra_domain') continue;
      if (lazyCountKeys.includes(key) && count === undefined) {
        count = value;
        continue;
      }
      const aggregate = /^(\w+):\w+$/.exec(key);
      const isAggregate = aggregate?.[1] !== undefined && request.fields.includes(key) && !request.groupby.includes(key);
      row[isAggregate && aggregate?.[1] ? aggregate[1] : key] = value;
    }
    if (typeof count !== 'number') throw malformedResponse(site, 'a group has no count', JSON.stringify(raw) ?? '', secrets);
    if (Array.isArray(raw.__extra_domain)) row.__domain = andDomains(request.domain, raw.__extra_domain);
    return { ...row, __count: count } as ReadGroupRow;
  });
}
