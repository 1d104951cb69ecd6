import { compareScalar, indexed, leafCandidates, likeToRegExp, matchLeaf, NEGATIVE, type Candidates, type DomainNode } from './domain';
import type { Env } from './env';
import { parseOrder } from './env';
import type { Rec } from './types';

/** A domain turned into one closure per node, built once per search instead of re-read per record. */
export type Predicate = (rec: Rec) => boolean;

const RELATIONAL = new Set(['many2one', 'one2many', 'many2many']);
const LIKE = new Set(['like', 'ilike', '=like', '=ilike']);

export function compileDomain(env: Env, model: string, node: DomainNode): Predicate {
  switch (node.kind) {
    case 'const': {
      const value = node.value;
      return () => value;
    }
    case 'not': {
      const inner = compileDomain(env, model, node.child);
      return (rec) => !inner(rec);
    }
    case 'and': {
      const parts = node.children.map((c) => compileDomain(env, model, c));
      return (rec) => {
        for (const p of parts) if (!p(rec)) return false;
        return true;
      };
    }
    case 'or': {
      const parts = node.children.map((c) => compileDomain(env, model, c));
      return (rec) => {
        for (const p of parts) if (p(rec)) return true;
        return false;
      };
    }
    case 'leaf':
      return compileLeaf(env, model, node.path, node.op, node.value);
  }
}

function compileLeaf(env: Env, model: string, path: string, op: string, value: unknown): Predicate {
  // A plain stored value among a few listed ones is tested on the record: joining the index's
  // postings first (trace_status in [sent, open, reply]: nearly every trace) would cost more than
  // the candidates the search plan has already narrowed it to.
  const listed = plainScalarIn(env, model, path, op, value);
  if (listed) return (rec) => listed.has(rec[path] as string | number);
  // An index that answers the leaf exactly turns it into a membership test (list_ids in [...]).
  const hit = leafCandidates(env, model, path, op, value);
  if (hit?.exact) {
    const ids = hit.ids;
    return (rec) => ids.has(rec.id);
  }
  const positive = NEGATIVE.get(op);
  if (positive) {
    const inner = compileLeaf(env, model, path, positive, value);
    return (rec) => !inner(rec);
  }
  if (path === 'id') return (rec) => compareScalar(rec.id, op, value);
  const store = env.store(model);
  const def = path.includes('.') ? undefined : store.fields.get(path);
  // A plain stored scalar is read straight off the record: no env.value, no allocation.
  if (def && def.store && !store.spec.computes?.[path] && !RELATIONAL.has(def.type)) {
    if (LIKE.has(op)) {
      const re = likeToRegExp(op.startsWith('=') ? String(value) : `%${String(value)}%`, op.endsWith('ilike'));
      return (rec) => {
        const v = rec[path];
        return (typeof v === 'string' && re.test(v)) || (typeof v === 'number' && re.test(String(v)));
      };
    }
    return (rec) => compareScalar(rec[path] ?? null, op, value);
  }
  return (rec) => matchLeaf(env, model, rec, path, op, value);
}

const TEXT_TYPES = new Set(['char', 'selection', 'text']);
const NUMBER_TYPES = new Set(['integer', 'many2one_reference']);

/** The values of `field in [...]` on a stored, non-relational, non-computed field, when all are strings or numbers. */
function plainScalarIn(env: Env, model: string, path: string, op: string, value: unknown): Set<string | number> | null {
  if (op !== 'in' || !Array.isArray(value) || value.length < 2 || path === 'id' || path.includes('.')) return null;
  if (!value.every((v) => typeof v === 'string' || typeof v === 'number')) return null;
  const store = env.store(model);
  const def = store.fields.get(path);
  if (!def || !def.store || store.spec.computes?.[path] || RELATIONAL.has(def.type) || store.spec.searchIndex?.[path]) return null;
  // Only values of the field's own kind: any other comparison keeps the general path's rules.
  const kind = TEXT_TYPES.has(def.type) ? 'string' : NUMBER_TYPES.has(def.type) ? 'number' : null;
  if (!kind || !value.every((v) => typeof v === kind)) return null;
  return new Set(value as (string | number)[]);
}

export interface Plan {
  pool: Candidates | null;
  /** null when the indexes answered exactly. */
  predicate: Predicate | null;
}

export function planSearch(env: Env, model: string, node: DomainNode): Plan {
  const pool = indexed(env, model, node);
  return { pool, predicate: pool?.exact ? null : compileDomain(env, model, node) };
}

/** Visits matching records in id order (ascending or descending) until `visit` answers false. */
function walk(env: Env, model: string, plan: Plan, descending: boolean, visit: (id: number) => boolean | void): void {
  const records = env.store(model).records;
  const { pool, predicate } = plan;
  if (pool) {
    pool.ids.scan((id) => {
      if (!predicate) return visit(id);
      const rec = records.get(id);
      return rec && predicate(rec) ? visit(id) : true;
    }, descending);
    return;
  }
  records.scan((rec) => (predicate === null || predicate(rec) ? visit(rec.id) : true), descending);
}

export function countMatches(env: Env, model: string, plan: Plan): number {
  if (plan.pool?.exact) return plan.pool.ids.size;
  let n = 0;
  walk(env, model, plan, false, () => {
    n++;
  });
  return n;
}

export function allMatches(env: Env, model: string, plan: Plan): number[] {
  if (plan.pool?.exact) return plan.pool.ids.toArray();
  const out: number[] = [];
  walk(env, model, plan, false, (id) => {
    out.push(id);
  });
  return out;
}

/**
 * The page of ids: ordered by id, it comes straight from the ordered candidates (ranks of an
 * exact index, or a walk that stops after offset + limit matches); other orders sort the matches.
 */
export function pageOfMatches(env: Env, model: string, plan: Plan, options: { offset: number; limit: number | null; order?: string | null }): number[] {
  const { offset } = options;
  const limit = options.limit === null ? Number.POSITIVE_INFINITY : options.limit;
  const terms = parseOrder(options.order || env.store(model).spec.order);
  const byId = terms.length === 1 && terms[0]?.field === 'id';
  if (!byId) return env.sortIds(model, allMatches(env, model, plan), options.order).slice(offset, offset + limit);
  const descending = terms[0]?.desc === true;
  if (plan.pool?.exact) return plan.pool.ids.slice(offset, limit, descending);
  const out: number[] = [];
  let skip = offset;
  if (limit <= 0) return out;
  walk(env, model, plan, descending, (id) => {
    if (skip > 0) skip--;
    else out.push(id);
    return out.length < limit;
  });
  return out;
}
