import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOdooPeer, type OdooPeer } from '../../../../src/main/sandbox/odoo';
import { readFixture } from '../../../support/fixtures';
import { json2 } from './helpers';

/**
 * res.partner on Odoo 19 has the 110 fields a real 19 with mass_mailing has
 * (odoo19-json2-wire/021), and a read of every one of them answers, the derived ones as
 * res_partner.py derives them (the creation note in its chatter included).
 */
describe('res.partner on the Odoo 19 peer', () => {
  let peer: OdooPeer;
  beforeAll(async () => {
    peer = await startOdooPeer({ seed: 'empty', version: '19.0' });
  });
  afterAll(async () => {
    await peer.close();
  });

  const call = async (method: string, body: unknown) => {
    const answer = await json2(peer, 'res.partner', method, body);
    expect(answer.status, JSON.stringify(answer.body).slice(0, 300)).toBe(200);
    return answer.body;
  };

  it('reads every field of a company and of its contact', async () => {
    const recorded = (readFixture('odoo19-json2-wire', '021').json as { response: { body: Record<string, unknown> } }).response.body;
    const [belgium] = (await json2(peer, 'res.country', 'create', { vals_list: [{ name: 'Belgium', code: 'BE' }] })).body as number[];
    const [company] = (await call('create', { vals_list: [{ name: 'Bloom & Co', is_company: true, email: 'Hello@Bloom.example', country_id: belgium }] })) as number[];
    const [person] = (await call('create', { vals_list: [{ name: 'Ann Vos', parent_id: company, email: 'Ann Vos <ANN@bloom.example>', tz: 'Europe/Brussels' }] })) as number[];
    // Every field but the images, which a read answers as base64 files.
    const names = Object.keys(recorded).filter((name) => (recorded[name] as { type: string }).type !== 'binary');
    const rows = (await call('read', { ids: [company, person], fields: names })) as Record<string, unknown>[];
    expect(rows.map((row) => Object.keys(row).sort())).toEqual([[...names].sort(), [...names].sort()]);
    const [c, p] = rows as [Record<string, unknown>, Record<string, unknown>];
    expect(c).toMatchObject({ complete_name: 'Bloom & Co', display_name: 'Bloom & Co', company_type: 'company', commercial_partner_id: [company, 'Bloom & Co'], self: [company, 'Bloom & Co'], type: 'contact', active: true, email_normalized: 'hello@bloom.example', country_code: 'BE', is_blacklisted: false, lang: 'en_US', active_lang_count: 1, parent_id: false, child_ids: [person], activity_ids: [], message_ids: [expect.any(Number)], has_message: true });
    expect(p).toMatchObject({ complete_name: 'Bloom & Co, Ann Vos', display_name: 'Bloom & Co, Ann Vos', company_type: 'person', commercial_partner_id: [company, 'Bloom & Co'], commercial_company_name: 'Bloom & Co', parent_name: 'Bloom & Co', email_normalized: 'ann@bloom.example', tz: 'Europe/Brussels' });
    expect(p.tz_offset).toMatch(/^\+0[12]00$/);
  });

  it('finds partners by their derived fields', async () => {
    const found = (await call('search_read', { domain: [['email_normalized', '=', 'ann@bloom.example']], fields: ['name'] })) as { name: string }[];
    expect(found.map((r) => r.name)).toEqual(['Ann Vos']);
  });
});
