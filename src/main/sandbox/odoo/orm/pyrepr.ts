/** Python's repr() of JSON-ish values, for error messages that quote a leaf or a value like Odoo does. */
export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(value);
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>).map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`).join(', ')}}`;
  }
  return String(value);
}

export function pyTupleRepr(items: unknown[]): string {
  return `(${items.map(pyRepr).join(', ')}${items.length === 1 ? ',' : ''})`;
}

/**
 * Parses a Python literal domain such as "[('list_ids', 'in', [3])]" (mailing.mailing.mailing_domain,
 * odoo18-wire/103). Tuples become arrays; True/False/None become JSON values.
 */
export function parsePyLiteral(text: string): unknown {
  let i = 0;
  const skip = (): void => {
    while (i < text.length && /\s/.test(text[i] as string)) i++;
  };
  const parseValue = (): unknown => {
    skip();
    const ch = text[i];
    if (ch === '[' || ch === '(') {
      const close = ch === '[' ? ']' : ')';
      i++;
      const items: unknown[] = [];
      skip();
      while (text[i] !== close) {
        items.push(parseValue());
        skip();
        if (text[i] === ',') i++;
        skip();
        if (i >= text.length) throw new Error('unterminated list');
      }
      i++;
      return items;
    }
    if (ch === "'" || ch === '"') {
      i++;
      let out = '';
      while (text[i] !== ch) {
        if (i >= text.length) throw new Error('unterminated string');
        if (text[i] === '\\') i++;
        out += text[i++];
      }
      i++;
      return out;
    }
    const m = /^(True|False|None|-?\d+(\.\d+)?)/.exec(text.slice(i));
    if (!m) throw new Error(`unexpected ${text.slice(i, i + 10)}`);
    i += m[0].length;
    if (m[0] === 'True') return true;
    if (m[0] === 'False') return false;
    if (m[0] === 'None') return null;
    return Number(m[0]);
  };
  const value = parseValue();
  skip();
  if (i !== text.length) throw new Error('trailing characters');
  return value;
}
