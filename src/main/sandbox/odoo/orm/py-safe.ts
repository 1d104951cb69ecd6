import { nameError } from '../errors';
import type { Expr, Stmt } from './py-parse';

/**
 * The name check safe_eval makes on every code object before it runs (and test_python_expr when a
 * server action is saved): odoo/tools/safe_eval.py assert_no_dunder_name refuses any name in
 * co_names that contains "__" or is one of _UNSAFE_ATTRIBUTES. The list is Odoo 18's with the one
 * name Odoo 19 adds (f_generator), so the peer refuses what either version refuses.
 * The check raises NameError, which test_python_expr does not catch (it catches SyntaxError,
 * TypeError and ValueError), so a save with such code fails with builtins.NameError.
 */
const UNSAFE_ATTRIBUTES = new Set([
  'f_builtins', 'f_code', 'f_globals', 'f_locals', 'f_generator',
  'func_code', 'func_globals',
  'co_code', '_co_code_adaptive',
  'mro',
  'tb_frame',
  'gi_code', 'gi_frame', 'gi_yieldfrom',
  'cr_await', 'cr_code', 'cr_frame',
  'ag_await', 'ag_code', 'ag_frame',
]);

/** Python's keywords: never a name (the compiler refuses `x = class`, `return` at module level, `True = 1`). */
export const PY_KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else',
  'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise',
  'return', 'try', 'while', 'with', 'yield',
]);

/** Python's repr() of the code, as the NameError quotes it. */
function repr(code: string): string {
  const quote = code.includes("'") && !code.includes('"') ? '"' : "'";
  const body = code.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(new RegExp(quote, 'g'), `\\${quote}`);
  return `${quote}${body}${quote}`;
}

/** The names CPython puts in co_names for this subset: loaded and stored names, attribute names. */
function namesOf(body: readonly Stmt[]): string[] {
  const out: string[] = [];
  const expr = (e: Expr): void => {
    switch (e.k) {
      case 'name': out.push(e.id); return;
      case 'attr': expr(e.obj); out.push(e.name); return;
      // Keyword argument names are constants (KW_NAMES), not co_names.
      case 'call': expr(e.fn); e.args.forEach(expr); e.kwargs.forEach(([, v]) => expr(v)); return;
      case 'sub': expr(e.obj); expr(e.index); return;
      case 'list': case 'tuple': e.items.forEach(expr); return;
      case 'bool': e.values.forEach(expr); return;
      case 'not': expr(e.v); return;
      case 'cmp': case 'bin': expr(e.left); expr(e.right); return;
      case 'const': return;
    }
  };
  const stmt = (s: Stmt): void => {
    if (s.k === 'assign') { out.push(s.name); expr(s.value); }
    else if (s.k === 'expr' || s.k === 'raise') expr(s.value);
    else if (s.k === 'if') { expr(s.test); s.body.forEach(stmt); s.orelse.forEach(stmt); }
    else if (s.k === 'for') { out.push(s.name); expr(s.iter); s.body.forEach(stmt); }
  };
  body.forEach(stmt);
  return out;
}

/** assert_no_dunder_name over the parsed program; `code` is what Odoo quotes (the stripped code). */
export function assertNoForbiddenName(program: readonly Stmt[], code: string): void {
  const name = namesOf(program).find((n) => n.includes('__') || UNSAFE_ATTRIBUTES.has(n));
  if (name !== undefined) throw nameError(`Access to forbidden name '${name}' (${repr(code.trim())})`);
}
