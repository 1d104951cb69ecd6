import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOdooPeer, type OdooPeer } from '../../../../src/main/sandbox/odoo';
import { executeKw } from './helpers';

/**
 * The pager length of web_search_read as web's _format_web_search_read_results computes it
 * (Odoo 17–19, addons/web/models/models.py): Odoo counts only when the page is full and
 * count_limit is not yet reached, and caps that count at count_limit. An export that already
 * knows its total passes count_limit 1 and saves a count of every match on every page.
 */
let peer: OdooPeer;
let total: number;
const page = async (kwargs: Record<string, unknown>) => {
  const answer = await executeKw(peer, 'mailing.contact', 'web_search_read', [], { domain: [], specification: { email: {} }, order: 'id asc', ...kwargs });
  return answer.result as { length: number; records: unknown[] };
};

beforeAll(async () => {
  peer = await startOdooPeer({ seed: 'demo', contactCount: 120 });
  total = (await executeKw(peer, 'mailing.contact', 'search_count', [[]])).result as number;
});
afterAll(() => peer.close());

describe('web_search_read length on the Odoo peer', () => {
  it('counts every match when the page is full and no count_limit is given', async () => {
    expect(total).toBeGreaterThan(50);
    expect(await page({ limit: 50 })).toMatchObject({ length: total });
  });

  it('caps the count at count_limit, as the web client’s "1-80 / 10000+" pager shows', async () => {
    expect((await page({ limit: 50, count_limit: 60 })).length).toBe(60);
  });

  it('does not count once what was read reaches count_limit: the length is what was read', async () => {
    const answer = await page({ limit: 50, offset: 10, count_limit: 1 });
    expect(answer.records).toHaveLength(50);
    expect(answer.length).toBe(60);
  });

  it('does not count a page that is not full, nor an empty one', async () => {
    expect((await page({ limit: 50, offset: total - 5 })).length).toBe(total);
    expect(await page({ limit: 50, domain: [['email', '=', 'nobody@nowhere.example']] })).toEqual({ length: 0, records: [] });
  });

  it('caps search_count at its limit', async () => {
    expect((await executeKw(peer, 'mailing.contact', 'search_count', [[]], { limit: 7 })).result).toBe(7);
  });
});
