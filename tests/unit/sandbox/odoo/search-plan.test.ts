import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { create, search, searchCount, unlink } from '../../../../src/main/sandbox/odoo/orm/crud';
import { matches, parseDomain } from '../../../../src/main/sandbox/odoo/orm/domain';
import type { Env } from '../../../../src/main/sandbox/odoo/orm/env';
import type { Rec } from '../../../../src/main/sandbox/odoo/orm/types';
import { makePeerEnv as makeEnv } from '../../../support/peer-env';


/**
 * The planner (index candidates, compiled predicates, ordered pages) must answer exactly what the
 * plain evaluator answers record by record: the reference here is "test every record, sort by id".
 */
describe('the search planner', () => {
  let env: Env;
  let lists: number[];
  let tags: number[];
  beforeAll(() => {
    env = makeEnv();
    lists = create(env, 'mailing.list', [{ name: 'A' }, { name: 'B' }, { name: 'C' }]);
    tags = create(env, 'res.partner.category', [{ name: 'vip' }, { name: 'buyer' }]);
    const vals = Array.from({ length: 400 }, (_, i) => ({
      name: `Person ${(i * 37) % 400}`,
      email: `p${i}@example.com`,
      message_bounce: i % 5,
      list_ids: [[4, lists[i % 3] as number], ...(i % 4 === 0 ? [[4, lists[(i + 1) % 3] as number]] : [])],
      tag_ids: i % 3 === 0 ? [[6, 0, [tags[i % 2]]]] : [],
    }));
    create(env, 'mailing.contact', vals);
    // Removing some contacts leaves holes in the ids and in the list memberships.
    unlink(env, 'mailing.contact', Array.from({ length: 10 }, (_, i) => 10 + i * 41));
  });

  const leaf = () =>
    fc.oneof(
      fc.constantFrom(0, 1, 2).map((i) => ['list_ids', 'in', [lists[i]]]),
      fc.constantFrom(0, 1).map((i) => ['tag_ids', 'in', [tags[i]]]),
      fc.integer({ min: 0, max: 5 }).map((n) => ['message_bounce', '>=', n]),
      fc.constantFrom('1', '22', 'Person 3').map((s) => ['name', 'ilike', s]),
      fc.integer({ min: 1, max: 420 }).map((n) => ['id', 'in', [n, n + 1, n + 7]]),
      fc.constantFrom(0, 1, 2).map((i) => ['list_ids', 'not in', [lists[i]]]),
    );
  /** Each part is a run of prefix items: a leaf, '!' leaf, or '|' leaf leaf; parts are AND-ed. */
  const part = fc.oneof(
    leaf().map((a) => [a]),
    leaf().map((a) => ['!', a]),
    fc.tuple(leaf(), leaf()).map(([a, b]) => ['|', a, b]),
  );
  const domain = fc.array(part, { maxLength: 3 }).map((parts) => parts.flat(1) as unknown[]);
  const normalize = (d: unknown[]): unknown[] => d;

  const reference = (d: unknown[]): number[] => {
    const node = parseDomain(d);
    return [...env.store('mailing.contact').records.values()].filter((rec: Rec) => matches(env, 'mailing.contact', rec, node)).map((r) => r.id);
  };

  it('returns the same ids, in id order, as testing every record', () => {
    fc.assert(
      fc.property(domain, (d) => {
        const flat = normalize(d);
        expect(search(env, 'mailing.contact', flat, { order: 'id' })).toEqual(reference(flat));
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('pages by id ascending and descending like slicing the full answer', () => {
    fc.assert(
      fc.property(domain, fc.nat(300), fc.integer({ min: 1, max: 50 }), fc.boolean(), (d, offset, limit, desc) => {
        const flat = normalize(d);
        const all = desc ? reference(flat).reverse() : reference(flat);
        expect(search(env, 'mailing.contact', flat, { order: desc ? 'id desc' : 'id', offset, limit })).toEqual(all.slice(offset, offset + limit));
      }),
      { seed: 43, numRuns: 300 },
    );
  });

  it('counts what it would return', () => {
    fc.assert(
      fc.property(domain, (d) => {
        const flat = normalize(d);
        expect(searchCount(env, 'mailing.contact', flat)).toBe(reference(flat).length);
      }),
      { seed: 44, numRuns: 200 },
    );
  });

  it('never answers an id that does not exist, even when asked for it by id', () => {
    expect(search(env, 'mailing.contact', [['id', 'in', [10, 11, 9999]]])).toEqual([11]);
  });
});
