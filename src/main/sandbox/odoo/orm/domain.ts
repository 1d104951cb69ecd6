import { valueError } from '../errors';
import type { Env } from './env';
import { pyRepr, pyTupleRepr } from './pyrepr';
import { checkDomain19 } from './domain-19';
import { IdSet, intersect, union } from './id-set';
import type { Rec } from './types';

/** A parsed domain: Odoo's prefix notation turned into a tree. */
export type DomainNode =
  | { kind: 'and' | 'or'; children: DomainNode[] }
  | { kind: 'not'; child: DomainNode }
  | { kind: 'const'; value: boolean }
  | { kind: 'leaf'; path: string; op: string; value: unknown };

const OPERATORS = new Set([
  '=', '!=', '<>', '<', '>', '<=', '>=', 'in', 'not in', 'like', 'ilike', '=like', '=ilike',
  'not like', 'not ilike', 'any', 'not any',
]);
export const NEGATIVE = new Map([
  ['!=', '='], ['<>', '='], ['not in', 'in'], ['not like', 'like'], ['not ilike', 'ilike'], ['not any', 'any'],
]);

/** Parses prefix notation: '&' / '|' take two operands, '!' one; consecutive terms are AND-ed. */
export function parseDomain(domain: unknown): DomainNode {
  if (domain === undefined || domain === null || domain === false) return { kind: 'const', value: true };
  if (!Array.isArray(domain)) throw valueError(`Invalid domain: ${pyRepr(domain)}`);
  let i = 0;
  const next = (): DomainNode => {
    if (i >= domain.length) throw valueError(`Domain ${pyRepr(domain)} is syntactically not correct.`);
    const item: unknown = domain[i++];
    if (item === '&' || item === '|') {
      const a = next();
      const b = next();
      return { kind: item === '&' ? 'and' : 'or', children: [a, b] };
    }
    if (item === '!') return { kind: 'not', child: next() };
    return parseLeaf(item);
  };
  const terms: DomainNode[] = [];
  while (i < domain.length) terms.push(next());
  if (terms.length === 0) return { kind: 'const', value: true };
  return terms.length === 1 ? (terms[0] as DomainNode) : { kind: 'and', children: terms };
}

function parseLeaf(item: unknown): DomainNode {
  if (!Array.isArray(item) || item.length !== 3) throw valueError(`Invalid leaf ${pyRepr(item)}`);
  const [left, op, right] = item as [unknown, unknown, unknown];
  // Odoo's TRUE_LEAF (1, '=', 1) and FALSE_LEAF (0, '=', 1).
  if (typeof left === 'number' && op === '=' && right === 1) return { kind: 'const', value: left === 1 };
  if (typeof left !== 'string' || typeof op !== 'string' || !OPERATORS.has(op.toLowerCase())) {
    throw valueError(`Invalid leaf ${pyTupleRepr(item)}`);
  }
  return { kind: 'leaf', path: left, op: op.toLowerCase(), value: right };
}

/** A domain from a caller, refused as the server's version refuses it, then checked against the fields. */
export function parseValidDomain(env: Env, model: string, domain: unknown): DomainNode {
  if (Number(env.services.version.split('.')[0]) >= 19) checkDomain19(domain, OPERATORS);
  const parsed = parseDomain(domain);
  validateDomain(env, model, parsed);
  return parsed;
}

/**
 * Checks every leaf names real fields: "Invalid field mailing.contact.no_such_field in leaf (…)" on
 * Odoo 18 (odoo18-wire/089), "… in condition (…)" on 19 (odoo19-json2-wire/112).
 */
export function validateDomain(env: Env, model: string, node: DomainNode): void {
  const term = Number(env.services.version.split('.')[0]) >= 19 ? 'condition' : 'leaf';
  forEachLeaf(node, (leaf) => {
    let current = model;
    const parts = leaf.path.split('.');
    parts.forEach((part, index) => {
      const def = part === 'id' ? { type: 'integer' } : env.field(current, part);
      if (!def) {
        throw valueError(`Invalid field ${current}.${part} in ${term} ${pyTupleRepr([leaf.path, leaf.op, leaf.value])}`);
      }
      if (index < parts.length - 1) {
        const relation = 'relation' in def ? def.relation : undefined;
        if (!relation) throw valueError(`Invalid field ${current}.${part} in ${term} ${pyTupleRepr([leaf.path, leaf.op, leaf.value])}`);
        current = relation;
      }
    });
  });
}

export function forEachLeaf(node: DomainNode, fn: (leaf: Extract<DomainNode, { kind: 'leaf' }>) => void): void {
  if (node.kind === 'leaf') fn(node);
  else if (node.kind === 'not') forEachLeaf(node.child, fn);
  else if (node.kind === 'and' || node.kind === 'or') node.children.forEach((c) => forEachLeaf(c, fn));
}

