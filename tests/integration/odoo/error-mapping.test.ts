import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { createOdooClient, type OdooClient } from '../../../src/main/core/odoo';
import { startReplayServer, type ReplayServer } from '../../support/replay-server';

const API_KEY = '5e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f';

/** Recorded Odoo errors, the call that produced them, and what a store owner should be told. */
const CASES = [
  { recording: '080', code: 'odoo.bad_credentials', model: 'mailing.list', method: 'search_read' },
  { recording: '083', code: 'odoo.validation', model: 'mailing.list', method: 'create', field: 'name' },
  { recording: '084', code: 'odoo.validation', model: 'mailing.subscription', method: 'create', field: 'list_id' },
  { recording: '088', code: 'odoo.validation', model: 'mailing.list', method: 'search_read', field: 'no_such_field' },
  { recording: '089', code: 'odoo.validation', model: 'mailing.contact', method: 'search', field: 'no_such_field' },
  { recording: '090', code: 'odoo.validation', model: 'mailing.mailing', method: 'write', field: 'state' },
  { recording: '092', code: 'odoo.validation', model: 'mailing.list', method: 'create', field: 'no_such_field' },
  { recording: '219', code: 'odoo.validation', model: 'ir.model.fields', method: 'create' },
  { recording: '055', code: 'odoo.user_error', model: 'mailing.contact', method: 'create' },
  { recording: '067', code: 'odoo.user_error', model: 'mail.blacklist', method: 'create' },
  { recording: '071', code: 'odoo.missing_record', model: 'mailing.contact', method: 'write' },
  { recording: '076', code: 'odoo.missing_record', model: 'mailing.contact', method: 'copy' },
  { recording: '085', code: 'odoo.unknown_model', model: 'mailing.lists', method: 'search_read' },
  { recording: '086', code: 'odoo.unknown_method', model: 'mailing.list', method: 'no_such_method' },
  { recording: '087', code: 'odoo.private_method', model: 'mailing.mailing', method: '_process_mass_mailing_queue' },
  { recording: '096', code: 'odoo.access_denied', model: 'mailing.mailing', method: 'search_read' },
  { recording: '097', code: 'odoo.access_denied', model: 'mailing.list', method: 'create' },
  { recording: '082', code: 'odoo.wrong_database', model: 'mailing.list', method: 'search_read' },
  { recording: '091', code: 'odoo.server_error', model: 'mailing.list', method: 'read' },
] as const;

