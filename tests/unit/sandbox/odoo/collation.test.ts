import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asciiCollationKey, compareText } from '../../../../src/main/sandbox/odoo/orm/env';

describe('ordering texts for sorts', () => {
  it('orders printable ASCII by precomputed keys exactly as the en_US comparison does', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'A', 'b', 'B', 'z', 'Z', ' ', '-', '0', '9', '_', '~'), maxLength: 6 });
    fc.assert(
      fc.property(text, text, (a, b) => {
        const byKey = Math.sign(asciiCollationKey(a) < asciiCollationKey(b) ? -1 : asciiCollationKey(a) > asciiCollationKey(b) ? 1 : 0);
        expect(byKey).toBe(Math.sign(compareText(a, b)));
      }),
      { seed: 5, numRuns: 2000 },
    );
  });
});
