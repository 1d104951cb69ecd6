/**
 * Text no operation can use: a lone UTF-16 surrogate (half of a character; it cannot be encoded as
 * UTF-8, so percent-encoding, hashing or writing it throws deep inside) and NUL (which file names,
 * C libraries and Odoo's database all refuse). Checked once, at the edge, for every field.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface BadText {
  /** The field's path, dotted like zod's (`record.config.tags.0`). */
  field: string;
  problem: string;
}

function problemOf(text: string): string | null {
  if (text.includes('\u0000')) return 'contains a NUL character';
  return LONE_SURROGATE.test(text) ? 'contains a broken character (a lone UTF-16 surrogate)' : null;
}

/**
 * The first string (value or object key) in a JSON-like value that holds bad text, or null.
 * Iterative, so a deeply nested body cannot exhaust the stack.
 */
export function findBadText(value: unknown): BadText | null {
  const stack: { value: unknown; path: string[] }[] = [{ value, path: [] }];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!;
    if (typeof current === 'string') {
      const problem = problemOf(current);
      if (problem) return { field: path.join('.') || '(root)', problem };
      continue;
    }
    if (typeof current !== 'object' || current === null || seen.has(current)) continue;
    seen.add(current);
    for (const [key, child] of Object.entries(current)) {
      const keyProblem = problemOf(key);
      if (keyProblem) return { field: [...path, key].join('.'), problem: `has a name that ${keyProblem}` };
      stack.push({ value: child, path: [...path, key] });
    }
  }
  return null;
}
