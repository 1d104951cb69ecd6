import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Env } from '../../../../src/main/sandbox/odoo/orm/env';
import { create, search } from '../../../../src/main/sandbox/odoo/orm/crud';
import { compareScalar, likeToRegExp, parseDomain } from '../../../../src/main/sandbox/odoo/orm/domain';
import { makePeerEnv as makeEnv } from '../../../support/peer-env';


describe('the domain engine', () => {
  let env: Env;
  let lists: number[];
  let tags: number[];
  beforeAll(() => {
    env = makeEnv();
    lists = create(env, 'mailing.list', [{ name: 'A' }, { name: 'B' }]);
    tags = create(env, 'res.partner.category', [{ name: 'vip' }, { name: 'buyer' }]);
    const names = ['Ann', 'bob', 'Cléo', 'dan', 'Eve', 'fay', 'Gus', 'hal', 'Ivy', 'jon'];
    create(
      env,
      'mailing.contact',
      names.map((name, i) => ({
        name,
        email: i === 3 ? 'not-an-email' : `${name.toLowerCase()}@example.com`,
        company_name: i % 3 === 0 ? false : `Co ${i % 4}`,
        message_bounce: i % 4,
        list_ids: [[4, lists[i % 2] as number]],
        tag_ids: i % 3 === 0 ? [[6, 0, [tags[0]]]] : i % 3 === 1 ? [[6, 0, [tags[1]]]] : [],
      })),
    );
  });

  const contactIds = (domain: unknown[], order?: string) => search(env, 'mailing.contact', domain, order ? { order } : {});
  const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);

  it('treats consecutive leaves as an implicit AND', () => {
    expect(contactIds([['message_bounce', '=', 1], ['company_name', '!=', false]])).toEqual(contactIds(['&', ['message_bounce', '=', 1], ['company_name', '!=', false]]));
  });

  it('follows dotted paths through many2many fields', () => {
    const vip = contactIds([['tag_ids.name', '=', 'vip']]);
    expect(vip.length).toBe(4);
    expect(sorted(vip)).toEqual(sorted(contactIds([['tag_ids', 'in', [tags[0]]]])));
  });

  it('reads a negative operator on a many2many path as "none of the related records"', () => {
    const notVip = contactIds([['tag_ids.name', '!=', 'vip']]);
    expect(sorted(notVip)).toEqual(sorted(contactIds(['!', ['tag_ids.name', '=', 'vip']])));
  });

  it('matches ilike case-insensitively anywhere in the value and =like as a full pattern', () => {
    expect(contactIds([['email', 'ilike', 'ANN@']]).length).toBe(1);
    expect(contactIds([['email', '=like', '%@example.com']]).length).toBe(9);
  });

  it('includes empty values in != and not in, like Odoo does', () => {
    const all = contactIds([]);
    const co1 = contactIds([['company_name', '=', 'Co 1']]);
    expect(contactIds([['company_name', '!=', 'Co 1']]).length).toBe(all.length - co1.length);
  });

  it('accepts the TRUE and FALSE leaves', () => {
    expect(contactIds([[1, '=', 1]]).length).toBe(10);
    expect(contactIds([[0, '=', 1]])).toEqual([]);
  });

  it('orders by several keys with desc and applies offset and limit', () => {
    const ordered = contactIds([], 'message_bounce desc, id asc');
    const bounces = ordered.map((id) => env.browse('mailing.contact', id)?.message_bounce as number);
    expect(bounces).toEqual([...bounces].sort((a, b) => b - a));
    expect(search(env, 'mailing.contact', [], { order: 'message_bounce desc, id asc', offset: 2, limit: 3 })).toEqual(ordered.slice(2, 5));
  });

  it('rejects a leaf on an unknown field with Odoo\'s message', () => {
    expect(() => contactIds([['nope', '=', 1]])).toThrow("Invalid field mailing.contact.nope in leaf ('nope', '=', 1)");
  });

  const leaf = fc.oneof(
    fc.tuple(fc.constant('message_bounce'), fc.constantFrom('=', '!=', '<', '>', '<=', '>='), fc.integer({ min: -1, max: 4 })),
    fc.tuple(fc.constant('company_name'), fc.constantFrom('=', '!=', 'ilike', 'not ilike', 'like'), fc.constantFrom('Co 1', 'co', false, 'Co 3')),
    fc.tuple(fc.constant('tag_ids.name'), fc.constantFrom('=', '!=', 'ilike'), fc.constantFrom('vip', 'buyer', 'x')),
    fc.tuple(fc.constant('name'), fc.constantFrom('in', 'not in'), fc.subarray(['Ann', 'bob', 'Eve', 'zed'])),
  ).map((t) => [...t] as unknown[]);

  it('satisfies De Morgan: !(a | b) equals !a & !b', () => {
    fc.assert(
      fc.property(leaf, leaf, (a, b) => {
        expect(sorted(contactIds(['!', '|', a, b]))).toEqual(sorted(contactIds(['&', '!', a, '!', b])));
      }),
      { seed: 42, numRuns: 150 },
    );
  });

  it('partitions the records: a and !a together give everything exactly once', () => {
    fc.assert(
      fc.property(leaf, (a) => {
        const yes = contactIds([a]);
        const no = contactIds(['!', a]);
        expect(yes.filter((id) => no.includes(id))).toEqual([]);
        expect(yes.length + no.length).toBe(10);
      }),
      { seed: 42, numRuns: 150 },
    );
  });

  it('answers "in" exactly like an OR chain of equalities', () => {
    fc.assert(
      fc.property(fc.subarray([0, 1, 2, 3]), (values) => {
        const chain = values.length === 0 ? [[0, '=', 1]] : [...Array(values.length - 1).fill('|'), ...values.map((v) => ['message_bounce', '=', v])];
        expect(sorted(contactIds([['message_bounce', 'in', values]]))).toEqual(sorted(contactIds(chain)));
      }),
      { seed: 42, numRuns: 50 },
    );
  });

  it('keeps ordering stable: a limited page is a prefix of the full ordering', () => {
    fc.assert(
      fc.property(fc.constantFrom('name asc', 'name desc', 'message_bounce asc, name desc', 'company_name asc, id desc'), fc.integer({ min: 0, max: 10 }), (order, limit) => {
        expect(search(env, 'mailing.contact', [], { order, limit })).toEqual(search(env, 'mailing.contact', [], { order }).slice(0, limit));
      }),
      { seed: 42, numRuns: 60 },
    );
  });

  it('parses nested prefix operators into a tree', () => {
    expect(parseDomain(['|', '&', ['a', '=', 1], ['b', '=', 2], '!', ['c', '=', 3]])).toEqual({
      kind: 'or',
      children: [
        { kind: 'and', children: [{ kind: 'leaf', path: 'a', op: '=', value: 1 }, { kind: 'leaf', path: 'b', op: '=', value: 2 }] },
        { kind: 'not', child: { kind: 'leaf', path: 'c', op: '=', value: 3 } },
      ],
    });
  });

  it('turns SQL LIKE wildcards into anchored patterns', () => {
    expect(likeToRegExp('a_c%', false).test('abcdef')).toBe(true);
    expect(likeToRegExp('a_c%', false).test('xabc')).toBe(false);
    expect(compareScalar(null, 'ilike', 'x')).toBe(false);
    expect(compareScalar(null, '=', false)).toBe(true);
  });
});
