import { attributeError, typeError, userError, valueError } from '../errors';
import { search, searchCount } from './crud';
import { compileDomain } from './search-plan';
import { parseDomain } from './domain';
import type { Env } from './env';
import { parsePython, type Expr, type Stmt } from './py-parse';

/**
 * Runs the code of an "Execute Code" server action (ir.actions.server.run, state 'code') over the
 * peer's ORM, with the names Odoo's _get_eval_context gives it: `env`, `model`, `record`,
 * `records`, `user`, `uid` and `UserError`. Recordsets behave as in Odoo: truthy when not empty,
 * iterable as singletons, fields read on one record, relational fields as recordsets, and the
 * methods sudo, browse, search, search_count, filtered_domain, exists and ensure_one, plus
 * the private methods a model hands over (`privateMethods`). A raised UserError is Odoo's
 * UserError; any other name or method is Python's error, never a silent no-op.
 */

interface Records {
  kind: 'records';
  model: string;
  ids: number[];
  su: boolean;
}
interface Callable {
  kind: 'fn';
  call: (args: PyValue[]) => PyValue;
}
interface Raised {
  kind: 'exception';
  message: string;
}
export type PyValue = string | number | boolean | null | PyValue[] | Records | Callable | Raised | { kind: 'env'; su: boolean };

/** Model-specific private methods code may call on a singleton (e.g. mailing.mailing._parse_mailing_domain). */
export type PrivateMethods = Record<string, Record<string, (env: Env, id: number) => PyValue>>;

export interface ActionScope {
  /** The caller's env: `user` and `uid` are this user even when the action runs as superuser. */
  env: Env;
  /** Runs as the superuser (base.automation runs its actions sudo-ed). */
  su: boolean;
  model: string;
  activeIds: number[];
  privateMethods: PrivateMethods;
}

const records = (model: string, ids: number[], su: boolean): Records => ({ kind: 'records', model, ids, su });
const isRecords = (v: PyValue): v is Records => typeof v === 'object' && v !== null && !Array.isArray(v) && v.kind === 'records';

function truthy(v: PyValue): boolean {
  if (Array.isArray(v)) return v.length > 0;
  if (isRecords(v)) return v.ids.length > 0;
  if (typeof v === 'object' && v !== null) return true;
  return v !== null && v !== false && v !== 0 && v !== '';
}

function equal(a: PyValue, b: PyValue): boolean {
  if (isRecords(a) && isRecords(b)) return a.model === b.model && a.ids.length === b.ids.length && a.ids.every((id) => b.ids.includes(id));
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i] as PyValue));
  return a === b;
}

/** A Python value as a domain or field value: recordsets become their ids. */
function plain(v: PyValue): unknown {
  if (Array.isArray(v)) return v.map(plain);
  if (isRecords(v)) return v.ids.length === 1 ? v.ids[0] : v.ids;
  return v;
}

