import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startHttpHost, type HttpHost } from '../../../src/main/host/http';
import { routeOf } from '../../../src/shared/rpc';
import { createNotesServices, notesContract, notesHandlers } from '../../unit/host/fixtures/notes-contract';
import { rawRequest } from '../../unit/host/fixtures/raw-http';

const TOKEN = 'routes-token';
const auth = { Authorization: `Bearer ${TOKEN}` };
let staticDir: string;
let host: HttpHost;
let services: ReturnType<typeof createNotesServices>;
const webhookCalls: { body: string; authorization: string | undefined }[] = [];

beforeAll(async () => {
  staticDir = await mkdtemp(join(tmpdir(), 'markket-static-'));
  await mkdir(join(staticDir, 'assets'));
  await writeFile(join(staticDir, 'index.html'), '<!doctype html><div id="root"></div><script type="module" src="/assets/app.js"></script>');
  await writeFile(join(staticDir, 'assets', 'app.js'), 'console.log("app")');
  // As the build writes them beside a hashed asset (electron.vite.config.ts).
  await writeFile(join(staticDir, 'assets', 'app.js.br'), brotliCompressSync('console.log("app")'));
  await writeFile(join(staticDir, 'assets', 'app.js.gz'), gzipSync('console.log("app")'));
  await writeFile(join(tmpdir(), 'markket-outside.txt'), 'outside');
});
afterAll(() => rm(staticDir, { recursive: true, force: true }));

beforeEach(async () => {
  services = createNotesServices();
  webhookCalls.length = 0;
  host = await startHttpHost({
    contract: notesContract,
    handlers: notesHandlers,
    services: () => services,
    token: TOKEN,
    staticDir,
    maxBodyBytes: 1024,
    extraRoutes: [
      {
        method: 'POST',
        path: '/webhooks/test',
        handler: (req, rawBody, res) => {
          webhookCalls.push({ body: rawBody.toString('utf8'), authorization: req.headers.authorization });
          res.writeHead(204).end();
        },
      },
      {
        method: 'POST',
        path: '/webhooks/large',
        maxBodyBytes: 8192,
        handler: (_req, rawBody, res) => void res.writeHead(200).end(String(rawBody.length)),
      },
    ],
  });
});
afterEach(() => host.close());

describe('routes derived from the contract', () => {
  it('lists every operation of the contract with its route at GET /api/contract', async () => {
    const res = await rawRequest(host.port, { path: '/api/contract', headers: auth });
    const { operations } = res.json() as { operations: { name: string; method: string; path: string }[] };
    expect(operations.map(({ name, method, path }) => ({ name, method, path }))).toEqual(
      Object.entries(notesContract).map(([name, def]) => ({ name, ...routeOf(name, def) })),
    );
  });

  it('lists, beside each route, the uniform POST /api/rpc/<name> every operation also answers', async () => {
    const res = await rawRequest(host.port, { path: '/api/contract', headers: auth });
    const { operations } = res.json() as { operations: { name: string; rpc: { method: string; path: string } }[] };
    expect(operations.map((o) => o.rpc)).toEqual(Object.keys(notesContract).map((name) => ({ method: 'POST', path: `/api/rpc/${name}` })));
  });

  it('answers an operation that has its own REST route at POST /api/rpc/<name> too, input in the body', async () => {
    const created = await rawRequest(host.port, { method: 'POST', path: '/api/rpc/notes.create', headers: auth, body: JSON.stringify({ shopId: 'mine', text: 'by rpc' }) });
    expect(created.status).toBe(200);
    const listed = await rawRequest(host.port, { method: 'POST', path: '/api/rpc/notes.list', headers: auth, body: JSON.stringify({ shopId: 'mine' }) });
    expect(listed.json()).toEqual(await rawRequest(host.port, { path: '/api/shops/mine/notes', headers: auth }).then((r) => r.json()));
    expect(JSON.stringify(listed.json())).toContain('by rpc');
  });

  it('lets the path parameter win over a body that names another shop', async () => {
    const res = await rawRequest(host.port, { method: 'POST', path: '/api/shops/mine/notes', headers: auth, body: JSON.stringify({ shopId: 'theirs', text: 'hello' }) });
    expect(res.json()).toMatchObject({ shopId: 'mine' });
  });

  it('decodes percent-encoded path parameters', async () => {
    const res = await rawRequest(host.port, { method: 'POST', path: '/api/shops/caf%C3%A9/notes', headers: auth, body: JSON.stringify({ text: 'x' }) });
    expect(res.json()).toMatchObject({ shopId: 'café' });
  });

  it('answers a created note at its own GET route', async () => {
    await rawRequest(host.port, { method: 'POST', path: '/api/shops/s1/notes', headers: auth, body: JSON.stringify({ text: 'first' }) });
    const res = await rawRequest(host.port, { path: '/api/shops/s1/notes/1', headers: auth });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ id: 1, shopId: 's1', text: 'first', tags: [] });
  });

  it('passes an extra route the raw body without asking for the bearer token', async () => {
    const body = '{"event":"open",  "sg_event_id":"e1"}';
    const res = await rawRequest(host.port, { method: 'POST', path: '/webhooks/test', headers: { 'X-Signature': 'sig' }, body });
    expect(res.status).toBe(204);
    expect(webhookCalls).toEqual([{ body, authorization: undefined }]);
  });

  it('applies the Host check and the body limit to extra routes too', async () => {
    const foreign = await rawRequest(host.port, { method: 'POST', path: '/webhooks/test', headers: { Host: 'evil.example' }, body: '{}' });
    const large = await rawRequest(host.port, { method: 'POST', path: '/webhooks/test', body: 'x'.repeat(2048) });
    expect([foreign.status, large.status]).toEqual([403, 413]);
    expect(webhookCalls).toEqual([]);
  });
});

