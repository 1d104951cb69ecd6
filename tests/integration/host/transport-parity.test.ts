import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerIpc } from '../../../src/main/electron/ipc';
import { startHttpHost, type HttpHost } from '../../../src/main/host/http';
import { createBridge } from '../../../src/preload/bridge';
import { createClient } from '../../../src/renderer/src/api/client';
import { httpTransport } from '../../../src/renderer/src/api/http-transport';
import { ipcTransport } from '../../../src/renderer/src/api/ipc-transport';
import { AppError } from '../../../src/shared/errors';
import { createNotesServices, notesContract, notesHandlers } from '../../unit/host/fixtures/notes-contract';
import { fakeIpcMain, fakeIpcRenderer, isTrustedFrame } from '../../unit/ipc/fake-ipc';

const TOKEN = 'parity-token';
let host: HttpHost;
let services: ReturnType<typeof createNotesServices>;
let overHttp: ReturnType<typeof createClient<typeof notesContract>>;
let overIpc: ReturnType<typeof createClient<typeof notesContract>>;

beforeEach(async () => {
  services = createNotesServices();
  // One handler table, one services instance, two transports.
  host = await startHttpHost({ contract: notesContract, handlers: notesHandlers, services: () => services, token: TOKEN });
  const fake = fakeIpcMain();
  registerIpc({ ipcMain: fake.ipcMain, contract: notesContract, handlers: notesHandlers, services: () => services, isTrustedSender: isTrustedFrame });
  overHttp = createClient(notesContract, httpTransport({ baseUrl: host.url, token: TOKEN }));
  overIpc = createClient(notesContract, ipcTransport(createBridge(fakeIpcRenderer(fake), Object.keys(notesContract))));
});
afterEach(() => host.close());

const settle = (promise: Promise<unknown>) => promise.then((value) => ({ value }), (error: unknown) => ({ error: error instanceof AppError ? error.toPayload() : String(error) }));

describe('the same operation over HTTP and over IPC', () => {
  it('returns identical results for reads with coerced and defaulted input', async () => {
    await overHttp.call('notes.create', { shopId: 's1', text: 'a', tags: ['vip'] });
    await overIpc.call('notes.create', { shopId: 's1', text: 'b' });
    const input = { shopId: 's1', limit: 1, tag: 'vip' };
    const [http, ipc] = await Promise.all([overHttp.call('notes.list', input), overIpc.call('notes.list', input)]);
    expect(ipc).toEqual(http);
    expect(http.notes).toHaveLength(1);
  });

  it('returns identical errors for invalid input, missing records and unreachable servers', async () => {
    const calls = [
      (c: typeof overHttp) => c.call('notes.create', { shopId: 's1', text: '' }),
      (c: typeof overHttp) => c.call('notes.get', { shopId: 's1', noteId: 7 }),
      (c: typeof overHttp) => c.call('odoo.ping', {}),
      (c: typeof overHttp) => c.call('notes.crash', {}),
    ];
    for (const call of calls) {
      const [http, ipc] = await Promise.all([settle(call(overHttp)), settle(call(overIpc))]);
      expect(ipc).toEqual(http);
      expect(http).toHaveProperty('error.code');
    }
  });

  it('delivers the same progress events and result', async () => {
    for (const text of ['a', 'b']) await overHttp.call('notes.create', { shopId: 's1', text });
    const httpEvents: unknown[] = [];
    const ipcEvents: unknown[] = [];
    const http = await overHttp.call('notes.export', { shopId: 's1' }, { onEvent: (e) => httpEvents.push(e) });
    const ipc = await overIpc.call('notes.export', { shopId: 's1' }, { onEvent: (e) => ipcEvents.push(e) });
    expect(ipc).toEqual(http);
    expect(ipcEvents).toEqual(httpEvents);
    expect(httpEvents).toHaveLength(2);
  });

  it('cancels a running call the same way', async () => {
    const httpAbort = new AbortController();
    const http = await settle(overHttp.call('notes.export', { shopId: 's1', hold: true }, { signal: httpAbort.signal, onEvent: () => httpAbort.abort() }));
    await services.exportAborted;
    services = createNotesServices();
    const ipcAbort = new AbortController();
    const ipc = await settle(overIpc.call('notes.export', { shopId: 's1', hold: true }, { signal: ipcAbort.signal, onEvent: () => ipcAbort.abort() }));
    await services.exportAborted;
    expect(ipc).toEqual(http);
    expect(http).toEqual({ error: { code: 'cancelled', message: 'The request was cancelled.' } });
  });
});
