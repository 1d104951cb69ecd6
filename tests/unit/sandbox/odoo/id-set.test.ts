import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdSet, intersect, union } from '../../../../src/main/sandbox/odoo/orm/id-set';

const ids = fc.array(fc.integer({ min: 0, max: 5000 }), { maxLength: 1500 });
const reference = (xs: number[]): number[] => [...new Set(xs)].sort((a, b) => a - b);

describe('IdSet', () => {
  it('holds the same ids as a Set, in ascending order, whether sparse or dense', () => {
    fc.assert(
      fc.property(ids, ids, (added, deleted) => {
        const set = IdSet.fromUnsorted(added);
        for (const id of deleted) set.delete(id);
        const expected = reference(added).filter((id) => !deleted.includes(id));
        expect([...set]).toEqual(expected);
        expect(set.size).toBe(expected.length);
        expect(expected.every((id) => set.has(id))).toBe(true);
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  it('answers any page of ranks, ascending or descending, like slicing the sorted ids', () => {
    fc.assert(
      fc.property(ids, fc.nat(1600), fc.nat(300), fc.boolean(), (added, offset, limit, descending) => {
        const set = IdSet.fromUnsorted(added);
        const sorted = reference(added);
        const ordered = descending ? sorted.reverse() : sorted;
        expect(set.slice(offset, limit, descending)).toEqual(ordered.slice(offset, offset + limit));
      }),
      { seed: 11, numRuns: 200 },
    );
  });

  it('turns into a bitmap for a dense million ids and still pages from the middle', () => {
    const set = new IdSet();
    for (let id = 1; id <= 1_000_000; id++) set.add(id);
    expect(set.size).toBe(1_000_000);
    expect(set.slice(500_000, 3, false)).toEqual([500_001, 500_002, 500_003]);
    expect(set.slice(0, 2, true)).toEqual([1_000_000, 999_999]);
  });

  it('stops a scan as soon as the visitor answers false', () => {
    const set = IdSet.fromUnsorted([5, 1, 9, 3]);
    const seen: number[] = [];
    set.scan((id) => {
      seen.push(id);
      return seen.length < 2;
    }, true);
    expect(seen).toEqual([9, 5]);
  });

  it('intersects and unites like sets do', () => {
    fc.assert(
      fc.property(ids, ids, (a, b) => {
        const sa = IdSet.fromUnsorted(a);
        const sb = IdSet.fromUnsorted(b);
        expect([...intersect([sa, sb])]).toEqual(reference(a).filter((id) => b.includes(id)));
        expect([...union([sa, sb])]).toEqual(reference([...a, ...b]));
      }),
      { seed: 3, numRuns: 100 },
    );
  });
});
