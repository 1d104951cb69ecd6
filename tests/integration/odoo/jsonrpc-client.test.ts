import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOdooClient, type OdooClient } from '../../../src/main/core/odoo';
import { loadRecording, startReplayServer, type ReplayServer } from '../../support/replay-server';

const API_KEY = 'a3f1c0de5b7e4d2a9c8b6f0e1d2c3b4a5f6e7d8c';

/** The execute_kw args (model, method, args, kwargs) the client sent in its n-th model call. */
function executeKw(server: ReplayServer, index = 0): unknown[] {
  const body = server.modelCalls()[index]?.json as { params: { args: unknown[] } };
  return body.params.args.slice(3);
}

describe('Odoo client over JSON-RPC (recorded Odoo 18.0 answers)', () => {
  let server: ReplayServer;
  let client: OdooClient;

  beforeEach(async () => {
    server = await startReplayServer({ apiKey: API_KEY });
    client = createOdooClient({ url: server.url, database: 'markket', login: 'admin', apiKey: API_KEY }, { sleep: async () => {} });
  });
  afterEach(async () => {
    await client.close();
    await server.close();
  });

  it('detects an 18.0 server as JSON-RPC and logs in with the API key as password', async () => {
    const { uid, version } = await client.connect();
    expect(uid).toBe(2);
    expect(version).toEqual({ serverVersion: '18.0', major: 18, protocol: 'jsonrpc' });
    const auth = server.requests.find((r) => r.call === 'common.authenticate')?.json as { params: { args: unknown[] } };
    expect(auth.params.args).toEqual(['markket', 'admin', API_KEY, {}]);
  });

  it('connects once and reuses the session for later calls', async () => {
    await client.connect();
    await client.connect();
    expect(await client.version()).toMatchObject({ major: 18 });
    expect(server.requests.filter((r) => r.call === 'common.authenticate')).toHaveLength(1);
  });

  it('sends search_read with the domain first and the options by name, and returns the rows', async () => {
    server.answer({ recording: '040' });
    const rows = await client.searchRead('mailing.list', [], ['name', 'contact_count'], { order: 'name', limit: 10, offset: 0 });
    expect(rows[0]).toMatchObject({ id: 2, name: 'Imported Contacts', contact_count: 2 });
    expect(executeKw(server)).toEqual(['mailing.list', 'search_read', [[]], { fields: ['name', 'contact_count'], offset: 0, limit: 10, order: 'name' }]);
  });

  it('returns only the existing records when read is given a deleted id', async () => {
    server.answer({ recording: '074' });
    const rows = await client.read('mailing.contact', [9, 17], ['name']);
    expect(rows).toEqual([{ id: 9, name: 'Alice Markket' }]);
    expect(executeKw(server)).toEqual(['mailing.contact', 'read', [[9, 17]], { fields: ['name'] }]);
  });

  it('passes the context with read so computed fields follow it', async () => {
    server.answer({ recording: '064' });
    const rows = await client.read('mailing.contact', [9, 10, 11], ['name', 'opt_out'], { context: { default_list_ids: [3] } });
    expect(rows.map((r) => r.opt_out)).toEqual([false, true, false]);
    expect(executeKw(server)[3]).toEqual({ fields: ['name', 'opt_out'], context: { default_list_ids: [3] } });
  });

  it('returns ids from search and a number from search_count', async () => {
    server.answer({ recording: '043' }, { recording: '042' });
    expect(await client.search('mailing.contact', [['list_ids', 'in', [1]]], { order: 'email asc', limit: 3, offset: 2 })).toEqual([3, 4, 5]);
    expect(await client.searchCount('mailing.contact', [['list_ids', 'in', [1]]])).toBe(8);
    expect(executeKw(server, 1)).toEqual(['mailing.contact', 'search_count', [[['list_ids', 'in', [1]]]], {}]);
  });

  it('names the count __count when read_group is lazy, as it is when it is not', async () => {
    server.answer({ recording: '047' }, { recording: '048' });
    const lazy = await client.readGroup('mailing.trace', [['mass_mailing_id', '=', 1]], ['trace_status'], ['trace_status'], { lazy: true });
    const strict = await client.readGroup('mailing.trace', [['mass_mailing_id', '=', 1]], ['trace_status'], ['trace_status']);
    expect(lazy).toEqual(strict);
    expect(lazy[0]).toEqual({ trace_status: 'bounce', __count: 2, __domain: ['&', ['mass_mailing_id', '=', 1], ['trace_status', '=', 'bounce']] });
    expect(executeKw(server, 1)[3]).toMatchObject({ lazy: false });
  });

  it('returns the new id when one record is created', async () => {
    server.answer({ recording: '051' });
    expect(await client.create('mailing.list', { name: 'Markket Store 42 customers', is_public: true })).toBe(3);
    expect(executeKw(server)).toEqual(['mailing.list', 'create', [{ name: 'Markket Store 42 customers', is_public: true }], {}]);
  });

  it('returns every new id when several records are created at once', async () => {
    server.answer({ recording: '050' });
    const ids = await client.createMany('res.partner.category', [{ name: 'newsletter' }, { name: 'buyer' }]);
    expect(ids).toEqual((loadRecording('050').response.body as { result: number[] }).result);
  });

  it('writes and unlinks with the ids first and answers true', async () => {
    server.answer({ recording: '059' }, { recording: '069' });
    expect(await client.write('mailing.contact', [9, 10], { tag_ids: [[4, 9]] })).toBe(true);
    expect(await client.unlink('mailing.contact', [17])).toBe(true);
    expect(executeKw(server, 0)).toEqual(['mailing.contact', 'write', [[9, 10], { tag_ids: [[4, 9]] }], {}]);
    expect(executeKw(server, 1)).toEqual(['mailing.contact', 'unlink', [[17]], {}]);
  });

  it('returns the id of a copy although 18.0 answers a list', async () => {
    server.answer({ recording: '140' });
    expect(await client.copy('mailing.mailing', 2)).toBe(3);
  });

  it('returns the field definitions from fields_get', async () => {
    server.answer({ recording: '020' });
    const fields = await client.fieldsGet('mailing.list');
    expect(fields.name).toMatchObject({ type: 'char', required: true, string: 'Mailing List' });
  });

  it('resolves an action that returns nothing to null', async () => {
    server.answer({ recording: '110' });
    expect(await client.call('mailing.mailing', 'action_launch', [2])).toBeNull();
    expect(executeKw(server)).toEqual(['mailing.mailing', 'action_launch', [[2]], {}]);
  });

  it('passes a recordset sent back as text through unchanged', async () => {
    server.answer({ recording: '124' });
    const result = await client.call('mailing.trace', 'set_bounced', [15], { bounce_message: 'Simulated: 550 5.1.1 user unknown' });
    expect(result).toBe('mailing.trace(15,)');
  });

  it('calls a model-level method with named arguments and no ids', async () => {
    server.answer({ recording: '180' });
    await client.call('ir.config_parameter', 'set_param', [], { key: 'mail.mail.force.send.limit', value: '0' });
    expect(executeKw(server)).toEqual(['ir.config_parameter', 'set_param', [], { key: 'mail.mail.force.send.limit', value: '0' }]);
  });

  it('refuses every call after close', async () => {
    await client.close();
    await expect(client.searchCount('mailing.contact', [])).rejects.toMatchObject({ code: 'cancelled' });
  });
});
