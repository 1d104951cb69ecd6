import { valueError } from '../errors';
import type { Env } from './env';

/**
 * The part of Odoo's safe_eval an ir.rule's domain_force needs: Python literals (numbers, strings,
 * True/False/None, lists, tuples), the names of ir.rule._eval_context (`user`, `company_ids`,
 * `company_id`) and attribute access on records (`user.x_markket_store_id`, `user.id`,
 * `user.company_id.id`). Anything else is refused with safe_eval's kind of error, so a rule the
 * peer cannot read fails loudly instead of matching too much.
 */

/** A recordset as the evaluator sees it: `user` is res.users(uid,). */
interface Records {
  kind: 'records';
  model: string;
  ids: number[];
}
type Value = string | number | boolean | null | Value[] | Records;

export interface RuleContext {
  user: Records;
  company_ids: number[];
  company_id: number;
}

export function ruleContext(env: Env): RuleContext {
  // The peer has one company (id 1), like the recorded database.
  return { user: { kind: 'records', model: 'res.users', ids: [env.uid] }, company_ids: [1], company_id: 1 };
}

type Token = { t: 'num'; v: number } | { t: 'str'; v: string } | { t: 'name'; v: string } | { t: 'punct'; v: string };

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (/\s/.test(ch)) i++;
    else if (/[[\](),.]/.test(ch)) {
      out.push({ t: 'punct', v: ch });
      i++;
    } else if (ch === "'" || ch === '"') {
      let j = i + 1;
      let s = '';
      while (j < text.length && text[j] !== ch) {
        if (text[j] === '\\') j++;
        s += text[j] ?? '';
        j++;
      }
      if (j >= text.length) throw valueError(`unterminated string in ${text}`);
      out.push({ t: 'str', v: s });
      i = j + 1;
    } else if (/[-0-9]/.test(ch)) {
      const m = /^-?\d+(\.\d+)?/.exec(text.slice(i));
      if (!m) throw valueError(`invalid syntax in ${text}`);
      out.push({ t: 'num', v: Number(m[0]) });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(ch)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i)) as RegExpExecArray;
      out.push({ t: 'name', v: m[0] });
      i += m[0].length;
    } else throw valueError(`invalid syntax (<string>, line 1): ${text}`);
  }
  return out;
}

/** Evaluates `text` and answers plain JSON: recordsets become an id (one record) or an id list. */
export function evalRuleDomain(env: Env, text: string, context: RuleContext = ruleContext(env)): unknown {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const expect = (v: string): void => {
    const tok = tokens[pos++];
    if (tok?.t !== 'punct' || tok.v !== v) throw valueError(`invalid syntax (<string>, line 1): ${text}`);
  };
  const sequence = (close: string): Value[] => {
    const items: Value[] = [];
    while (!(peek()?.t === 'punct' && peek()?.v === close)) {
      items.push(expr());
      if (peek()?.t === 'punct' && peek()?.v === ',') pos++;
      else break;
    }
    expect(close);
    return items;
  };
  const atom = (): Value => {
    const tok = tokens[pos++];
    if (!tok) throw valueError(`unexpected EOF while parsing: ${text}`);
    if (tok.t === 'num' || tok.t === 'str') return tok.v;
    if (tok.t === 'punct' && tok.v === '[') return sequence(']');
    if (tok.t === 'punct' && tok.v === '(') return sequence(')');
    if (tok.t === 'name') {
      if (tok.v === 'True') return true;
      if (tok.v === 'False') return false;
      if (tok.v === 'None') return null;
      if (tok.v === 'user') return context.user;
      if (tok.v === 'company_ids') return [...context.company_ids];
      if (tok.v === 'company_id') return context.company_id;
      throw valueError(`NameError: name '${tok.v}' is not defined`);
    }
    throw valueError(`invalid syntax (<string>, line 1): ${text}`);
  };
  const expr = (): Value => {
    let value = atom();
    while (peek()?.t === 'punct' && peek()?.v === '.') {
      pos++;
      const name = tokens[pos++];
      if (name?.t !== 'name') throw valueError(`invalid syntax (<string>, line 1): ${text}`);
      value = attribute(env, value, name.v);
    }
    return value;
  };
  const result = expr();
  if (pos !== tokens.length) throw valueError(`invalid syntax (<string>, line 1): ${text}`);
  return plain(result);
}

function attribute(env: Env, value: Value, name: string): Value {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw valueError(`AttributeError: object has no attribute '${name}'`);
  if (name === 'id') return value.ids[0] ?? false;
  if (name === 'ids') return [...value.ids];
  const def = env.field(value.model, name);
  if (!def) throw valueError(`AttributeError: '${value.model}' object has no attribute '${name}'`);
  const rec = value.ids.length === 1 ? env.browse(value.model, value.ids[0] as number) : undefined;
  // The rule is evaluated as the superuser reads the user (Odoo browses the user without rules).
  const stored = rec ? env.sudo().value(value.model, rec, name) : null;
  if (def.relation && (def.type === 'many2one' || def.type === 'many2many' || def.type === 'one2many')) {
    const ids = Array.isArray(stored) ? stored : typeof stored === 'number' ? [stored] : [];
    return { kind: 'records', model: def.relation, ids };
  }
  return stored === null || stored === undefined ? false : (stored as Value);
}

function plain(value: Value): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object' && value !== null) return value.ids.length === 1 ? value.ids[0] : value.ids;
  return value;
}
