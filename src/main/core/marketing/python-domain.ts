import type { Domain } from '../odoo';

/**
 * Reads back a mailing_domain: the Python literal Odoo stores (odoo18-wire/103:
 * "[('list_ids', 'in', [3])]", and what toPythonDomain writes): lists, tuples, quoted strings,
 * numbers, True / False / None. Anything else (a domain an Odoo user wrote with expressions such as
 * context_today()) is not evaluated: null, and the caller falls back to the mailing's lists.
 */
export function parsePythonDomain(source: string): Domain | null {
  let i = 0;
  const skip = () => {
    while (i < source.length && /\s/.test(source[i] as string)) i += 1;
  };
  const fail = (): never => {
    throw new SyntaxError('not a literal domain');
  };
  function value(): unknown {
    skip();
    const c = source[i];
    if (c === '[' || c === '(') return sequence(c === '[' ? ']' : ')');
    if (c === "'" || c === '"') return string(c);
    const word = /^(True|False|None|-?\d+(?:\.\d+)?)/.exec(source.slice(i));
    if (!word?.[1]) return fail();
    i += word[1].length;
    if (word[1] === 'True') return true;
    if (word[1] === 'False') return false;
    if (word[1] === 'None') return null;
    return Number(word[1]);
  }
  function sequence(close: string): unknown[] {
    i += 1;
    const items: unknown[] = [];
    for (;;) {
      skip();
      if (source[i] === close) {
        i += 1;
        return items;
      }
      items.push(value());
      skip();
      if (source[i] === ',') i += 1;
      else if (source[i] !== close) fail();
    }
  }
  function string(quote: string): string {
    i += 1;
    let out = '';
    while (i < source.length && source[i] !== quote) {
      if (source[i] === '\\') {
        const next = source[i + 1] ?? '';
        out += next === 'n' ? '\n' : next === 't' ? '\t' : next === 'r' ? '\r' : next;
        i += 2;
      } else {
        out += source[i];
        i += 1;
      }
    }
    if (source[i] !== quote) fail();
    i += 1;
    return out;
  }
  try {
    const parsed = value();
    skip();
    return i === source.length && Array.isArray(parsed) ? parsed : null;
  } catch {
    return null;
  }
}