describe('an extra route with its own body limit', () => {
  it('accepts a body over the API limit but within its own', async () => {
    const res = await rawRequest(host.port, { method: 'POST', path: '/webhooks/large', body: 'x'.repeat(4096) });
    expect([res.status, res.text]).toEqual([200, '4096']);
  });

  it('still refuses a body over its own limit', async () => {
    const res = await rawRequest(host.port, { method: 'POST', path: '/webhooks/large', body: 'x'.repeat(9000) });
    expect(res.status).toBe(413);
  });
});

describe('the built renderer', () => {
  it('serves index.html at / with a strict Content-Security-Policy', async () => {
    const res = await rawRequest(host.port, { path: '/' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('<div id="root">');
    const csp = res.headers['content-security-policy'] as string;
    for (const directive of ["default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'none'"]) {
      expect(csp).toContain(directive);
    }
  });

  it('serves an asset with its content type', async () => {
    const res = await rawRequest(host.port, { path: '/assets/app.js' });
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.text).toBe('console.log("app")');
  });

  it('sends a hashed asset precompressed, brotli before gzip, cached for good', async () => {
    const both = await fetch(`http://127.0.0.1:${host.port}/assets/app.js`, { headers: { 'Accept-Encoding': 'gzip, br' } });
    expect(both.headers.get('content-encoding')).toBe('br');
    expect(await both.text()).toBe('console.log("app")');
    expect(both.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(both.headers.get('vary')).toBe('Accept-Encoding');
    const gzipOnly = await fetch(`http://127.0.0.1:${host.port}/assets/app.js`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gzipOnly.headers.get('content-encoding')).toBe('gzip');
    expect(await gzipOnly.text()).toBe('console.log("app")');
    const plain = await rawRequest(host.port, { path: '/assets/app.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toBe('console.log("app")');
  });

  it('falls back to index.html for a client-side route', async () => {
    const res = await rawRequest(host.port, { path: '/campaigns/camp_123456' });
    expect(res.text).toContain('<div id="root">');
  });

  it('answers 404 for a missing asset rather than the page', async () => {
    const res = await rawRequest(host.port, { path: '/assets/missing.js' });
    expect(res.status).toBe(404);
  });

  it('never serves a file outside its folder, however the path is spelled', async () => {
    const attempts = ['/../markket-outside.txt', '/%2e%2e/markket-outside.txt', '/assets/..%2f..%2fmarkket-outside.txt', '/..%5cmarkket-outside.txt'];
    const responses = await Promise.all(attempts.map((path) => rawRequest(host.port, { path })));
    for (const res of responses) expect(res.text).not.toContain('outside');
  });
});
