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
  const answers = new Map<string, { status: number; contentType: string; headers: Headers; body: unknown }>();

  beforeAll(async () => {
    peer = await startOdooPeer({ seed: 'demo', version: '19.0', contactCount: 40, autoProcessQueue: false });
    for (const { file, rec } of recordings) answers.set(file, await replay(rec));
  }, 120_000);
  afterAll(async () => peer?.close());

  async function replay(rec: Recording) {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(rec.request.headers ?? {})) {
      headers[name] = value.split('<API_KEY>').join(DEMO_API_KEY).split('<DEMO_API_KEY>').join(DEMO_API_KEY);
      // The recorded server's database is markket19; the peer's is DEMO_DATABASE. Any other name is "another database".
      if (name.toLowerCase() === 'x-odoo-database') headers[name] = value === 'markket19' ? DEMO_DATABASE : `${value}-elsewhere`;
    }
    const raw = rec.request.body;
    const body = raw === null || raw === undefined ? undefined : typeof raw === 'string' ? raw : JSON.stringify(raw).split('<API_KEY>').join(DEMO_API_KEY);
    const res = await fetch(`${peer.url}${rec.request.path}`, { method: rec.request.method, headers, body, redirect: 'manual' });
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
    // The odoo18-… files show an Odoo 18 server for comparison; the 18 suite covers that side.
    if (file.includes('-odoo18-') || NOT_MATCHED_19[file]) continue;
    it(`answers ${file} (${rec.title.slice(0, 70)}) like Odoo 19`, () => {
      const got = answers.get(file);
      expect(got, 'the peer answered').toBeDefined();
      if (!got) return;
      expect(got.status).toBe(rec.response.status);
      const expectedType = (rec.response.headers['Content-Type'] ?? '').split(';')[0];
      expect(got.contentType.split(';')[0]).toBe(expectedType);
      if (rec.response.headers['WWW-Authenticate']) expect(got.headers.get('www-authenticate')).toBe(rec.response.headers['WWW-Authenticate']);
      const want = rec.response.body;
      if (rec.response.status >= 400 && typeof want === 'object' && want !== null && 'name' in want) {
        expect((got.body as { name?: string }).name).toBe((want as { name: string }).name);
        return;
      }
      if (rec.response.status === 200 && typeof want === 'object' && want !== null && !('jsonrpc' in want)) {
        expect(shapeDifferences(want, got.body).slice(0, 5)).toEqual([]);
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
