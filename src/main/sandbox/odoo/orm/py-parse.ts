import { validationError } from '../errors';
import { assertNoForbiddenName, PY_KEYWORDS } from './py-safe';

/**
 * The statements an "Execute Code" server action is written in (ir.actions.server, state 'code'),
 * parsed the way Python reads them: indented blocks, `if`/`elif`/`else`, `for … in`, assignment,
 * `raise`, `pass`, and expressions with `and`/`or`/`not`, comparisons, `+`/`-`, calls, attributes,
 * subscripts and literals. Odoo runs such code through safe_eval; the peer reads this subset and
 * refuses anything else with a SyntaxError, as test_python_expr refuses bad code when the action
 * is saved, so code the peer cannot read never runs half-understood. Every construct of the
 * subset compiles to opcodes in safe_eval's _SAFE_OPCODES (Odoo 18 and 19: names, attributes,
 * calls, subscripts, comparisons, `for`, `raise`); attribute and subscript assignment
 * (STORE_ATTR is in its _BLACKLIST), imports, `with`, `def` and the rest are not in the subset.
 * Like safe_eval, the peer also refuses forbidden names (py-safe.ts) and, like Python's compiler,
 * keywords used as names.
 */

export type Expr =
  | { k: 'const'; v: string | number | boolean | null }
  | { k: 'name'; id: string }
  | { k: 'attr'; obj: Expr; name: string }
  | { k: 'call'; fn: Expr; args: Expr[]; kwargs: [string, Expr][] }
  | { k: 'sub'; obj: Expr; index: Expr }
  | { k: 'list' | 'tuple'; items: Expr[] }
  | { k: 'bool'; op: 'and' | 'or'; values: Expr[] }
  | { k: 'not'; v: Expr }
  | { k: 'cmp'; op: string; left: Expr; right: Expr }
  | { k: 'bin'; op: '+' | '-'; left: Expr; right: Expr };

export type Stmt =
  | { k: 'assign'; name: string; value: Expr }
  | { k: 'expr'; value: Expr }
  | { k: 'if'; test: Expr; body: Stmt[]; orelse: Stmt[] }
  | { k: 'for'; name: string; iter: Expr; body: Stmt[] }
  | { k: 'raise'; value: Expr }
  | { k: 'pass' };

type Tok = { t: 'name' | 'num' | 'str' | 'op' | 'nl' | 'indent' | 'dedent' | 'eof'; v: string; line: number };

const syntax = (line: number, what: string): Error => validationError(`SyntaxError : ${what} at line ${line}`);

