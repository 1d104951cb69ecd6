import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHttpHost, type HttpHost } from '../../../src/main/host/http';
import { createNotesServices, notesContract, notesHandlers } from '../../unit/host/fixtures/notes-contract';
import { rawRequest } from '../../unit/host/fixtures/raw-http';

const TOKEN = 'test-token-0123456789abcdef';
let host: HttpHost;

beforeEach(async () => {
  const services = createNotesServices();
  host = await startHttpHost({ contract: notesContract, handlers: notesHandlers, services: () => services, token: TOKEN, maxBodyBytes: 4096 });
});
afterEach(() => host.close());

const auth = { Authorization: `Bearer ${TOKEN}` };
const errorOf = (body: unknown) => (body as { error: { code: string; message: string; details?: Record<string, unknown> } }).error;

function canConnect(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('the loopback HTTP API refuses what it must', () => {
  it('answers 401 when no token is sent', async () => {
    const res = await rawRequest(host.port, { path: '/api/shops/s1/notes' });
    expect(res.status).toBe(401);
    expect(errorOf(res.json()).code).toBe('unauthorized');
  });

  it('answers 401 when the token is wrong', async () => {
    const res = await rawRequest(host.port, { path: '/api/shops/s1/notes', headers: { Authorization: `Bearer ${TOKEN}x` } });
    expect(res.status).toBe(401);
  });

  it('answers 401 to an unknown API route without a token, so routes cannot be probed', async () => {
    const res = await rawRequest(host.port, { path: '/api/nothing-here' });
    expect(res.status).toBe(401);
  });

  it('rejects a request whose Host header names another site (DNS rebinding)', async () => {
    const res = await rawRequest(host.port, { path: '/api/shops/s1/notes', headers: { ...auth, Host: `evil.example:${host.port}` } });
    expect(res.status).toBe(403);
    expect(errorOf(res.json()).code).toBe('forbidden');
  });

  it('rejects a loopback Host header with another port', async () => {
    const res = await rawRequest(host.port, { path: '/api/shops/s1/notes', headers: { ...auth, Host: `127.0.0.1:${host.port + 1}` } });
    expect(res.status).toBe(403);
  });

  it('accepts localhost with its own port as the Host', async () => {
    const res = await rawRequest(host.port, { path: '/api/shops/s1/notes', headers: { ...auth, Host: `localhost:${host.port}` } });
    expect(res.status).toBe(200);
  });

  it('refuses a body larger than the limit with 413 before reading it', async () => {
    const res = await rawRequest(host.port, {
      method: 'POST',
      path: '/api/shops/s1/notes',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: 'x'.repeat(10_000) }),
    });
    expect(res.status).toBe(413);
    expect(errorOf(res.json())).toMatchObject({ code: 'payload_too_large', details: { limitBytes: 4096 } });
  });

  it('refuses a body over the default 1 MiB limit with 413', async () => {
    const services = createNotesServices();
    const defaultHost = await startHttpHost({ contract: notesContract, handlers: notesHandlers, services: () => services, token: TOKEN });
    try {
      const res = await rawRequest(defaultHost.port, { method: 'POST', path: '/api/shops/s1/notes', headers: auth, body: JSON.stringify({ text: 'z'.repeat(2 * 1024 * 1024) }) });
      expect(res.status).toBe(413);
      expect(errorOf(res.json()).message).toContain('1 MiB');
    } finally {
      await defaultHost.close();
    }
  });

  it('refuses a chunked body once it grows past the limit', async () => {
    const res = await rawRequest(host.port, {
      method: 'POST',
      path: '/api/shops/s1/notes',
      headers: { ...auth, 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
      body: JSON.stringify({ text: 'y'.repeat(10_000) }),
    });
    expect(res.status).toBe(413);
  });

  it('answers 400 to malformed JSON', async () => {
    const res = await rawRequest(host.port, { method: 'POST', path: '/api/shops/s1/notes', headers: auth, body: '{"text": "unterminated' });
    expect(res.status).toBe(400);
    expect(errorOf(res.json())).toMatchObject({ code: 'input.invalid', message: 'The request body is not valid JSON.' });
  });

  it('answers 400 to a JSON body that is not an object', async () => {
    const res = await rawRequest(host.port, { method: 'POST', path: '/api/shops/s1/notes', headers: auth, body: '["a note"]' });
    expect(res.status).toBe(400);
  });

  it('answers 400 naming the invalid field', async () => {
    const res = await rawRequest(host.port, { method: 'POST', path: '/api/shops/s1/notes', headers: auth, body: JSON.stringify({ text: '' }) });
    expect(res.status).toBe(400);
    const error = errorOf(res.json());
    expect(error.code).toBe('input.invalid');
    expect(error.details?.fields).toEqual([{ field: 'text', problem: 'is required' }]);
    expect(error.message).toContain('text');
  });

  it('answers 400 naming an invalid query parameter', async () => {
    const res = await rawRequest(host.port, { path: '/api/shops/s1/notes?limit=5000', headers: auth });
    expect(res.status).toBe(400);
    expect(errorOf(res.json()).details?.fields).toEqual([expect.objectContaining({ field: 'limit' })]);
  });

  it('answers 404 with a JSON error to an unknown API route', async () => {
    const res = await rawRequest(host.port, { path: '/api/shops/s1/nope', headers: auth });
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(errorOf(res.json()).code).toBe('not_found');
  });

  it('answers 405 naming the allowed method when the route exists under another method', async () => {
    const res = await rawRequest(host.port, { method: 'DELETE', path: '/api/shops/s1/notes', headers: auth });
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, POST');
  });

  it('never sends a CORS header, not even to a preflight from another origin', async () => {
    const origin = { Origin: 'https://evil.example' };
    const responses = await Promise.all([
      rawRequest(host.port, { method: 'OPTIONS', path: '/api/shops/s1/notes', headers: { ...origin, 'Access-Control-Request-Method': 'POST' } }),
      rawRequest(host.port, { path: '/api/shops/s1/notes', headers: { ...auth, ...origin } }),
      rawRequest(host.port, { path: '/api/shops/s1/notes', headers: origin }),
    ]);
    for (const res of responses) {
      expect(Object.keys(res.headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
    }
    expect(responses[0]?.status).toBeGreaterThanOrEqual(400);
  });

  it('answers an unexpected failure with a generic 500 and no stack, path or secret', async () => {
    const res = await rawRequest(host.port, { method: 'POST', path: '/api/crash', headers: auth });
    expect(res.status).toBe(500);
    expect(errorOf(res.json()).code).toBe('internal');
    expect(res.text).not.toMatch(/hunter2|secret\.ts|\bat\b.*\(|stack/i);
  });

  it('maps an unreachable Odoo to 502 with our error code', async () => {
    const res = await rawRequest(host.port, { path: '/api/ping', headers: auth });
    expect(res.status).toBe(502);
    expect(errorOf(res.json()).code).toBe('odoo.unreachable');
  });

  it('reports a handler that breaks its output schema as an internal error without the raw value', async () => {
    const res = await rawRequest(host.port, { method: 'POST', path: '/api/rpc/notes.broken', headers: auth });
    expect(res.status).toBe(500);
    expect(res.text).not.toContain('many');
  });

  it('contains no stack trace in any error body', async () => {
    const failures = await Promise.all([
      rawRequest(host.port, { path: '/api/shops/s1/notes' }),
      rawRequest(host.port, { path: '/api/shops/s1/notes/99', headers: auth }),
      rawRequest(host.port, { method: 'POST', path: '/api/shops/s1/notes', headers: auth, body: '{' }),
      rawRequest(host.port, { method: 'POST', path: '/api/crash', headers: auth }),
      rawRequest(host.port, { path: '/api/ping', headers: auth }),
      rawRequest(host.port, { path: '/%E0%A4%A', headers: auth }),
    ]);
    for (const res of failures) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(Object.keys(res.json() as object)).toEqual(['error']);
      expect(res.text).not.toMatch(/\n\s+at |\.ts:\d+|Error: /);
    }
  });

  it('marks API answers as not cacheable and not sniffable', async () => {
    const res = await rawRequest(host.port, { path: '/api/shops/s1/notes', headers: auth });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('listens on 127.0.0.1 only', async () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}`);
    const elsewhere = ['127.0.0.2', '::1', ...Object.values(networkInterfaces()).flat().filter((i) => i && !i.internal).map((i) => i!.address)];
    const reachable = await Promise.all(elsewhere.map((address) => canConnect(address, host.port)));
    expect(reachable.every((r) => r === false)).toBe(true);
    expect(await canConnect('127.0.0.1', host.port)).toBe(true);
  });
});
