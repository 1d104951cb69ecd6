import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHttpHost, type HttpHost } from '../../../src/main/host/http';
import { createClient } from '../../../src/renderer/src/api/client';
import { httpTransport } from '../../../src/renderer/src/api/http-transport';
import { AppError } from '../../../src/shared/errors';
import { createNotesServices, notesContract, notesHandlers } from '../../unit/host/fixtures/notes-contract';

const TOKEN = 'client-test-token';
let host: HttpHost;
let services: ReturnType<typeof createNotesServices>;

beforeEach(async () => {
  services = createNotesServices();
  host = await startHttpHost({ contract: notesContract, handlers: notesHandlers, services: () => services, token: TOKEN });
});
afterEach(() => host.close());

const client = (token = TOKEN) => createClient(notesContract, httpTransport({ baseUrl: host.url, token }));
const rejection = async (promise: Promise<unknown>): Promise<AppError> => {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
};

describe("the renderer's HTTP transport against the real host", () => {
  it('sends a JSON body to a POST route with its path parameter filled in', async () => {
    const note = await client().call('notes.create', { shopId: 'shop 1/a', text: 'Launch day', tags: ['vip'] });
    expect(note).toEqual({ id: 1, shopId: 'shop 1/a', text: 'Launch day', tags: ['vip'] });
  });

  it('sends a GET input as a query string, coerced by the contract on the way in', async () => {
    await client().call('notes.create', { shopId: 's1', text: 'a', tags: ['vip'] });
    await client().call('notes.create', { shopId: 's1', text: 'b' });
    const page = await client().call('notes.list', { shopId: 's1', limit: 5, tag: 'vip' });
    expect(page).toEqual({ notes: [{ id: 1, shopId: 's1', text: 'a', tags: ['vip'] }], limit: 5 });
  });

  it('reaches an operation without a REST route through POST /api/rpc/<name>', async () => {
    await client().call('notes.create', { shopId: 's1', text: 'a' });
    expect(await client().call('notes.export', { shopId: 's1' })).toEqual({ exported: 1 });
  });

  it('turns an error answer into an AppError with the code, message and details', async () => {
    const error = await rejection(client().call('notes.get', { shopId: 's1', noteId: 42 }));
    expect(error.toPayload()).toEqual({ code: 'not_found', message: 'There is no note 42 in this shop.', details: { noteId: 42 } });
  });

  it('turns a 401 into AppError unauthorized', async () => {
    const error = await rejection(client('not-the-token').call('notes.list', { shopId: 's1' }));
    expect(error.code).toBe('unauthorized');
  });

  it('reports invalid input as input.invalid naming the field', async () => {
    const error = await rejection(client().call('notes.create', { shopId: 's1', text: '' }));
    expect(error.code).toBe('input.invalid');
    expect(error.details).toEqual({ fields: [{ field: 'text', problem: 'is required' }] });
  });

  it('reports a missing path parameter without calling the server', async () => {
    const error = await rejection(client().call('notes.get', { shopId: '', noteId: 1 }));
    expect(error.details).toEqual({ fields: [{ field: 'shopId', problem: 'is required' }] });
  });

  it('reports a host that is gone as offline', async () => {
    const url = host.url;
    await host.close();
    const error = await rejection(createClient(notesContract, httpTransport({ baseUrl: url, token: TOKEN })).call('notes.list', { shopId: 's1' }));
    expect(error.code).toBe('offline');
    host = await startHttpHost({ contract: notesContract, handlers: notesHandlers, services: () => services, token: TOKEN });
  });

  it('delivers progress events and the result when onEvent is given (Server-Sent Events)', async () => {
    for (const text of ['a', 'b', 'c']) await client().call('notes.create', { shopId: 's1', text });
    const events: unknown[] = [];
    const result = await client().call('notes.export', { shopId: 's1' }, { onEvent: (e) => events.push(e) });
    expect(result).toEqual({ exported: 3 });
    expect(events).toEqual([{ done: 1, total: 3 }, { done: 2, total: 3 }, { done: 3, total: 3 }]);
  });

  it('cancels a streaming call through its signal, which aborts the work on the host', async () => {
    const controller = new AbortController();
    const pending = client().call('notes.export', { shopId: 's1', hold: true }, { signal: controller.signal, onEvent: () => controller.abort() });
    const error = await rejection(pending);
    expect(error.code).toBe('cancelled');
    await services.exportAborted;
  });
});