/** Does `rec` satisfy the domain? */
export function matches(env: Env, model: string, rec: Rec, node: DomainNode): boolean {
  switch (node.kind) {
    case 'const':
      return node.value;
    case 'and':
      return node.children.every((c) => matches(env, model, rec, c));
    case 'or':
      return node.children.some((c) => matches(env, model, rec, c));
    case 'not':
      return !matches(env, model, rec, node.child);
    case 'leaf':
      return matchLeaf(env, model, rec, node.path, node.op, node.value);
  }
}

export function matchLeaf(env: Env, model: string, rec: Rec, path: string, op: string, value: unknown): boolean {
  const negated = NEGATIVE.get(op);
  // Negative operators are the complement of their positive twin, NULLs included
  // (Odoo adds "OR col IS NULL" to !=, not in, not like; x2many paths become "not any").
  if (negated) return !matchLeaf(env, model, rec, path, negated, value);
  const dot = path.indexOf('.');
  const head = dot < 0 ? path : path.slice(0, dot);
  if (head === 'id') return compareScalar(rec.id, op, value);
  const def = env.field(model, head);
  if (!def) return false;
  const isRelation = def.type === 'many2one' || def.type === 'one2many' || def.type === 'many2many';
  const stored = isRelation ? null : env.value(model, rec, head);
  const related = isRelation ? env.relatedIds(model, rec, head) : [];
  if (dot >= 0 && def.relation) {
    const rest = path.slice(dot + 1);
    const comodel = def.relation;
    return related.some((id) => {
      const target = env.browse(comodel, id);
      return target ? matchLeaf(env, comodel, target, rest, op, value) : false;
    });
  }
  if (op === 'any') {
    const sub = parseDomain(value);
    return related.some((id) => {
      const target = def.relation ? env.browse(def.relation, id) : undefined;
      return target && def.relation ? matches(env, def.relation, target, sub) : false;
    });
  }
  if (def.type === 'many2one' || def.type === 'one2many' || def.type === 'many2many') {
    return matchRelational(env, def.relation ?? '', related, op, value);
  }
  return compareScalar(stored, op, value);
}

function matchRelational(env: Env, comodel: string, ids: number[], op: string, value: unknown): boolean {
  const values = Array.isArray(value) ? value : [value];
  if (op === '=' || op === 'in') {
    if (values.some((v) => v === false || v === null) && ids.length === 0) return true;
    const wanted = values.filter((v) => v !== false && v !== null);
    if (wanted.every((v) => typeof v === 'number')) return ids.some((id) => wanted.includes(id));
    // A name given for a relation: Odoo compares it with the target's display name.
    return ids.some((id) => {
      const target = env.browse(comodel, id);
      return target ? wanted.includes(env.displayName(comodel, target)) : false;
    });
  }
  if (['like', 'ilike', '=like', '=ilike'].includes(op)) {
    return ids.some((id) => {
      const target = env.browse(comodel, id);
      return target ? compareScalar(env.displayName(comodel, target), op, value) : false;
    });
  }
  // < > on a many2one compare the id, as SQL does on the column.
  return ids.some((id) => compareScalar(id, op, value));
}

function isFalsy(v: unknown): boolean {
  return v === null || v === undefined || v === false || v === '';
}

export function compareScalar(stored: unknown, op: string, value: unknown): boolean {
  switch (op) {
    case '=':
      if (value === false || value === null) return isFalsy(stored);
      return stored === value || (stored === null && value === false);
    case 'in': {
      const list = Array.isArray(value) ? value : [value];
      if (isFalsy(stored)) return list.some((v) => v === false || v === null) || list.includes(stored);
      return list.includes(stored);
    }
    case '<':
    case '>':
    case '<=':
    case '>=': {
      if (isFalsy(stored) && stored !== 0 && stored !== false) return false;
      if (value === false || value === null) return false;
      const a = stored as string | number;
      const b = value as string | number;
      return op === '<' ? a < b : op === '>' ? a > b : op === '<=' ? a <= b : a >= b;
    }
    case 'like':
    case 'ilike':
    case '=like':
    case '=ilike': {
      if (typeof stored !== 'string' && typeof stored !== 'number') return false;
      const pattern = op.startsWith('=') ? String(value) : `%${String(value)}%`;
      return likeToRegExp(pattern, op.endsWith('ilike')).test(String(stored));
    }
    default:
      return false;
  }
}

const likeCache = new Map<string, RegExp>();

