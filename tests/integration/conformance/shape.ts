/** The kind of a JSON value, as the conformance suite compares them. */
function kind(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * Differences of shape between a recorded value and the peer's: value kinds per key, key sets of
 * objects, and array lengths. Paths listed in `loose` only need to exist.
 */
export function shapeDifferences(expected: unknown, actual: unknown, loose: string[] = [], path = '$'): string[] {
  const generic = path.replace(/\[\d+\]/g, '[]');
  if (loose.includes(generic)) return [];
  if (kind(expected) !== kind(actual)) return [`${path}: expected ${kind(expected)} ${JSON.stringify(expected)?.slice(0, 60)}, got ${kind(actual)} ${JSON.stringify(actual)?.slice(0, 60)}`];
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) return [`${path}: expected ${expected.length} items, got ${actual.length}`];
    return expected.flatMap((item, i) => shapeDifferences(item, actual[i], loose, `${path}[${i}]`));
  }
  if (kind(expected) === 'object') {
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    const missing = Object.keys(e).filter((k) => !(k in a)).map((k) => `${path}.${k}: missing`);
    const extra = Object.keys(a).filter((k) => !(k in e)).map((k) => `${path}.${k}: unexpected`);
    return [...missing, ...extra, ...Object.keys(e).filter((k) => k in a).flatMap((k) => shapeDifferences(e[k], a[k], loose, `${path}.${k}`))];
  }
  return [];
}
