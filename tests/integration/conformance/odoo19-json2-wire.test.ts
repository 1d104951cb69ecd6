import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEMO_API_KEY, DEMO_DATABASE, startOdooPeer, type OdooPeer } from '../../../src/main/sandbox/odoo';
import { fixtureFiles, readFixture } from '../../support/fixtures';
import { NOT_MATCHED_19 } from './not-matched-19';
import { shapeDifferences } from './shape';

const Recording = z.object({
  title: z.string(),
  request: z.object({ method: z.string(), path: z.string(), headers: z.record(z.string(), z.string()).optional(), body: z.unknown() }),
  response: z.object({ status: z.number(), headers: z.record(z.string(), z.string()), body: z.unknown() }),
});
type Recording = z.infer<typeof Recording>;

const files = fixtureFiles('odoo19-json2-wire');
const recordings = files.map((file) => ({ file, rec: Recording.parse(readFixture('odoo19-json2-wire', file).json) }));

describe('the Odoo 19 peer answers every odoo19-json2-wire recording like real Odoo 19', () => {
  let peer: OdooPeer;
  /** The recordings named odoo18-… were taken from the Odoo 18 server beside it, for comparison. */
  let peer18: OdooPeer;
  const answers = new Map<string, { status: number; contentType: string; headers: Headers; body: unknown }>();

  beforeAll(async () => {
    peer = await startOdooPeer({ seed: 'demo', version: '19.0', contactCount: 40, autoProcessQueue: false });
    peer18 = await startOdooPeer({ seed: 'demo', version: '18.0', contactCount: 5, autoProcessQueue: false });
    for (const { file, rec } of recordings) answers.set(file, await replay(rec, file.includes('-odoo18-') ? peer18 : peer));
  }, 120_000);
  afterAll(async () => {
    await peer?.close();
    await peer18?.close();
  });

  async function replay(rec: Recording, target: OdooPeer) {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(rec.request.headers ?? {})) {
      headers[name] = value.split('<API_KEY>').join(DEMO_API_KEY).split('<DEMO_API_KEY>').join(DEMO_API_KEY).split('<API_KEY_OF_18_SERVER>').join(DEMO_API_KEY);
      // The recorded server's database is markket19; the peer's is DEMO_DATABASE. Any other name is "another database".
      if (name.toLowerCase() === 'x-odoo-database') headers[name] = value === 'markket19' ? DEMO_DATABASE : `${value}-elsewhere`;
    }
    const raw = rec.request.body;
    // JSON-RPC names the database in its arguments: markket19 there is the peer's DEMO_DATABASE too.
    const body = raw === null || raw === undefined ? undefined : typeof raw === 'string' ? raw : JSON.stringify(raw).split('<API_KEY>').join(DEMO_API_KEY).split('"markket19"').join(JSON.stringify(DEMO_DATABASE));
    const res = await fetch(`${target.url}${rec.request.path}`, { method: rec.request.method, headers, body, redirect: 'manual' });
    const contentType = res.headers.get('content-type') ?? '';
    const text = await res.text();
    let parsed: unknown = text;
    if (contentType.includes('json')) {
      try {
        parsed = JSON.parse(text) as unknown;
      } catch {
        parsed = text;
      }
    }
    return { status: res.status, contentType, headers: res.headers, body: parsed };
  }

  for (const { file, rec } of recordings) {
    if (NOT_MATCHED_19[file]) continue;
    const server = file.includes('-odoo18-') ? 'Odoo 18' : 'Odoo 19';
    it(`answers ${file} (${rec.title.slice(0, 70)}) like ${server}`, () => {
      const got = answers.get(file);
      expect(got, 'the peer answered').toBeDefined();
      if (!got) return;
      expect(got.status).toBe(rec.response.status);
      const expectedType = (rec.response.headers['Content-Type'] ?? '').split(';')[0];
      expect(got.contentType.split(';')[0]).toBe(expectedType);
      if (rec.response.headers['WWW-Authenticate']) expect(got.headers.get('www-authenticate')).toBe(rec.response.headers['WWW-Authenticate']);
      // A redirect (006: Odoo 18 has no JSON-2) goes to the login page; the query is the recorded path.
      if (rec.response.headers.Location) expect(got.headers.get('location')).toMatch(/\/web\/login\?redirect=/);
      const want = rec.response.body;
      if (typeof want === 'object' && want !== null && 'jsonrpc' in want) {
        expectSameEnvelope(want as Record<string, unknown>, got.body);
        return;
      }
      if (rec.response.status >= 400 && typeof want === 'object' && want !== null && 'name' in want) {
        expect((got.body as { name?: string }).name).toBe((want as { name: string }).name);
        return;
      }
      if (rec.response.status === 200 && typeof want === 'object' && want !== null && !('jsonrpc' in want)) {
        // The peer's demo database has the console's own x_ fields (what setup adds); the recorded one had none.
        const body = /fields_get/.test(file) ? withoutCustomFields(got.body) : got.body;
        expect(shapeDifferences(want, body).slice(0, 5)).toEqual([]);
      }
    });
  }

  it('lists every recording it does not compare yet with a reason', () => {
    for (const [file, reason] of Object.entries(NOT_MATCHED_19)) {
      expect(files).toContain(file);
      expect(reason.length).toBeGreaterThan(20);
    }
  });
});

/**
 * A JSON-RPC answer as a client reads it: a result of the recorded shape, or an error with the
 * recorded JSON-RPC code (200 on 18, 0 on 19) and exception class.
 */
function expectSameEnvelope(want: Record<string, unknown>, got: unknown): void {
  const actual = (got ?? {}) as Record<string, unknown>;
  expect('result' in actual, 'presence of "result"').toBe('result' in want);
  if ('error' in want) {
    const e = want.error as { code: number; message: string; data: { name: string } };
    const a = actual.error as { code?: number; message?: string; data?: { name?: string } } | undefined;
    expect({ code: a?.code, message: a?.message, name: a?.data?.name }).toEqual({ code: e.code, message: e.message, name: e.data.name });
    return;
  }
  expect(shapeDifferences(want.result, actual.result).slice(0, 5)).toEqual([]);
}

/** A fields_get answer without the custom x_ fields a database gets from the console's setup. */
function withoutCustomFields(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  return Object.fromEntries(Object.entries(body).filter(([name]) => !name.startsWith('x_')));
}