/** Runs `code`, or a program parsePython already read (an automation runs one action on many records). */
export function runServerCode(scope: ActionScope, code: string | Stmt[]): void {
  const program = typeof code === 'string' ? parsePython(code) : code;
  const envFor = (su: boolean): Env => (su ? scope.env.sudo() : scope.env);
  const names = new Map<string, PyValue>([
    ['env', { kind: 'env', su: scope.su }],
    ['model', records(scope.model, [], scope.su)],
    ['records', records(scope.model, scope.activeIds, scope.su)],
    ['record', records(scope.model, scope.activeIds.slice(0, 1), scope.su)],
    ['user', records('res.users', [scope.env.uid], scope.su)],
    ['uid', scope.env.uid],
    ['UserError', { kind: 'fn', call: ([message]) => ({ kind: 'exception', message: typeof message === 'string' ? message : String(plain(message ?? '')) }) }],
  ]);

  const field = (rs: Records, name: string): PyValue => {
    if (name === 'id') return rs.ids[0] ?? false;
    if (name === 'ids') return [...rs.ids];
    if (name === '_name') return rs.model;
    const env = envFor(rs.su);
    const method = method_(rs, name);
    if (method) return method;
    const def = env.field(rs.model, name);
    if (!def) throw attributeError(`'${rs.model}' object has no attribute '${name}'`);
    if (rs.ids.length > 1) throw valueError(`Expected singleton: ${rs.model}(${rs.ids.join(', ')})`);
    const rec = rs.ids.length ? env.browse(rs.model, rs.ids[0] as number) : undefined;
    const stored = rec ? env.value(rs.model, rec, name) : null;
    if (def.relation && ['many2one', 'many2many', 'one2many'].includes(def.type)) {
      const ids = Array.isArray(stored) ? (stored as number[]) : typeof stored === 'number' ? [stored] : [];
      return records(def.relation, ids, rs.su);
    }
    return stored === null || stored === undefined ? false : (stored as PyValue);
  };

  const method_ = (rs: Records, name: string): Callable | null => {
    const env = envFor(rs.su);
    const fn = (call: Callable['call']): Callable => ({ kind: 'fn', call });
    switch (name) {
      case 'sudo':
        return fn(() => records(rs.model, rs.ids, true));
      case 'browse':
        return fn(([ids]) => records(rs.model, (Array.isArray(ids) ? ids : [ids]).map((x) => Number(plain(x ?? null))), rs.su));
      case 'search':
        return fn(([domain]) => records(rs.model, search(env, rs.model, plain(domain ?? [])), rs.su));
      case 'search_count':
        return fn(([domain]) => searchCount(env, rs.model, plain(domain ?? [])));
      case 'exists':
        return fn(() => records(rs.model, rs.ids.filter((id) => env.browse(rs.model, id)), rs.su));
      case 'ensure_one':
        return fn(() => {
          if (rs.ids.length !== 1) throw valueError(`Expected singleton: ${rs.model}(${rs.ids.join(', ')})`);
          return rs;
        });
      case 'filtered_domain':
        return fn(([domain]) => {
          const matches = compileDomain(env.sudo(), rs.model, parseDomain(plain(domain ?? [])));
          return records(rs.model, rs.ids.filter((id) => { const rec = env.browse(rs.model, id); return rec ? matches(rec) : false; }), rs.su);
        });
    }
    const own = scope.privateMethods[rs.model]?.[name];
    if (!own) return null;
    return fn(() => {
      if (rs.ids.length !== 1) throw valueError(`Expected singleton: ${rs.model}(${rs.ids.join(', ')})`);
      return own(env, rs.ids[0] as number);
    });
  };

  const evaluate = (e: Expr): PyValue => {
    switch (e.k) {
      case 'const':
        return e.v;
      case 'name': {
        if (!names.has(e.id)) throw valueError(`NameError: name '${e.id}' is not defined`);
        return names.get(e.id) as PyValue;
      }
      case 'list':
      case 'tuple':
        return e.items.map(evaluate);
      case 'attr': {
        const obj = evaluate(e.obj);
        if (isRecords(obj)) return field(obj, e.name);
        throw attributeError(`object has no attribute '${e.name}'`);
      }
      case 'sub': {
        const obj = evaluate(e.obj);
        const index = evaluate(e.index);
        if (typeof obj === 'object' && obj !== null && !Array.isArray(obj) && obj.kind === 'env') {
          if (typeof index !== 'string') throw typeError('env[...] takes a model name');
          envFor(obj.su).store(index);
          return records(index, [], obj.su);
        }
        if (Array.isArray(obj) && typeof index === 'number') {
          const item = obj[index < 0 ? obj.length + index : index];
          if (item === undefined) throw valueError('IndexError: list index out of range');
          return item;
        }
        throw typeError('object is not subscriptable');
      }
      case 'call': {
        const fn = evaluate(e.fn);
        if (e.kwargs.length) throw typeError('keyword arguments are not supported here');
        if (typeof fn !== 'object' || fn === null || Array.isArray(fn) || fn.kind !== 'fn') throw typeError('object is not callable');
        return fn.call(e.args.map(evaluate));
      }
      case 'bool': {
        let last: PyValue = null;
        for (const v of e.values) {
          last = evaluate(v);
          if (e.op === 'and' ? !truthy(last) : truthy(last)) return last;
        }
        return last;
      }
      case 'not':
        return !truthy(evaluate(e.v));
      case 'bin': {
        const l = evaluate(e.left);
        const r = evaluate(e.right);
        if (e.op === '+' && Array.isArray(l) && Array.isArray(r)) return [...l, ...r];
        if (e.op === '+' && typeof l === 'string' && typeof r === 'string') return l + r;
        if (typeof l === 'number' && typeof r === 'number') return e.op === '+' ? l + r : l - r;
        throw typeError(`unsupported operand type(s) for ${e.op}`);
      }
      case 'cmp':
        return compare(e.op, evaluate(e.left), evaluate(e.right));
    }
  };

  const execute = (body: Stmt[]): void => {
    for (const s of body) {
      if (s.k === 'assign') names.set(s.name, evaluate(s.value));
      else if (s.k === 'expr') evaluate(s.value);
      else if (s.k === 'if') execute(truthy(evaluate(s.test)) ? s.body : s.orelse);
      else if (s.k === 'for') {
        const iter = evaluate(s.iter);
        const items: PyValue[] = isRecords(iter) ? iter.ids.map((id) => records(iter.model, [id], iter.su)) : Array.isArray(iter) ? iter : [];
        if (!isRecords(iter) && !Array.isArray(iter)) throw typeError('object is not iterable');
        for (const item of items) {
          names.set(s.name, item);
          execute(s.body);
        }
      } else if (s.k === 'raise') {
        const raised = evaluate(s.value);
        if (typeof raised === 'object' && raised !== null && !Array.isArray(raised) && raised.kind === 'exception') throw userError(raised.message);
        throw typeError('exceptions must derive from BaseException');
      }
    }
  };
  execute(program);
}

function compare(op: string, l: PyValue, r: PyValue): boolean {
  switch (op) {
    case '==':
    case 'is':
      return equal(l, r);
    case '!=':
    case 'is not':
      return !equal(l, r);
    case 'in':
    case 'not in': {
      const found = Array.isArray(r) ? r.some((x) => equal(x, l)) : typeof r === 'string' && typeof l === 'string' ? r.includes(l) : isRecords(r) && isRecords(l) ? l.ids.every((id) => r.ids.includes(id)) : null;
      if (found === null) throw typeError("argument of type is not iterable");
      return op === 'in' ? found : !found;
    }
  }
  if (typeof l === 'number' && typeof r === 'number') return op === '<' ? l < r : op === '>' ? l > r : op === '<=' ? l <= r : l >= r;
  if (typeof l === 'string' && typeof r === 'string') return op === '<' ? l < r : op === '>' ? l > r : op === '<=' ? l <= r : l >= r;
  throw typeError(`'${op}' not supported between these values`);
}