/** SQL LIKE: % is any run, _ one character, \ escapes. */
export function likeToRegExp(pattern: string, insensitive: boolean): RegExp {
  const key = `${insensitive ? 'i' : 's'}${pattern}`;
  const cached = likeCache.get(key);
  if (cached) return cached;
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === '\\' && i + 1 < pattern.length) source += escapeRegExp(pattern[++i] as string);
    else if (ch === '%') source += '[\\s\\S]*';
    else if (ch === '_') source += '[\\s\\S]';
    else source += escapeRegExp(ch);
  }
  const re = new RegExp(`^${source}$`, insensitive ? 'i' : '');
  if (likeCache.size > 500) likeCache.clear();
  likeCache.set(key, re);
  return re;
}

function escapeRegExp(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * Ids that can possibly match, from indexes; null means "every record" (no usable index).
 * `exact` says the indexes answered the whole domain, so the predicate need not run again.
 * The sets may be an index's own posting: read them, never change them.
 */
export interface Candidates {
  ids: IdSet;
  exact: boolean;
}

export function indexed(env: Env, model: string, node: DomainNode): Candidates | null {
  switch (node.kind) {
    case 'const':
      return node.value ? null : { ids: new IdSet(), exact: true };
    case 'not':
      return null;
    case 'and': {
      // A leaf whose postings are far larger than another part's answer is left to the predicate
      // (run on the few candidates anyway) instead of unioned: `trace_status in [...]` beside
      // `res_id in [a page's ids]` would otherwise walk every trace, as PostgreSQL's planner would not.
      const estimates = node.children.map((c) => (c.kind === 'leaf' ? leafEstimate(env, model, c.path, c.op, c.value) : null));
      const computed = node.children.map((c, i) => (estimates[i] === null ? indexed(env, model, c) : undefined));
      const sizes = [...computed.map((c) => c?.ids.size), ...estimates].filter((n): n is number => typeof n === 'number');
      const bound = sizes.length > 0 ? 4 * Math.min(...sizes) + 64 : Infinity;
      const parts = node.children.map((c, i) => {
        const estimate = estimates[i];
        if (estimate === null || estimate === undefined) return computed[i] ?? null;
        return estimate > bound ? null : indexed(env, model, c);
      });
      const sets = parts.filter((s): s is Candidates => s !== null);
      if (sets.length === 0) return null;
      const ids = sets.length === 1 ? (sets[0] as Candidates).ids : intersect(sets.map((s) => s.ids));
      return { ids, exact: sets.length === parts.length && sets.every((s) => s.exact) };
    }
    case 'or': {
      const sets: IdSet[] = [];
      let exact = true;
      for (const c of node.children) {
        const s = indexed(env, model, c);
        if (s === null) return null;
        exact &&= s.exact;
        sets.push(s.ids);
      }
      return { ids: union(sets), exact };
    }
    case 'leaf':
      return leafCandidates(env, model, node.path, node.op, node.value);
  }
}

/** The listed values of an `=` / `in` leaf an index can look up: none false, null or an object. */
function lookupValues(op: string, value: unknown): unknown[] | null {
  if (op !== '=' && op !== 'in') return null;
  const values = Array.isArray(value) ? value : [value];
  return values.some((v) => v === false || v === null || typeof v === 'object') ? null : values;
}

/** A plain field index's postings for the values, not yet joined; null when no such index answers the leaf. */
function indexPostings(env: Env, model: string, path: string, values: unknown[]): IdSet[] | null {
  const store = env.store(model);
  if (path === 'id' || path.includes('.') || store.spec.searchIndex?.[path] || !store.hasIndex(path)) return null;
  if (store.fields.get(path)?.relation && !values.every((v) => typeof v === 'number')) return null;
  // Booleans and numbers compare exactly; strings too (the index holds the stored value).
  return values.map((v) => store.lookup(path, v as string | number) ?? new IdSet());
}

/** How many ids a several-valued leaf's postings hold, without joining them; null when leafCandidates would not join postings. */
function leafEstimate(env: Env, model: string, path: string, op: string, value: unknown): number | null {
  const values = lookupValues(op, value);
  const postings = values && values.length > 1 ? indexPostings(env, model, path, values) : null;
  return postings ? postings.reduce((n, ids) => n + ids.size, 0) : null;
}

export function leafCandidates(env: Env, model: string, path: string, op: string, value: unknown): Candidates | null {
  const values = lookupValues(op, value);
  if (!values) return null;
  const store = env.store(model);
  // Only ids that exist: an exact answer is returned without reading the records again.
  if (path === 'id') return { ids: IdSet.fromUnsorted(values.filter((v): v is number => typeof v === 'number' && store.records.has(v))), exact: true };
  const custom = path.includes('.') ? undefined : store.spec.searchIndex?.[path];
  if (custom) {
    if (!values.every((v) => typeof v === 'number')) return null;
    return { ids: custom(env, values as number[]), exact: true };
  }
  const postings = indexPostings(env, model, path, values);
  return postings ? { ids: union(postings), exact: true } : null;
}
