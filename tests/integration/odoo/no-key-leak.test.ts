import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toErrorPayload } from '../../../src/shared/errors';
import { createOdooClient, type OdooClient } from '../../../src/main/core/odoo';
import { manualTimeouts } from '../../support/manual-timeouts';
import { startReplayServer, type Answer, type ReplayServer } from '../../support/replay-server';

/** A key nobody could mistake for anything else, so a leak anywhere is found by a plain search. */
const CANARY_KEY = 'CANARYKEY7f3c9e21b4d84a0c9e1f5a6b7c8d9e0f';

const KINDS: { name: string; answers: Answer[]; act: (c: OdooClient) => Promise<unknown>; protocol: '18.0' | '19.0' }[] = [
  ...['080', '083', '085', '086', '087', '088', '055', '071', '096', '082', '091', '098', '099'].flatMap((recording) =>
    (['18.0', '19.0'] as const).map((protocol) => ({
      name: `recording ${recording} over ${protocol}`,
      answers: [{ recording }],
      act: (c: OdooClient) => c.searchRead('mailing.list', [], ['name']),
      protocol,
    })),
  ),
  { name: 'a timeout', answers: [{ stall: true }], act: (c) => c.create('mailing.list', { name: 'x' }), protocol: '18.0' },
  { name: 'a dropped connection', answers: [{ resetConnection: true }], act: (c) => c.create('mailing.list', { name: 'x' }), protocol: '19.0' },
  {
    name: 'a proxy page that echoes the request',
    answers: [{ status: 502, contentType: 'text/html', body: `<pre>upstream failed: {"password": "${CANARY_KEY}"}</pre>` }],
    act: (c) => c.create('mailing.list', { name: 'x' }),
    protocol: '18.0',
  },
  {
    name: 'an Odoo message that quotes the key',
    answers: [{ status: 422, body: { name: 'odoo.exceptions.UserError', message: `Bad value ${CANARY_KEY}`, arguments: [CANARY_KEY], context: {}, debug: CANARY_KEY } }],
    act: (c) => c.create('mailing.list', { name: CANARY_KEY.slice(0, 3) }),
    protocol: '19.0',
  },
];

function serialized(error: unknown): string {
  const e = error as Error & { details?: unknown; cause?: unknown };
  return [JSON.stringify(e), JSON.stringify(toErrorPayload(e)), JSON.stringify(e.details), e.message, e.stack ?? '', String(e.cause ?? '')].join('\n');
}

describe('The API key never leaves the request', () => {
  const logLines: string[] = [];
  const servers: ReplayServer[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });

  it.each(KINDS)('keeps the key out of the error for $name', async ({ answers, act, protocol }) => {
    const clock = manualTimeouts();
    const server = await startReplayServer({ apiKey: CANARY_KEY, serverVersion: protocol, onStall: () => clock.expireLatest() });
    servers.push(server);
    const client = createOdooClient(
      { url: server.url, database: 'markket', login: 'admin', apiKey: CANARY_KEY, timeoutMs: 150, readRetries: 0 },
      { log: (line) => logLines.push(line), timeout: clock.timeout },
    );
    server.answer(...answers);
    const error = await act(client).then(() => undefined, (e: unknown) => e);
    await client.close();
    expect(error).toBeDefined();
    expect(serialized(error)).not.toContain(CANARY_KEY);
  });

  it('keeps the key out of the error when the key itself is refused at login', async () => {
    for (const serverVersion of ['18.0', '19.0'] as const) {
      const server = await startReplayServer({ apiKey: 'another-key-entirely-000', serverVersion });
      servers.push(server);
      const client = createOdooClient({ url: server.url, database: 'markket', login: 'admin', apiKey: CANARY_KEY }, { log: (line) => logLines.push(line) });
      const error = await client.connect().then(() => undefined, (e: unknown) => e);
      expect((error as { code?: string }).code).toBe('odoo.bad_credentials');
      expect(serialized(error)).not.toContain(CANARY_KEY);
    }
  });

  describe('when the server cannot be reached', () => {
    let url = '';
    beforeAll(async () => {
      const server = createServer();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    it('keeps the key out of the error and drops credentials typed into the address', async () => {
      const withUserInfo = url.replace('http://', `http://admin:${CANARY_KEY}@`);
      const client = createOdooClient({ url: withUserInfo, database: 'markket', login: 'admin', apiKey: CANARY_KEY, readRetries: 0 }, { log: (line) => logLines.push(line) });
      const error = await client.connect().then(() => undefined, (e: unknown) => e);
      expect((error as { code?: string }).code).toBe('odoo.unreachable');
      expect(serialized(error)).not.toContain(CANARY_KEY);
      expect(JSON.stringify(client.settings)).not.toContain(CANARY_KEY);
    });
  });

  it('never writes the key into a log line', () => {
    expect(logLines.length).toBeGreaterThan(10);
    expect(logLines.join('\n')).not.toContain(CANARY_KEY);
  });
});
