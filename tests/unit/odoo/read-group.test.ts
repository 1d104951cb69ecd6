import { describe, expect, it } from 'vitest';
import { andDomains, normalizeDomain } from '../../../src/main/core/odoo';
import { formattedReadGroupCall, normalizeGroupRows, readGroupCall } from '../../../src/main/core/odoo/read-group';

const site = { url: 'http://odoo.test', database: 'markket', login: 'admin' };

describe('domains', () => {
  it('makes the implicit "and" of a list of leaves explicit', () => {
    expect(normalizeDomain([['a', '=', 1], ['b', '=', 2], ['c', '=', 3]])).toEqual(['&', '&', ['a', '=', 1], ['b', '=', 2], ['c', '=', 3]]);
  });

  it('leaves a domain that is already in prefix form alone', () => {
    const domain = ['|', ['a', '=', 1], '!', ['b', '=', 2]];
    expect(normalizeDomain(domain)).toEqual(domain);
  });

  it('joins two domains with "and", dropping an empty one', () => {
    expect(andDomains([], [['a', '=', 1]])).toEqual([['a', '=', 1]]);
    expect(andDomains([['a', '=', 1]], ['|', ['b', '=', 2], ['c', '=', 3]])).toEqual(['&', ['a', '=', 1], '|', ['b', '=', 2], ['c', '=', 3]]);
  });
});

describe('read_group requests and rows', () => {
  const request = { model: 'mailing.trace', domain: [['mass_mailing_id', '=', 2]], fields: ['trace_status'], groupby: ['trace_status'], options: {} };

  it('groups by every key unless lazy is asked for', () => {
    expect(readGroupCall(request).kwargs).toEqual({ lazy: false });
    expect(formattedReadGroupCall({ ...request, fields: [], groupby: ['a', 'b'], options: { lazy: true } })?.kwargs?.groupby).toEqual(['a']);
  });

  it('cannot express a plain field that is neither grouped nor aggregated in formatted_read_group', () => {
    expect(formattedReadGroupCall({ ...request, fields: ['trace_status', 'email'] })).toBeUndefined();
  });

  it('moves a lazy "<field>_count" into __count', () => {
    const rows = normalizeGroupRows([{ trace_status: 'sent', trace_status_count: 4, __domain: [] }], request, site, []);
    expect(rows).toEqual([{ trace_status: 'sent', __count: 4, __domain: [] }]);
  });

  it('finds the lazy count of a date grouped by month', () => {
    const monthly = { ...request, groupby: ['create_date:month'] };
    expect(normalizeGroupRows([{ 'create_date:month': 'March 2025', create_date_count: 7 }], monthly, site, [])[0]?.__count).toBe(7);
  });

  it('rejects a group without a count', () => {
    expect(() => normalizeGroupRows([{ trace_status: 'sent' }], request, site, [])).toThrow(/no count/);
  });
});
