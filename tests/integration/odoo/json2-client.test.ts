import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_API_KEY, DEMO_DATABASE, DEMO_LOGIN, startOdooPeer, type OdooPeer } from '../../../src/main/sandbox/odoo';
import { createOdooClient, type OdooClient } from '../../../src/main/core/odoo';
import { startReplayServer, type ReplayServer } from '../../support/replay-server';

const API_KEY = '0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c';

/** The n-th JSON-2 model call: its path, headers and named arguments. */
function json2Call(server: ReplayServer, index = 0) {
  const seen = server.modelCalls()[index];
  if (!seen) throw new Error(`no model call #${index}`);
  return { path: seen.path, headers: seen.headers, body: seen.json as Record<string, unknown> };
}

describe('Odoo client over JSON-2 (Odoo 19 wire format)', () => {
  let server: ReplayServer;
  let client: OdooClient;

  beforeEach(async () => {
    server = await startReplayServer({ apiKey: API_KEY, serverVersion: '19.0' });
    client = createOdooClient({ url: `${server.url}/`, database: 'markket', login: 'admin', apiKey: API_KEY });
  });
  afterEach(async () => {
    await client.close();
    await server.close();
  });

  it('detects a 19.0 server as JSON-2 and learns the user id from context_get', async () => {
    const { uid, version } = await client.connect();
    expect(uid).toBe(2);
    expect(version).toEqual({ serverVersion: '19.0', major: 19, protocol: 'json2' });
    const probe = server.requests.find((r) => r.call === 'res.users.context_get');
    expect(probe?.headers.authorization).toBe(`bearer ${API_KEY}`);
    expect(probe?.headers['x-odoo-database']).toBe('markket');
  });

  it('sends search_read as named arguments with the bearer key and the database header', async () => {
    server.answer({ recording: '040' });
    const rows = await client.searchRead('mailing.list', [['active', '=', true]], ['name'], { limit: 5, order: 'name desc', context: { active_test: false } });
    expect(rows[0]).toMatchObject({ id: 2, name: 'Imported Contacts' });
    const call = json2Call(server);
    expect(call.path).toBe('/json/2/mailing.list/search_read');
    expect(call.headers['content-type']).toBe('application/json');
    expect(call.headers['x-odoo-database']).toBe('markket');
    expect(call.body).toEqual({ domain: [['active', '=', true]], fields: ['name'], limit: 5, order: 'name desc', context: { active_test: false } });
  });

  it('puts record ids in "ids" for read, write, unlink and actions', async () => {
    server.answer({ recording: '074' }, { recording: '059' }, { recording: '069' }, { recording: '110' });
    expect(await client.read('mailing.contact', [9, 17], ['name'])).toEqual([{ id: 9, name: 'Alice Markket' }]);
    expect(await client.write('mailing.contact', [9, 10], { name: 'Alice' })).toBe(true);
    expect(await client.unlink('mailing.contact', [17])).toBe(true);
    expect(await client.call('mailing.mailing', 'action_launch', [2])).toBeNull();
    expect(json2Call(server, 0).body).toEqual({ ids: [9, 17], fields: ['name'] });
    expect(json2Call(server, 1).body).toEqual({ ids: [9, 10], vals: { name: 'Alice' } });
    expect(json2Call(server, 2).body).toEqual({ ids: [17] });
    expect(json2Call(server, 3)).toMatchObject({ path: '/json/2/mailing.mailing/action_launch', body: { ids: [2] } });
  });

  it('creates through vals_list and returns the id, since JSON-2 answers a recordset as a list of ids', async () => {
    server.answer({ status: 200, body: [41] }, { status: 200, body: [42, 43] });
    expect(await client.create('mailing.list', { name: 'Store A' })).toBe(41);
    expect(await client.createMany('mailing.contact', [{ email: 'a@example.com' }, { email: 'b@example.com' }])).toEqual([42, 43]);
    expect(json2Call(server, 0).body).toEqual({ vals_list: { name: 'Store A' } });
    expect(json2Call(server, 1).body).toEqual({ vals_list: [{ email: 'a@example.com' }, { email: 'b@example.com' }] });
  });

  it('returns the copy id from the list JSON-2 answers', async () => {
    server.answer({ recording: '140' });
    expect(await client.copy('mailing.mailing', 2, { subject: 'Again' })).toBe(3);
    expect(json2Call(server).body).toEqual({ ids: [2], default: { subject: 'Again' } });
  });

  it('groups with formatted_read_group on 19 and gives the rows the read_group shape', async () => {
    server.answer({
      status: 200,
      body: [
        { mass_mailing_id: [1, 'Newsletter'], trace_status: 'open', __count: 3, __extra_domain: ['&', ['mass_mailing_id', '=', 1], ['trace_status', '=', 'open']] },
        { mass_mailing_id: [1, 'Newsletter'], trace_status: 'sent', __count: 5, __extra_domain: ['&', ['mass_mailing_id', '=', 1], ['trace_status', '=', 'sent']] },
      ],
    });
    const rows = await client.readGroup('mailing.trace', [['mass_mailing_id', 'in', [1]]], ['mass_mailing_id', 'trace_status'], ['mass_mailing_id', 'trace_status']);
    expect(json2Call(server)).toMatchObject({
      path: '/json/2/mailing.trace/formatted_read_group',
      body: { domain: [['mass_mailing_id', 'in', [1]]], groupby: ['mass_mailing_id', 'trace_status'], aggregates: ['__count'] },
    });
    expect(rows[0]).toEqual({
      mass_mailing_id: [1, 'Newsletter'],
      trace_status: 'open',
      __count: 3,
      __domain: ['&', ['mass_mailing_id', 'in', [1]], '&', ['mass_mailing_id', '=', 1], ['trace_status', '=', 'open']],
    });
  });

  it('falls back to read_group when the 19 server has no formatted_read_group', async () => {
    server.answer({ status: 404, body: { name: 'werkzeug.exceptions.NotFound', message: "The method 'mailing.trace.formatted_read_group' does not exist", arguments: [], context: {}, debug: '' } }, { recording: '047' });
    const rows = await client.readGroup('mailing.trace', [['mass_mailing_id', '=', 1]], ['trace_status'], ['trace_status'], { lazy: true });
    expect(rows.map((r) => r.__count)).toEqual([2, 1, 2, 2, 1]);
    expect(json2Call(server, 1)).toMatchObject({
      path: '/json/2/mailing.trace/read_group',
      body: { domain: [['mass_mailing_id', '=', 1]], fields: ['trace_status'], groupby: ['trace_status'], lazy: true },
    });
  });

  it('keeps aggregate values under the field name whichever method grouped them', async () => {
    server.answer({ status: 200, body: [{ state: 'done', __count: 2, 'expected:sum': 40, __extra_domain: [['state', '=', 'done']] }] });
    const rows = await client.readGroup('mailing.mailing', [], ['state', 'expected:sum'], ['state']);
    expect(rows[0]).toMatchObject({ state: 'done', expected: 40, __count: 2, __domain: [['state', '=', 'done']] });
  });

  it('speaks JSON-RPC to a 19.0 server when told to', async () => {
    const forced = createOdooClient({ url: server.url, database: 'markket', login: 'admin', apiKey: API_KEY, protocol: 'jsonrpc' });
    server.answer({ recording: '042' });
    expect((await forced.connect()).version.protocol).toBe('jsonrpc');
    expect(await forced.searchCount('mailing.contact', [])).toBe(8);
    expect(server.modelCalls()[0]?.path).toBe('/jsonrpc');
    await forced.close();
  });
});

