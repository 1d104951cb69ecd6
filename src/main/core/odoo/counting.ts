import type { OdooClient } from './types';

export interface CountedCall {
  model: string;
  method: string;
}

/**
 * Wraps a client and records every model call it makes, so tests and benchmarks can assert
 * how many round trips a feature costs (e.g. no N+1 reads). connect/version/close are not counted.
 */
export function countingClient(inner: OdooClient): { client: OdooClient; count(): number; calls(): CountedCall[]; reset(): void } {
  let log: CountedCall[] = [];
  const note = (model: string, method: string) => log.push({ model, method });
  const client: OdooClient = {
    settings: inner.settings,
    connect: () => inner.connect(),
    version: () => inner.version(),
    searchRead: (model, ...rest) => (note(model, 'search_read'), inner.searchRead(model, ...rest)),
    read: (model, ...rest) => (note(model, 'read'), inner.read(model, ...rest)),
    search: (model, ...rest) => (note(model, 'search'), inner.search(model, ...rest)),
    searchCount: (model, ...rest) => (note(model, 'search_count'), inner.searchCount(model, ...rest)),
    readGroup: (model, ...rest) => (note(model, 'read_group'), inner.readGroup(model, ...rest)),
    create: (model, ...rest) => (note(model, 'create'), inner.create(model, ...rest)),
    createMany: (model, ...rest) => (note(model, 'create'), inner.createMany(model, ...rest)),
    write: (model, ...rest) => (note(model, 'write'), inner.write(model, ...rest)),
    unlink: (model, ...rest) => (note(model, 'unlink'), inner.unlink(model, ...rest)),
    fieldsGet: (model, ...rest) => (note(model, 'fields_get'), inner.fieldsGet(model, ...rest)),
    copy: (model, ...rest) => (note(model, 'copy'), inner.copy(model, ...rest)),
    call: (model, method, ...rest) => (note(model, method), inner.call(model, method, ...rest)),
    close: () => inner.close(),
  };
  return {
    client,
    count: () => log.length,
    calls: () => log.map((c) => ({ ...c })),
    reset: () => {
      log = [];
    },
  };
}

export interface WireExchange {
  model: string;
  method: string;
  /** Bytes of the request body and of the response body, as they travelled. */
  sent: number;
  received: number;
}

/** The model and method of one request: JSON-2 names them in the path, JSON-RPC's execute_kw in its args. */
export function describeRequest(url: string, body: unknown): { model: string; method: string } {
  const json2 = /\/json\/2\/([^/]+)\/([^/?]+)/.exec(url);
  if (json2) return { model: decodeURIComponent(json2[1] ?? ''), method: decodeURIComponent(json2[2] ?? '') };
  try {
    const args = (JSON.parse(typeof body === 'string' ? body : '{}') as { params?: { args?: unknown[]; method?: string } }).params;
    if (Array.isArray(args?.args) && typeof args.args[3] === 'string') return { model: args.args[3], method: String(args.args[4]) };
    return { model: '', method: args?.method ?? '' };
  } catch {
    return { model: '', method: '' };
  }
}

/**
 * A fetch that records the bytes of every request and answer, for tests and benchmarks that hold
 * a view to a byte budget (bytes, unlike time, do not move with machine load). Give its `fetch`
 * to createOdooClient.
 */
export function countingFetch(inner: typeof fetch = globalThis.fetch): { fetch: typeof fetch; exchanges(): WireExchange[]; bytes(): number; reset(): void } {
  let log: WireExchange[] = [];
  const counted: typeof fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const body = init?.body;
    const response = await inner(input, init);
    const buffer = Buffer.from(await response.arrayBuffer());
    log.push({ ...describeRequest(url, body), sent: typeof body === 'string' ? Buffer.byteLength(body) : 0, received: buffer.length });
    return new Response(buffer.length > 0 ? buffer : null, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
  return {
    fetch: counted,
    exchanges: () => log.map((e) => ({ ...e })),
    bytes: () => log.reduce((n, e) => n + e.sent + e.received, 0),
    reset: () => {
      log = [];
    },
  };
}