function tokenize(code: string): Tok[] {
  const out: Tok[] = [];
  const indents = [0];
  let depth = 0;
  const lines = code.replace(/\r\n?/g, '\n').split('\n');
  lines.forEach((text, i) => {
    const line = i + 1;
    let pos = 0;
    if (depth === 0) {
      const body = text.replace(/#.*$/, '');
      if (!body.trim()) return;
      const width = /^[ \t]*/.exec(text)![0].replace(/\t/g, '        ').length;
      if (width > indents[indents.length - 1]!) {
        indents.push(width);
        out.push({ t: 'indent', v: '', line });
      }
      while (width < indents[indents.length - 1]!) {
        indents.pop();
        out.push({ t: 'dedent', v: '', line });
      }
      if (width !== indents[indents.length - 1]) throw syntax(line, 'unindent does not match any outer indentation level');
    }
    while (pos < text.length) {
      const rest = text.slice(pos);
      const ch = text[pos]!;
      if (ch === '#') break;
      if (/\s/.test(ch)) {
        pos++;
        continue;
      }
      const str = /^(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")/.exec(rest);
      const num = /^\d+(?:\.\d+)?/.exec(rest);
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
      const op = /^(?:==|!=|<=|>=|[-+<>()[\]{},.:=])/.exec(rest);
      if (str) out.push({ t: 'str', v: (str[1] ?? str[2] ?? '').replace(/\\(.)/g, (_m, c: string) => (c === 'n' ? '\n' : c)), line });
      else if (num) out.push({ t: 'num', v: num[0], line });
      else if (name) out.push({ t: 'name', v: name[0], line });
      else if (op) {
        if ('([{'.includes(op[0])) depth++;
        if (')]}'.includes(op[0])) depth--;
        out.push({ t: 'op', v: op[0], line });
      } else throw syntax(line, `invalid character '${ch}'`);
      pos += (str ?? num ?? name ?? op)![0].length;
    }
    if (depth === 0) out.push({ t: 'nl', v: '', line });
  });
  if (depth !== 0) throw syntax(lines.length, 'unexpected EOF while parsing');
  while (indents.length > 1) {
    indents.pop();
    out.push({ t: 'dedent', v: '', line: lines.length });
  }
  out.push({ t: 'eof', v: '', line: lines.length });
  return out;
}

const COMPARE = new Set(['==', '!=', '<', '>', '<=', '>=', 'in', 'not in', 'is', 'is not']);

export function parsePython(code: string): Stmt[] {
  const toks = tokenize(code);
  let pos = 0;
  const peek = (): Tok => toks[pos]!;
  const next = (): Tok => toks[pos++]!;
  const isOp = (v: string): boolean => peek().t === 'op' && peek().v === v;
  const isName = (v: string): boolean => peek().t === 'name' && peek().v === v;
  const expect = (t: Tok['t'], v?: string): Tok => {
    const tok = next();
    if (tok.t !== t || (v !== undefined && tok.v !== v)) throw syntax(tok.line, `invalid syntax near '${tok.v || tok.t}'`);
    return tok;
  };
  /** A name bound by `=` or `for`: never a keyword (`True = 1` is "cannot assign to True"). */
  const target = (): string => {
    const tok = expect('name');
    if (PY_KEYWORDS.has(tok.v)) throw syntax(tok.line, `cannot assign to ${tok.v}`);
    return tok.v;
  };

  const sequence = (close: string): Expr[] => {
    const items: Expr[] = [];
    while (!isOp(close)) {
      items.push(test());
      if (!isOp(',')) break;
      next();
    }
    expect('op', close);
    return items;
  };
  const atom = (): Expr => {
    const tok = next();
    if (tok.t === 'str') return { k: 'const', v: tok.v };
    if (tok.t === 'num') return { k: 'const', v: Number(tok.v) };
    if (tok.t === 'name') {
      if (tok.v === 'True' || tok.v === 'False') return { k: 'const', v: tok.v === 'True' };
      if (tok.v === 'None') return { k: 'const', v: null };
      if (PY_KEYWORDS.has(tok.v)) throw syntax(tok.line, 'invalid syntax');
      return { k: 'name', id: tok.v };
    }
    if (tok.t === 'op' && tok.v === '[') return { k: 'list', items: sequence(']') };
    if (tok.t === 'op' && tok.v === '(') {
      const items = sequence(')');
      // (x) is x; (x,) and (x, y) are tuples.
      const single = toks[pos - 2]?.v !== ',' && items.length === 1;
      return single ? items[0]! : { k: 'tuple', items };
    }
    throw syntax(tok.line, `invalid syntax near '${tok.v || tok.t}'`);
  };
  const postfix = (): Expr => {
    let e = atom();
    for (;;) {
      if (isOp('.')) {
        next();
        e = { k: 'attr', obj: e, name: expect('name').v };
      } else if (isOp('[')) {
        next();
        e = { k: 'sub', obj: e, index: test() };
        expect('op', ']');
      } else if (isOp('(')) {
        next();
        const args: Expr[] = [];
        const kwargs: [string, Expr][] = [];
        while (!isOp(')')) {
          if (peek().t === 'name' && toks[pos + 1]?.v === '=') {
            const key = next().v;
            next();
            kwargs.push([key, test()]);
          } else args.push(test());
          if (!isOp(',')) break;
          next();
        }
        expect('op', ')');
        e = { k: 'call', fn: e, args, kwargs };
      } else return e;
    }
  };
  const unary = (): Expr => {
    if (isOp('-')) {
      next();
      return { k: 'bin', op: '-', left: { k: 'const', v: 0 }, right: unary() };
    }
    return postfix();
  };
  const arith = (): Expr => {
    let e = unary();
    while (isOp('+') || isOp('-')) e = { k: 'bin', op: next().v as '+' | '-', left: e, right: unary() };
    return e;
  };
  const comparison = (): Expr => {
    const left = arith();
    let op = peek().t === 'op' || peek().t === 'name' ? peek().v : '';
    if (op === 'not' && toks[pos + 1]?.v === 'in') op = 'not in';
    if (op === 'is' && toks[pos + 1]?.v === 'not') op = 'is not';
    if (!COMPARE.has(op)) return left;
    pos += op.includes(' ') ? 2 : 1;
    return { k: 'cmp', op, left, right: arith() };
  };
  const notTest = (): Expr => {
    if (isName('not')) {
      next();
      return { k: 'not', v: notTest() };
    }
    return comparison();
  };
  const boolOp = (op: 'and' | 'or', operand: () => Expr) => (): Expr => {
    const values = [operand()];
    while (isName(op)) {
      next();
      values.push(operand());
    }
    return values.length === 1 ? values[0]! : { k: 'bool', op, values };
  };
  const test = boolOp('or', boolOp('and', notTest));

  const block = (): Stmt[] => {
    expect('op', ':');
    expect('nl');
    expect('indent');
    const body: Stmt[] = [];
    while (peek().t !== 'dedent') body.push(statement());
    next();
    return body;
  };
  const ifRest = (): Stmt => {
    const cond = test();
    const body = block();
    let orelse: Stmt[] = [];
    if (isName('elif')) {
      next();
      orelse = [ifRest()];
    } else if (isName('else')) {
      next();
      orelse = block();
    }
    return { k: 'if', test: cond, body, orelse };
  };
  const statement = (): Stmt => {
    const tok = peek();
    if (tok.t === 'name' && tok.v === 'if') {
      next();
      return ifRest();
    }
    if (tok.t === 'name' && tok.v === 'for') {
      next();
      const name = target();
      expect('name', 'in');
      const iter = test();
      return { k: 'for', name, iter, body: block() };
    }
    let stmt: Stmt;
    if (tok.t === 'name' && tok.v === 'raise') {
      next();
      stmt = { k: 'raise', value: test() };
    } else if (tok.t === 'name' && tok.v === 'pass') {
      next();
      stmt = { k: 'pass' };
    } else if (tok.t === 'name' && toks[pos + 1]?.v === '=' && toks[pos + 1]?.t === 'op') {
      const name = target();
      next();
      stmt = { k: 'assign', name, value: test() };
    } else stmt = { k: 'expr', value: test() };
    expect('nl');
    return stmt;
  };

  const program: Stmt[] = [];
  while (peek().t !== 'eof') program.push(statement());
  // safe_eval compiles, then checks the names before anything runs (assert_valid_codeobj).
  assertNoForbiddenName(program, code);
  return program;
}
