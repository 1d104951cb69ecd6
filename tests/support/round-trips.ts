import type { OdooClient } from '../../src/main/core/odoo';

export interface RoundTrips {
  client: OdooClient;
  /** Sequential waves of Odoo calls since the last reset: calls asked while another is still out share its wave. */
  rounds(): number;
  /** Each call as `model.method <json of its arguments>`, to find a question asked twice. */
  questions(): string[];
  reset(): void;
}

const MODEL_CALLS = ['searchRead', 'read', 'search', 'searchCount', 'readGroup', 'create', 'createMany', 'write', 'unlink', 'fieldsGet', 'copy', 'call'] as const;

/**
 * Wraps a client and counts round trips rather than calls: a call that starts while none is out
 * waits for nothing and opens a new wave; a call asked alongside others rides their wave. Counting
 * needs no clock, so it holds on a loaded machine.
 */
export function roundTripCounter(inner: OdooClient): RoundTrips {
  let out = 0;
  let waves = 0;
  let asked: string[] = [];
  const wrap = <A extends unknown[], R>(name: string, fn: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
    if (out === 0) waves += 1;
    out += 1;
    asked.push(`${name} ${JSON.stringify(args)}`);
    try {
      return await fn(...args);
    } finally {
      out -= 1;
    }
  };
  const client = { ...inner } as OdooClient;
  for (const method of MODEL_CALLS) {
    const original = inner[method] as (...args: unknown[]) => Promise<unknown>;
    (client as unknown as Record<string, unknown>)[method] = wrap(method, original.bind(inner));
  }
  return { client, rounds: () => waves, questions: () => [...asked], reset: () => ((waves = 0), (out = 0), (asked = [])) };
}
