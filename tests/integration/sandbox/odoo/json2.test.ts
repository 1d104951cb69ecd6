import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY, DEMO_PASSWORD, startOdooPeer, type OdooPeer } from '../../../../src/main/sandbox/odoo';
import { json2 } from './helpers';

// Statuses from Odoo 19's addons/rpc/controllers/json2.py and odoo/http.py Json2Dispatcher.handle_error.
describe('JSON-2 on an Odoo 19 peer', () => {
  let peer: OdooPeer;
  beforeAll(async () => {
    peer = await startOdooPeer({ version: '19.0', seed: 'demo', contactCount: 30, autoProcessQueue: false });
  });
  afterAll(async () => peer.close());

  it('answers a search_read with the bare JSON result', async () => {
    const answer = await json2(peer, 'mailing.list', 'search_read', { domain: [['x_markket_store_id', '=', 'demo-store-a']], fields: ['name'] });
    expect(answer).toEqual({ status: 200, body: [{ id: 1, name: 'Store A - Newsletter' }] });
  });

  it('answers create with the list of new ids, as recordsets become ids', async () => {
    const answer = await json2(peer, 'res.partner.category', 'create', { vals_list: [{ name: 'json2-tag' }] });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual([expect.any(Number)]);
  });

  it('refuses a wrong key with 401', async () => {
    const answer = await json2(peer, 'mailing.list', 'search_read', {}, { Authorization: 'bearer nope' });
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ name: 'werkzeug.exceptions.Unauthorized' });
  });

  it('refuses the password in place of an API key', async () => {
    const answer = await json2(peer, 'mailing.list', 'search_read', {}, { Authorization: `bearer ${DEMO_PASSWORD}` });
    expect(answer.status).toBe(401);
  });

  it('answers 404 for an unknown model and for an unknown method', async () => {
    expect((await json2(peer, 'mailing.lists', 'search_read', {})).status).toBe(404);
    expect((await json2(peer, 'mailing.list', 'no_such_method', {})).status).toBe(404);
  });

  it('answers 403 for a private method', async () => {
    const answer = await json2(peer, 'mailing.mailing', '_process_mass_mailing_queue', {});
    expect(answer).toMatchObject({ status: 403, body: { name: 'odoo.exceptions.AccessError' } });
  });

  it('answers 422 with the ValidationError for a missing required field', async () => {
    const answer = await json2(peer, 'mailing.list', 'create', { vals_list: [{ is_public: true }] });
    expect(answer).toMatchObject({ status: 422, body: { name: 'odoo.exceptions.ValidationError', arguments: [expect.stringContaining('mandatory field')] } });
  });

  it('answers 404 MissingError when writing a deleted record', async () => {
    const answer = await json2(peer, 'mailing.contact', 'write', { ids: [999999], vals: { name: 'ghost' } });
    expect(answer).toMatchObject({ status: 404, body: { name: 'odoo.exceptions.MissingError' } });
  });

  it('answers 422 when ids are given to a model method', async () => {
    const answer = await json2(peer, 'mailing.list', 'search_read', { ids: [1] });
    expect(answer.status).toBe(422);
  });

  it('answers 404 for a database named in X-Odoo-Database that does not exist', async () => {
    const answer = await json2(peer, 'mailing.list', 'search_read', {}, { Authorization: `bearer ${DEMO_API_KEY}`, 'X-Odoo-Database': 'other' });
    expect(answer.status).toBe(404);
  });
});

describe('JSON-2 on an Odoo 18 peer', () => {
  it('does not exist, like on a real 18', async () => {
    const peer = await startOdooPeer({ version: '18.0', autoProcessQueue: false });
    try {
      expect((await json2(peer, 'mailing.list', 'search_read', {})).status).toBe(404);
    } finally {
      await peer.close();
    }
  });
});
