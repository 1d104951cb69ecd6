import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHttpHost, type HttpHost } from '../../../src/main/host/http';
import { createNotesServices, notesContract, notesHandlers } from '../../unit/host/fixtures/notes-contract';
import { rawRequest } from '../../unit/host/fixtures/raw-http';

const TOKEN = 'sse-token';
const streamHeaders = { Authorization: `Bearer ${TOKEN}`, Accept: 'text/event-stream', 'Content-Type': 'application/json' };
let host: HttpHost;
let services: ReturnType<typeof createNotesServices>;

beforeEach(async () => {
  services = createNotesServices();
  services.notes.push({ id: 1, shopId: 's1', text: 'a', tags: [] }, { id: 2, shopId: 's1', text: 'b', tags: [] });
  host = await startHttpHost({ contract: notesContract, handlers: notesHandlers, services: () => services, token: TOKEN });
});
afterEach(() => host.close());

describe('progress over Server-Sent Events', () => {
  it('streams each progress event and then the result Outcome', async () => {
    const res = await rawRequest(host.port, { method: 'POST', path: '/api/rpc/notes.export', headers: streamHeaders, body: JSON.stringify({ shopId: 's1' }) });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(res.text).toBe(
      'event: progress\ndata: {"done":1,"total":2}\n\n' +
        'event: progress\ndata: {"done":2,"total":2}\n\n' +
        'event: result\ndata: {"ok":true,"value":{"exported":2}}\n\n',
    );
  });

  it('ends the stream with an error event carrying the failed Outcome', async () => {
    const res = await rawRequest(host.port, { path: '/api/ping', headers: streamHeaders });
    expect(res.text).toMatch(/^event: error\ndata: \{"ok":false,"error":\{"code":"odoo.unreachable",/);
  });

  it('answers a plain JSON request with the bare output, no events', async () => {
    const res = await rawRequest(host.port, { method: 'POST', path: '/api/rpc/notes.export', headers: { Authorization: `Bearer ${TOKEN}` }, body: JSON.stringify({ shopId: 's1' }) });
    expect(res.json()).toEqual({ exported: 2 });
  });

  it('aborts the operation when the client disconnects mid-stream', async () => {
    const firstEvent = new Promise<string>((resolve) => {
      const req = request({ host: '127.0.0.1', port: host.port, method: 'POST', path: '/api/rpc/notes.export', headers: streamHeaders }, (res) => {
        res.once('data', (chunk: Buffer) => {
          resolve(chunk.toString('utf8'));
          req.destroy();
        });
      });
      // The only error here is the one we cause by hanging up.
      req.on('error', () => undefined);
      req.end(JSON.stringify({ shopId: 's1', hold: true }));
    });
    expect(await firstEvent).toContain('event: progress');
    await services.exportAborted;
  });
});
