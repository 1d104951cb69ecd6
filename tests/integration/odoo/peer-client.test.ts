import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { createOdooClient, traceStatuses, type OdooClient } from '../../../src/main/core/odoo';
import { manualTimeouts } from '../../support/manual-timeouts';
import { DEMO_API_KEY, DEMO_DATABASE, DEMO_LOGIN, PORTAL_LOGIN, PORTAL_PASSWORD, startOdooPeer } from '../../../src/main/sandbox/odoo';

type Peer = Awaited<ReturnType<typeof startOdooPeer>>;

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe.each([
  { version: '18.0', protocol: 'jsonrpc' },
  { version: '19.0', protocol: 'json2' },
] as const)('Odoo client against the Odoo peer $version over real HTTP', ({ version, protocol }) => {
  let peer: Peer;
  let client: OdooClient;
  beforeAll(async () => {
    peer = await startOdooPeer({ seed: 'demo', version });
    client = createOdooClient({ url: peer.url, database: DEMO_DATABASE, login: DEMO_LOGIN, apiKey: DEMO_API_KEY }, { sleep: async () => {} });
  });
  afterAll(async () => {
    await client.close();
    await peer.close();
  });

  it(`detects ${protocol} and logs in`, async () => {
    const { uid, version: info } = await client.connect();
    expect(uid).toBeGreaterThan(0);
    expect(info).toMatchObject({ major: Number(version.split('.')[0]), protocol });
  });

  it(`sends every model call over ${protocol}`, async () => {
    const before = peer.calls.length;
    await client.searchCount('mailing.list', []);
    const modelCalls = peer.calls.slice(before).filter((c) => c.model !== undefined);
    expect(modelCalls.map((c) => c.protocol)).toEqual([protocol]);
  });

  it('reads the demo store list with its subscribers counted', async () => {
    const lists = await client.searchRead('mailing.list', [['name', '=', 'Store A - Newsletter']], ['name', 'contact_count']);
    expect(lists).toHaveLength(1);
    expect(lists[0]?.contact_count).toBeGreaterThan(1000);
  });

  it('counts, searches and reads contacts consistently', async () => {
    const count = await client.searchCount('mailing.contact', []);
    const ids = await client.search('mailing.contact', [], { limit: 5, order: 'id asc' });
    const rows = await client.read('mailing.contact', ids, ['email']);
    expect(count).toBeGreaterThan(1000);
    expect(rows.map((r) => r.id)).toEqual(ids);
  });

  it('creates, writes, copies and deletes a list', async () => {
    const id = await client.create('mailing.list', { name: `Client test ${version}` });
    expect(await client.write('mailing.list', [id], { is_public: true })).toBe(true);
    const copyId = await client.copy('mailing.list', id);
    expect(copyId).not.toBe(id);
    expect(await client.unlink('mailing.list', [id, copyId])).toBe(true);
    expect(await client.read('mailing.list', [id], ['name'])).toEqual([]);
  });

  it('groups traces by status with the count under __count', async () => {
    const rows = await client.readGroup('mailing.trace', [], ['trace_status'], ['trace_status']);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(typeof row.__count).toBe('number');
  });

  it('reads the trace statuses from fields_get', async () => {
    expect(await traceStatuses(client)).toEqual(expect.arrayContaining(['sent', 'open', 'bounce', 'cancel']));
  });

  it('maps an unknown model, a missing record and a private method', async () => {
    expect((await failure(client.searchRead('mailing.lists', [], ['name']))).code).toBe('odoo.unknown_model');
    expect((await failure(client.write('mailing.list', [987654321], { name: 'x' }))).code).toBe('odoo.missing_record');
    expect((await failure(client.call('mailing.mailing', '_process_mass_mailing_queue', []))).code).toBe('odoo.private_method');
    expect((await failure(client.call('mailing.list', 'no_such_method', [1]))).code).toBe('odoo.unknown_method');
  });

  it('maps a missing required field to a validation error naming it', async () => {
    const error = await failure(client.create('mailing.list', { is_public: true }));
    expect(error.code).toBe('odoo.validation');
    expect(error.details?.field).toBe('name');
  });

  it('refuses a wrong key as bad credentials', async () => {
    const wrong = createOdooClient({ url: peer.url, database: DEMO_DATABASE, login: DEMO_LOGIN, apiKey: '0000000000000000000000000000000000000000' });
    expect((await failure(wrong.connect())).code).toBe('odoo.bad_credentials');
    await wrong.close();
  });

  it('maps the calls of a user without rights to access denied', async () => {
    const portal = createOdooClient({ url: peer.url, database: DEMO_DATABASE, login: PORTAL_LOGIN, apiKey: PORTAL_PASSWORD, protocol: 'jsonrpc' });
    expect((await failure(portal.searchRead('mailing.mailing', [], ['subject']))).code).toBe('odoo.access_denied');
    await portal.close();
  });
});

describe('Odoo client against a faulty peer', () => {
  let peer: Peer;
  beforeAll(async () => {
    peer = await startOdooPeer({ seed: 'demo', version: '18.0' });
  });
  afterAll(async () => {
    await peer.close();
  });

  it('times out on a stalling peer', async () => {
    const clock = manualTimeouts();
    const client = createOdooClient({ url: peer.url, database: DEMO_DATABASE, login: DEMO_LOGIN, apiKey: DEMO_API_KEY, timeoutMs: 200, readRetries: 0 }, { timeout: clock.timeout });
    await client.connect();
    peer.faults.stallMs = 600_000;
    const before = peer.calls.length;
    try {
      const counting = failure(client.searchCount('mailing.contact', []));
      // Once the peer holds the call, its time is up: the test decides that, not a wall clock.
      await vi.waitFor(() => expect(peer.calls.length).toBe(before + 1));
      clock.expireLatest();
      expect((await counting).code).toBe('odoo.timeout');
    } finally {
      peer.faults.clear();
      await client.close();
    }
  });

  it('retries a read that fails twice and then succeeds', async () => {
    const waits: number[] = [];
    const client = createOdooClient({ url: peer.url, database: DEMO_DATABASE, login: DEMO_LOGIN, apiKey: DEMO_API_KEY }, { sleep: async (ms) => void waits.push(ms) });
    await client.connect();
    peer.faults.failBefore(2);
    try {
      expect(await client.searchCount('mailing.list', [])).toBeGreaterThan(0);
      expect(waits).toEqual([250, 500]);
    } finally {
      peer.faults.clear();
      await client.close();
    }
  });

  it('launches a mailing once even when the connection drops after Odoo applied it', async () => {
    const client = createOdooClient({ url: peer.url, database: DEMO_DATABASE, login: DEMO_LOGIN, apiKey: DEMO_API_KEY }, { sleep: async () => {} });
    const [draft] = await client.search('mailing.mailing', [['state', '=', 'draft']], { limit: 1 });
    expect(draft).toBeDefined();
    peer.faults.dropAfter('mailing.mailing', 'action_launch');
    const before = peer.calls.length;
    try {
      expect((await failure(client.call('mailing.mailing', 'action_launch', [draft as number]))).code).toBe('odoo.unreachable');
      expect(peer.calls.slice(before).filter((c) => c.method === 'action_launch')).toHaveLength(1);
    } finally {
      peer.faults.clear();
      await client.close();
    }
  });
});
