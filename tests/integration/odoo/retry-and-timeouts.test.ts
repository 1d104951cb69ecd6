import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { createOdooClient, type OdooClient } from '../../../src/main/core/odoo';
import { manualTimeouts, type ManualTimeouts } from '../../support/manual-timeouts';
import { startReplayServer, type ReplayServer } from '../../support/replay-server';

const API_KEY = '9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c';

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** A port that nothing listens on: a server is opened and closed on it. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

describe('Timeouts and retries', () => {
  let server: ReplayServer | undefined;
  let client: OdooClient | undefined;
  let waits: number[];
  /** A request the server stalls on runs out of time as soon as the server holds it: no clock is raced. */
  let timeouts: ManualTimeouts;

  afterEach(async () => {
    await client?.close();
    await server?.close();
    server = undefined;
    client = undefined;
  });

  async function start(options: { timeoutMs?: number; readRetries?: number; serverVersion?: '18.0' | '19.0' } = {}): Promise<{ server: ReplayServer; client: OdooClient }> {
    waits = [];
    const clock = manualTimeouts();
    timeouts = clock;
    server = await startReplayServer({ apiKey: API_KEY, serverVersion: options.serverVersion, onStall: () => clock.expireLatest() });
    client = createOdooClient(
      { url: server.url, database: 'markket', login: 'admin', apiKey: API_KEY, timeoutMs: options.timeoutMs ?? 5000, readRetries: options.readRetries },
      { sleep: async (ms) => void waits.push(ms), timeout: clock.timeout },
    );
    await client.connect();
    return { server, client };
  }

  it('gives up on a stalled server after the timeout with odoo.timeout', async () => {
    const { server, client } = await start({ timeoutMs: 150, readRetries: 0 });
    server.answer({ stall: true });
    const error = await failure(client.searchRead('mailing.list', [], ['name']));
    expect(error.code).toBe('odoo.timeout');
    expect(error.details?.timeoutMs).toBe(150);
    expect(timeouts.expired()).toBe(1);
  });

  it('retries a read after a dropped connection and returns the answer of the retry', async () => {
    const { server, client } = await start();
    server.answer({ resetConnection: true }, { recording: '040' });
    const rows = await client.searchRead('mailing.list', [], ['name']);
    expect(rows.length).toBeGreaterThan(0);
    expect(server.modelCalls()).toHaveLength(2);
    expect(waits).toEqual([250]);
  });

  it('retries a stalled read with growing waits and stops after the configured retries', async () => {
    const { server, client } = await start({ timeoutMs: 100, readRetries: 2 });
    server.answer({ stall: true }, { stall: true }, { stall: true }, { recording: '040' });
    const error = await failure(client.searchCount('mailing.contact', []));
    expect(error.code).toBe('odoo.timeout');
    expect(server.modelCalls()).toHaveLength(3);
    expect(timeouts.expired()).toBe(3);
    expect(waits).toEqual([250, 500]);
  });

  it('retries a read after an HTTP 503 from a proxy', async () => {
    const { server, client } = await start();
    server.answer({ status: 503, contentType: 'text/html', body: '<h1>503 Service Unavailable</h1>' }, { recording: '042' });
    expect(await client.searchCount('mailing.contact', [['list_ids', 'in', [1]]])).toBe(8);
    expect(server.modelCalls()).toHaveLength(2);
  });

  it('does not retry an Odoo error, which would fail the same way again', async () => {
    const { server, client } = await start();
    server.answer({ recording: '096' }, { recording: '040' });
    await failure(client.searchRead('mailing.mailing', [], ['subject']));
    expect(server.modelCalls()).toHaveLength(1);
  });

  it('attempts a create only once when the connection drops, and says the outcome is unknown', async () => {
    const { server, client } = await start();
    server.answer({ resetConnection: true }, { recording: '051' });
    const error = await failure(client.create('mailing.list', { name: 'Markket Store 42 customers' }));
    expect(error.code).toBe('odoo.unreachable');
    expect(error.message).toContain('may or may not have been saved');
    expect(server.modelCalls()).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('attempts an action only once when Odoo stalls', async () => {
    const { server, client } = await start({ timeoutMs: 100 });
    server.answer({ stall: true }, { recording: '110' });
    expect((await failure(client.call('mailing.mailing', 'action_launch', [2]))).code).toBe('odoo.timeout');
    expect(server.modelCalls()).toHaveLength(1);
    expect(timeouts.expired()).toBe(1);
  });

  it('attempts write and unlink only once when the connection drops', async () => {
    const { server, client } = await start();
    server.answer({ resetConnection: true }, { resetConnection: true });
    await failure(client.write('mailing.contact', [9], { name: 'Alice' }));
    await failure(client.unlink('mailing.contact', [9]));
    expect(server.modelCalls().map((r) => r.call)).toEqual(['mailing.contact.write', 'mailing.contact.unlink']);
  });

  it('retries a generic call marked as not mutating', async () => {
    const { server, client } = await start();
    server.answer({ resetConnection: true }, { recording: '101' });
    const defaults = await client.call('mailing.mailing', 'default_get', [], { fields_list: ['mailing_model_id'] }, { mutating: false });
    expect(defaults).toMatchObject({ mailing_model_id: 392 });
    expect(server.modelCalls()).toHaveLength(2);
  });

  it('retries a JSON-2 read after an internal server error', async () => {
    const { server, client } = await start({ serverVersion: '19.0' });
    server.answer({ status: 500, body: { name: 'psycopg2.errors.SerializationFailure', message: 'could not serialize access', arguments: [], context: {}, debug: '' } }, { recording: '042' });
    expect(await client.searchCount('mailing.contact', [])).toBe(8);
    expect(server.modelCalls()).toHaveLength(2);
  });

  it('reports a server that refuses connections as unreachable, after retrying the version check', async () => {
    waits = [];
    client = createOdooClient({ url: await closedPortUrl(), database: 'markket', login: 'admin', apiKey: API_KEY }, { sleep: async (ms) => void waits.push(ms) });
    const error = await failure(client.connect());
    expect(error.code).toBe('odoo.unreachable');
    expect(error.details?.reason).toBe('ECONNREFUSED');
    expect(error.message).toContain('Cannot reach Odoo');
    expect(waits).toEqual([250, 500]);
  });

  it('connects on a later call once the server is back', async () => {
    const url = await closedPortUrl();
    client = createOdooClient({ url, database: 'markket', login: 'admin', apiKey: API_KEY, readRetries: 0 });
    await failure(client.connect());
    const port = Number(new URL(url).port);
    server = await startReplayServer({ apiKey: API_KEY, port });
    expect((await client.connect()).uid).toBe(2);
  });
});

describe('Name resolution failures', () => {
  it('reports an unknown host as unreachable', async () => {
    // DNS cannot be exercised offline; this fetch fails the way undici does for an unknown host.
    const dnsFailure = async (): Promise<Response> => {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND odoo.example.invalid'), { code: 'ENOTFOUND' }) });
    };
    const client = createOdooClient(
      { url: 'https://odoo.example.invalid', database: 'markket', login: 'admin', apiKey: API_KEY, readRetries: 0 },
      { fetch: dnsFailure },
    );
    const error = await failure(client.connect());
    expect(error.code).toBe('odoo.unreachable');
    expect(error.details?.reason).toBe('ENOTFOUND');
  });
});