describe('Protocol choice on an 18.0 server', () => {
  it('refuses to force JSON-2 on a server that does not serve it, with a clear error', async () => {
    const server = await startReplayServer({ apiKey: API_KEY, serverVersion: '18.0' });
    const client = createOdooClient({ url: server.url, database: 'markket', login: 'admin', apiKey: API_KEY, protocol: 'json2', readRetries: 0 });
    const error = await client.connect().then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ code: 'odoo.malformed_response', details: { httpStatus: 404 } });
    expect((error as Error).message).toContain('JSON-2');
    await server.close();
  });
});

describe('A JSON-2 connection to the Odoo 19 peer', () => {
  let peer: OdooPeer;
  beforeAll(async () => {
    peer = await startOdooPeer({ seed: 'demo', randomSeed: 3, contactCount: 10, autoProcessQueue: false, version: '19.0' });
  });
  afterAll(() => peer.close());

  /** Every path the client asks for, in order. */
  function recordingFetch(paths: string[]): typeof fetch {
    return async (input, init) => {
      paths.push(new URL(String(input)).pathname);
      return fetch(input, init);
    };
  }

  it('reads the version from /web/version and never calls the deprecated /jsonrpc', async () => {
    const paths: string[] = [];
    const client = createOdooClient({ url: peer.url, database: DEMO_DATABASE, login: DEMO_LOGIN, apiKey: DEMO_API_KEY, protocol: 'json2' }, { fetch: recordingFetch(paths) });
    const { version } = await client.connect();
    await client.searchCount('mailing.list', []);
    await client.close();
    expect(version).toEqual({ serverVersion: '19.0', major: 19, protocol: 'json2' });
    expect(paths[0]).toBe('/web/version');
    expect(paths).not.toContain('/jsonrpc');
  });

  it('says there is no database of that name when X-Odoo-Database names an unknown one (Odoo answers 404 HTML)', async () => {
    const client = createOdooClient({ url: peer.url, database: 'nosuchdb', login: DEMO_LOGIN, apiKey: DEMO_API_KEY, protocol: 'json2', readRetries: 0 });
    const error = await client.connect().then(() => undefined, (e: unknown) => e);
    await client.close();
    expect(error).toMatchObject({ code: 'odoo.wrong_database', message: `Odoo at ${peer.url} has no database named "nosuchdb". Check the database name in the connection settings.` });
  });

  it('says the same with automatic protocol detection', async () => {
    const client = createOdooClient({ url: peer.url, database: 'nosuchdb', login: DEMO_LOGIN, apiKey: DEMO_API_KEY, readRetries: 0 });
    const error = await client.connect().then(() => undefined, (e: unknown) => e);
    await client.close();
    expect(error).toMatchObject({ code: 'odoo.wrong_database' });
  });
});