/** Triggers a model call; the scripted answer decides what happens. */
function callFor(client: OdooClient, model: string, method: string): Promise<unknown> {
  switch (method) {
    case 'search_read':
      return client.searchRead(model, [], ['name']);
    case 'search':
      return client.search(model, [['no_such_field', '=', 1]]);
    case 'create':
      return client.create(model, { is_public: true });
    case 'write':
      return client.write(model, [17], { state: 'bogus' });
    case 'copy':
      return client.copy(model, 17);
    case 'read':
      return client.read(model, [1], ['name']);
    default:
      return client.call(model, method, []);
  }
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe.each(['18.0', '19.0'] as const)('Odoo errors mapped to codes a store owner can act on (Odoo %s)', (serverVersion) => {
  let server: ReplayServer;
  let client: OdooClient;
  const protocol = serverVersion === '18.0' ? 'jsonrpc' : 'json2';

  afterEach(async () => {
    await client.close();
    await server.close();
  });

  async function start(): Promise<void> {
    server = await startReplayServer({ apiKey: API_KEY, serverVersion });
    // No retries here: a JSON-2 500 is retried for reads, which retry.test.ts covers.
    client = createOdooClient({ url: server.url, database: 'markket', login: 'admin', apiKey: API_KEY, readRetries: 0 });
  }

  it.each(CASES)('maps recording $recording to $code', async ({ recording, code, model, method, ...rest }) => {
    await start();
    server.answer({ recording });
    const error = await failure(callFor(client, model, method));
    expect(error.code).toBe(code);
    expect(error.details).toMatchObject({ model, method, protocol });
    if ('field' in rest) {
      expect(error.details?.field).toBe(rest.field);
      expect(error.message).toContain(`"${rest.field}"`);
    }
    expect(error.message).not.toMatch(/Traceback|File "\//);
    expect(JSON.stringify(error.details)).not.toContain('Traceback');
  });

  it("keeps Odoo's own message in the details for support", async () => {
    await start();
    server.answer({ recording: '067' });
    const error = await failure(client.create('mail.blacklist', { email: 'not an email' }));
    expect(error.details?.odooMessage).toBe('Invalid email address “not an email”');
    expect(error.message).toContain('Invalid email address');
  });

  it('reports a refused API key at connect time as bad credentials, not a crash', async () => {
    server = await startReplayServer({ apiKey: 'the-right-key-0123456789', serverVersion });
    client = createOdooClient({ url: server.url, database: 'markket', login: 'admin', apiKey: API_KEY });
    const error = await failure(client.connect());
    expect(error.code).toBe('odoo.bad_credentials');
    expect(error.message).toContain('API key');
  });

  it('answers a body that is not JSON as a malformed response', async () => {
    await start();
    server.answer({ status: 200, contentType: 'text/html; charset=utf-8', body: '<html><body>Welcome to nginx!</body></html>' });
    const error = await failure(client.searchRead('mailing.list', [], ['name']));
    expect(error.code).toBe('odoo.malformed_response');
    expect(error.details?.body).toContain('Welcome to nginx');
  });

  it('answers JSON of the wrong shape as a malformed response', async () => {
    await start();
    server.answer({ status: 200, body: protocol === 'jsonrpc' ? { jsonrpc: '2.0', id: 1, result: { not: 'a list' } } : { not: 'a list' } });
    const error = await failure(client.searchRead('mailing.list', [], ['name']));
    expect(error.code).toBe('odoo.malformed_response');
    expect(error.details).toMatchObject({ model: 'mailing.list', method: 'search_read' });
  });
});

describe('Errors only one protocol can produce', () => {
  let server: ReplayServer | undefined;
  let client: OdooClient | undefined;
  afterEach(async () => {
    await client?.close();
    await server?.close();
  });

  it('reports an unknown database at login as a wrong database', async () => {
    server = await startReplayServer({ apiKey: API_KEY, authenticateWith: '007' });
    client = createOdooClient({ url: server.url, database: 'nosuchdb', login: 'admin', apiKey: API_KEY });
    const error = await failure(client.connect());
    expect(error.code).toBe('odoo.wrong_database');
    expect(error.message).toContain('"nosuchdb"');
  });

  it('reports an expired session (JSON-RPC error code 100) as session expired', async () => {
    server = await startReplayServer({ apiKey: API_KEY });
    client = createOdooClient({ url: server.url, database: 'markket', login: 'admin', apiKey: API_KEY });
    server.answer({ recording: '098' });
    expect((await failure(client.searchRead('mailing.list', [], ['name']))).code).toBe('odoo.session_expired');
  });

  it('reports the HTML page Odoo sends for a GET as a malformed response', async () => {
    server = await startReplayServer({ apiKey: API_KEY });
    client = createOdooClient({ url: server.url, database: 'markket', login: 'admin', apiKey: API_KEY });
    server.answer({ recording: '099' });
    const error = await failure(client.searchRead('mailing.list', [], ['name']));
    expect(error.code).toBe('odoo.malformed_response');
    expect(error.details?.httpStatus).toBe(400);
  });

  it('accepts a JSON-2 error whose body is a bare string', async () => {
    server = await startReplayServer({ apiKey: API_KEY, serverVersion: '19.0' });
    client = createOdooClient({ url: server.url, database: 'markket', login: 'admin', apiKey: API_KEY });
    server.answer({ status: 403, body: "You are not allowed to access 'Mass Mailing' (mailing.mailing) records." });
    const error = await failure(client.searchRead('mailing.mailing', [], ['subject']));
    expect(error.code).toBe('odoo.access_denied');
    expect(error.details?.httpStatus).toBe(403);
  });

  it('reports a JSON-2 UnprocessableEntity (wrong arguments) as a validation error', async () => {
    server = await startReplayServer({ apiKey: API_KEY, serverVersion: '19.0' });
    client = createOdooClient({ url: server.url, database: 'markket', login: 'admin', apiKey: API_KEY });
    server.answer({ status: 422, body: { name: 'werkzeug.exceptions.UnprocessableEntity', message: "got an unexpected keyword argument 'bogus'", arguments: [], context: {}, debug: '' } });
    expect((await failure(client.call('mailing.mailing', 'action_launch', [2], { bogus: 1 }))).code).toBe('odoo.validation');
  });
});
