import { ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import tls from 'node:tls';
import workerThreads from 'node:worker_threads';

/**
 * A socket-level recorder of everything this process reaches out to: every TCP/TLS connection
 * (whatever made it: node:http(s), axios, undici's fetch, tls.connect, a raw net socket), every UDP
 * datagram, every DNS question, every HTTP request and fetch by URL, every child process, and every
 * worker thread started. A worker is an isolate of its own, out of this recorder's patches: the
 * console starts none (no worker_threads in src/ nor in what its main bundle imports), and a test
 * that sees one must extend the recording into it before it can trust its silence.
 *
 * It patches the lowest shared JavaScript entry points rather than the libraries on top:
 * `net.Socket.prototype.connect` is what http's agents, tls.connect and undici all end in, so a
 * library that captured `http.request` at import time is still seen. Writes on the recorded client
 * sockets are kept (TLS sockets are written in plaintext before encryption), so a test can read
 * every byte a peer was sent. Server-side sockets are never recorded: they are accepted, not connected.
 */

export type EgressKind = 'tcp' | 'tls' | 'unix' | 'udp' | 'dns' | 'http' | 'fetch' | 'spawn' | 'worker';

export interface EgressRecord {
  kind: EgressKind;
  /** The name or address asked for (a DNS question's name, a child process's file). */
  host: string;
  port?: number;
  /** The API it went through, e.g. "net.Socket.connect", "dns.promises.lookup", "fetch". */
  via: string;
  /** Where the connection landed (remote address), once connected. */
  address?: string;
  /** The first frames of the caller outside this file and Node's internals, to find who did it. */
  caller: string;
}

export interface EgressRecorder {
  readonly records: readonly EgressRecord[];
  /** `host:port` of every TCP/TLS/UDP destination, sorted and unique, minus `except` (e.g. the console's own listening address). */
  destinations(options?: { except?: readonly string[] }): string[];
  /** Every name a DNS question was asked about, sorted and unique. */
  lookups(): string[];
  /** Bytes written on client sockets to `host:port`, one entry per connection. */
  sentTo(destination: string): Buffer[];
  /** Child processes started, by file. */
  spawned(): string[];
  /** Worker threads started, by script (a file path, a URL, or "eval" for inline code). */
  workers(): string[];
  /** A readable list of the records outside `except`, for failure messages. */
  describe(options?: { except?: readonly string[] }): string;
  /** Puts every patched function back. */
  stop(): void;
}

const RECORD = Symbol('egress-record');
const MAX_BYTES_PER_CONNECTION = 16 * 1024 * 1024;
let active = false;

interface SocketRecord extends EgressRecord {
  chunks: Buffer[];
  bytes: number;
}
type Recorded = net.Socket & { [RECORD]?: SocketRecord };
type AnyFunction = (...args: unknown[]) => unknown;

function callerFrames(): string {
  const lines = (new Error().stack ?? '').split('\n').slice(1);
  return lines
    .filter((l) => !l.includes('egress-recorder') && !l.includes('node:internal') && !l.includes('node:net') && !l.includes('(node:'))
    .slice(0, 4)
    .map((l) => l.trim())
    .join(' ← ');
}

/** `connect(options, cb)`, `connect(port, host, cb)`, `connect(path, cb)` and Node's internal `[options, cb]` form. */
function connectTarget(args: unknown[]): { host?: string; port?: number; path?: string } {
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  if (typeof first === 'object' && first !== null) {
    const o = first as { host?: unknown; port?: unknown; path?: unknown };
    return {
      ...(typeof o.path === 'string' ? { path: o.path } : {}),
      host: typeof o.host === 'string' ? o.host : 'localhost',
      ...(o.port !== undefined ? { port: Number(o.port) } : {}),
    };
  }
  if (typeof first === 'string' && !/^\d+$/.test(first)) return { path: first };
  return { port: Number(first), host: typeof args[1] === 'string' ? args[1] : 'localhost' };
}

function hostPort(host: string, port: number | undefined): string {
  const h = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return port === undefined ? h : `${h}:${port}`;
}

function udpTarget(socket: dgram.Socket, args: unknown[]): { host: string; port: number } | null {
  const numbers = typeof args[1] === 'number' && typeof args[2] === 'number' && typeof args[3] === 'number';
  const port = numbers ? args[3] : args[1];
  const host = numbers ? args[4] : args[2];
  if (typeof port === 'number') return { host: typeof host === 'string' ? host : 'localhost', port };
  try {
    const remote = socket.remoteAddress();
    return { host: remote.address, port: remote.port };
  } catch {
    return null;
  }
}

function urlOf(input: unknown): URL | null {
  try {
    if (input instanceof URL) return input;
    if (typeof input === 'string') return new URL(input);
    if (typeof input === 'object' && input !== null && 'url' in input && typeof input.url === 'string') return new URL(input.url);
  } catch {
    return null;
  }
  return null;
}

function httpTarget(protocol: 'http' | 'https', args: unknown[]): { host: string; port: number } | null {
  const url = urlOf(args[0]);
  if (url) return { host: url.hostname, port: Number(url.port || (protocol === 'https' ? 443 : 80)) };
  const o = args[0] as { hostname?: unknown; host?: unknown; port?: unknown } | undefined;
  if (typeof o !== 'object' || o === null) return null;
  const host = typeof o.hostname === 'string' ? o.hostname : typeof o.host === 'string' ? o.host : 'localhost';
  return { host, port: Number(o.port ?? (protocol === 'https' ? 443 : 80)) };
}

const DNS_METHODS = [
  'lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCaa', 'resolveCname', 'resolveMx',
  'resolveNaptr', 'resolveNs', 'resolvePtr', 'resolveSoa', 'resolveSrv', 'resolveTxt', 'reverse',
] as const;

export function startEgressRecorder(): EgressRecorder {
  if (active) throw new Error('An egress recorder is already running in this process.');
  active = true;
  const records: EgressRecord[] = [];
  const restores: (() => void)[] = [];

  /** Replaces `target[name]` with a wrapper that calls `before` first; own symbol properties (promisify's) are kept. */
  function wrap(target: object, name: string, before: (self: unknown, args: unknown[]) => void): void {
    const holder = target as Record<string, unknown>;
    const original = holder[name];
    if (typeof original !== 'function') return;
    const fn = original as AnyFunction;
    const wrapper = function (this: unknown, ...args: unknown[]) {
      before(this, args);
      return fn.apply(this, args);
    };
    for (const key of Object.getOwnPropertySymbols(fn)) Object.defineProperty(wrapper, key, Object.getOwnPropertyDescriptor(fn, key)!);
    holder[name] = wrapper;
    restores.push(() => {
      holder[name] = original;
    });
  }

  wrap(net.Socket.prototype, 'connect', (self, args) => {
    const socket = self as Recorded;
    const target = connectTarget(args);
    const isTls = socket instanceof tls.TLSSocket;
    const record: SocketRecord = target.path !== undefined
      ? { kind: 'unix', host: target.path, via: 'net.Socket.connect', caller: callerFrames(), chunks: [], bytes: 0 }
      : { kind: isTls ? 'tls' : 'tcp', host: target.host ?? 'localhost', ...(target.port !== undefined ? { port: target.port } : {}), via: isTls ? 'tls.TLSSocket.connect' : 'net.Socket.connect', caller: callerFrames(), chunks: [], bytes: 0 };
    socket[RECORD] = record;
    records.push(record);
    socket.once('connect', () => {
      if (socket.remoteAddress) record.address = socket.remoteAddress;
    });
  });
  wrap(net.Socket.prototype, 'write', (self, args) => {
    const record = (self as Recorded)[RECORD];
    const [chunk, encoding] = args;
    if (!record || record.bytes >= MAX_BYTES_PER_CONNECTION) return;
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8') : chunk instanceof Uint8Array ? Buffer.from(chunk) : null;
    if (!bytes) return;
    record.chunks.push(bytes);
    record.bytes += bytes.length;
  });
  for (const method of ['send', 'connect'] as const) {
    wrap(dgram.Socket.prototype, method, (self, args) => {
      const target = method === 'connect' ? { port: Number(args[0]), host: typeof args[1] === 'string' ? args[1] : 'localhost' } : udpTarget(self as dgram.Socket, args);
      if (target) records.push({ kind: 'udp', host: target.host, port: target.port, via: `dgram.Socket.${method}`, caller: callerFrames() });
    });
  }
  // An address literal is answered without a question on the wire (dgram looks up even those).
  const question = (via: string) => (_self: unknown, args: unknown[]) => {
    if (net.isIP(String(args[0])) !== 0) return;
    records.push({ kind: 'dns', host: String(args[0]), via, caller: callerFrames() });
  };
  for (const method of DNS_METHODS) {
    wrap(dns, method, question(`dns.${method}`));
    wrap(dns.promises, method, question(`dns.promises.${method}`));
    wrap(dns.Resolver.prototype, method, question(`dns.Resolver.${method}`));
    wrap(dns.promises.Resolver.prototype, method, question(`dns.promises.Resolver.${method}`));
  }
  for (const [module, protocol] of [[http, 'http'], [https, 'https']] as const) {
    for (const method of ['request', 'get'] as const) {
      wrap(module, method, (_self, args) => {
        const target = httpTarget(protocol, args);
        if (target) records.push({ kind: 'http', host: target.host, port: target.port, via: `${protocol}.${method}`, caller: callerFrames() });
      });
    }
  }
  wrap(globalThis, 'fetch', (_self, args) => {
    const url = urlOf(args[0]);
    if (url) records.push({ kind: 'fetch', host: url.hostname, port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)), via: 'fetch', caller: callerFrames() });
  });
  wrap(ChildProcess.prototype, 'spawn', (_self, args) => {
    const options = args[0] as { file?: unknown } | undefined;
    records.push({ kind: 'spawn', host: String(options?.file ?? '?'), via: 'child_process', caller: callerFrames() });
  });
  // A worker runs in its own isolate: recorded at its start, since nothing it does there is seen here.
  const OriginalWorker = workerThreads.Worker;
  class RecordedWorker extends OriginalWorker {
    constructor(filename: string | URL, options?: workerThreads.WorkerOptions) {
      records.push({ kind: 'worker', host: options?.eval ? 'eval' : String(filename), via: 'worker_threads.Worker', caller: callerFrames() });
      super(filename, options);
    }
  }
  workerThreads.Worker = RecordedWorker;
  restores.push(() => {
    workerThreads.Worker = OriginalWorker;
  });
  // ESM named imports of builtins (`import { lookup } from 'node:dns'`) see the patched functions only after this.
  syncBuiltinESMExports();

  const networked = (r: EgressRecord) => r.kind === 'tcp' || r.kind === 'tls' || r.kind === 'udp' || r.kind === 'http' || r.kind === 'fetch';
  const outside = (except: readonly string[] = []) => records.filter((r) => networked(r) && !except.includes(hostPort(r.host, r.port)));
  return {
    records,
    destinations: ({ except } = {}) => [...new Set(outside(except).map((r) => hostPort(r.host, r.port)))].sort(),
    lookups: () => [...new Set(records.filter((r) => r.kind === 'dns').map((r) => r.host))].sort(),
    sentTo: (destination) =>
      records
        .filter((r): r is SocketRecord => (r.kind === 'tcp' || r.kind === 'tls') && hostPort(r.host, r.port) === destination)
        .map((r) => Buffer.concat(r.chunks)),
    spawned: () => records.filter((r) => r.kind === 'spawn').map((r) => r.host),
    workers: () => records.filter((r) => r.kind === 'worker').map((r) => r.host),
    describe: ({ except } = {}) =>
      [...outside(except), ...records.filter((r) => r.kind === 'dns' || r.kind === 'spawn' || r.kind === 'worker')]
        .map((r) => `${r.kind} ${hostPort(r.host, r.port)} via ${r.via}${r.address ? ` (${r.address})` : ''} — ${r.caller}`)
        .join('\n'),
    stop() {
      for (const restore of restores.reverse()) restore();
      restores.length = 0;
      syncBuiltinESMExports();
      active = false;
    },
  };
}
