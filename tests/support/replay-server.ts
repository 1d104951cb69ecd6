/**
 * A loopback HTTP server that answers with the REAL responses recorded from Odoo 18.0
 * (tests/fixtures/odoo18-wire/*.json), for client tests that must not depend on our own Odoo peer.
 *
 * - /jsonrpc common.version and common.authenticate answer by themselves (recordings 001, 002, 004).
 * - Every model call (execute_kw, /json/2/<model>/<method>) takes the next scripted answer.
 * - JSON-2 answers are derived from the same recordings the way Odoo 19 would send them
 *   (odoo/http.py Json2Dispatcher.handle_error, addons/rpc/controllers/json2.py): bare result,
 *   or the exception's {name, message, arguments, context, debug} with a real HTTP status.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { readFixture } from './fixtures';

export interface Recording {
  file: string;
  title: string;
  request: { method: string; path: string; body: unknown };
  response: { status: number; headers: Record<string, string>; body: unknown };
}

/** Loads a recording by its number or file name prefix, e.g. '080' or '110-action_launch'. */
export function loadRecording(prefix: string): Recording {
  const { file, json } = readFixture('odoo18-wire', prefix);
  return { file, ...(json as Omit<Recording, 'file'>) };
}

export type Answer =
  | { recording: string }
  | { status: number; body: unknown; contentType?: string }
  | { stall: true }
  | { resetConnection: true };

export interface SeenRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** Parsed JSON body, or undefined. */
  json: unknown;
  /** 'service.method' for /jsonrpc, 'model.method' for model calls of either protocol. */
  call: string;
}

export interface ReplayServer {
  url: string;
  requests: SeenRequest[];
  /** Requests that reached a model method (execute_kw or /json/2), in order. */
  modelCalls(): SeenRequest[];
  /** Queues answers for the next model calls, in order. */
  answer(...answers: Answer[]): void;
  close(): Promise<void>;
}

export interface ReplayOptions {
  /** The key that authenticates; anything else is refused like Odoo does. */
  apiKey: string;
  /** "18.0" (default) serves JSON-RPC only, like the recorded server; "19.0" also serves JSON-2. */
  serverVersion?: '18.0' | '19.0';
  /** Recording that common.authenticate answers with, whatever the key (e.g. '007' wrong database). */
  authenticateWith?: string;
  /** Fixed port (to bring a server "back" where a client expects it); default: any free port. */
  port?: number;
  /** Called when a request arrives that the script says to stall on (e.g. to expire its timeout). */
  onStall?: () => void;
}

interface Wire {
  status: number;
  contentType: string;
  body: string;
}

const json = (status: number, value: unknown): Wire => ({ status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(value) });
const html404: Wire = { status: 404, contentType: 'text/html; charset=utf-8', body: '<!doctype html>\n<title>404 Not Found</title>\n<h1>Not Found</h1>' };

function recordedWire(recording: Recording, requestId: unknown): Wire {
  const { status, headers, body } = recording.response;
  if (typeof body === 'string') return { status, contentType: headers['Content-Type'] ?? 'text/html; charset=utf-8', body };
  const envelope = body && typeof body === 'object' && 'jsonrpc' in body ? { ...body, id: requestId } : body;
  return json(status, envelope);
}

interface RecordedError {
  name: string;
  message: string;
  arguments?: unknown[];
  context?: unknown;
  debug?: string;
}

/** How Odoo 19's JSON-2 reports the exception a JSON-RPC recording shows. */
function json2Wire(recording: Recording): Wire {
  const body = recording.response.body as { result?: unknown; error?: { data?: RecordedError } } | string;
  if (typeof body === 'string') return { status: recording.response.status, contentType: 'text/html; charset=utf-8', body };
  if (!body.error) return json(200, body.result ?? null);
  const data = body.error.data ?? { name: 'builtins.Exception', message: 'internal server error' };
  const args = (recording.request.body as { params?: { args?: unknown[] } }).params?.args ?? [];
  const [model, method] = [String(args[3] ?? ''), String(args[4] ?? '')];
  // json2.py turns a missing model or method into werkzeug NotFound (404).
  if (/^Object \S+ doesn't exist/.test(data.message)) {
    return json(404, { name: 'werkzeug.exceptions.NotFound', message: `the model '${model}' does not exist`, arguments: [], context: {}, debug: '' });
  }
  if (data.name === 'builtins.AttributeError') {
    return json(404, { name: 'werkzeug.exceptions.NotFound', message: `The method '${model}.${method}' does not exist`, arguments: [], context: {}, debug: '' });
  }
  // UserError.http_status in Odoo 19: UserError/ValidationError 422, AccessError 403, MissingError 404.
  const status: Record<string, number> = {
    'odoo.exceptions.UserError': 422,
    'odoo.exceptions.ValidationError': 422,
    'odoo.exceptions.AccessError': 403,
    'odoo.exceptions.AccessDenied': 401,
    'odoo.exceptions.MissingError': 404,
  };
  return json(status[data.name] ?? 500, { name: data.name, message: data.message, arguments: data.arguments ?? [data.message], context: data.context ?? {}, debug: data.debug ?? '' });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export async function startReplayServer(options: ReplayOptions): Promise<ReplayServer> {
  const version = options.serverVersion ?? '18.0';
  const major = Number(version.split('.')[0]);
  const queue: Answer[] = [];
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();

  function versionWire(id: unknown): Wire {
    const recorded = loadRecording('001');
    const body = recorded.response.body as { result: Record<string, unknown> };
    const result = { ...body.result, server_version: version, server_serie: version, server_version_info: [major, 0, 0, 'final', 0, ''] };
    return json(200, { jsonrpc: '2.0', id, result });
  }

  function scripted(protocol: 'jsonrpc' | 'json2', id: unknown): Wire | 'stall' | 'reset' {
    const next = queue.shift();
    if (!next) return { status: 500, contentType: 'text/plain', body: 'replay server: no scripted answer for this call' };
    if ('stall' in next) return 'stall';
    if ('resetConnection' in next) return 'reset';
    if ('recording' in next) {
      const recording = loadRecording(next.recording);
      return protocol === 'jsonrpc' ? recordedWire(recording, id) : json2Wire(recording);
    }
    const body = typeof next.body === 'string' && next.contentType ? next.body : JSON.stringify(next.body);
    return { status: next.status, contentType: next.contentType ?? 'application/json; charset=utf-8', body };
  }

  function route(req: IncomingMessage, seen: SeenRequest): Wire | 'stall' | 'reset' {
    const url = req.url ?? '/';
    if (url === '/jsonrpc' && req.method === 'POST') {
      const envelope = seen.json as { id?: unknown; params?: { service?: string; method?: string; args?: unknown[] } } | undefined;
      if (!envelope) return { status: 400, contentType: 'text/html; charset=utf-8', body: 'Invalid JSON data' }; // odoo18-wire/236
      const { service, method, args = [] } = envelope.params ?? {};
      seen.call = service === 'object' ? `${String(args[3])}.${String(args[4])}` : `${service}.${method}`;
      if (service === 'common' && method === 'version') return versionWire(envelope.id);
      if (service === 'common' && method === 'authenticate') {
        const ok = args[2] === options.apiKey;
        return recordedWire(loadRecording(options.authenticateWith ?? (ok ? '002' : '004')), envelope.id);
      }
      if (service === 'object') {
        if (args[2] !== options.apiKey) return recordedWire(loadRecording('080'), envelope.id);
        return scripted('jsonrpc', envelope.id);
      }
      return recordedWire(loadRecording('093'), envelope.id);
    }
    if (url === '/jsonrpc') return recordedWire(loadRecording('099'), null);
    if ((url === '/json/version' || url === '/web/version') && major >= 19) return json(200, { version_info: [major, 0, 0, 'final', 0, ''], version });
    const json2 = /^\/json\/2\/([^/]+)\/([^/?]+)$/.exec(url);
    if (json2 && major >= 19 && req.method === 'POST') {
      seen.call = `${decodeURIComponent(json2[1] ?? '')}.${decodeURIComponent(json2[2] ?? '')}`;
      if (req.headers.authorization !== `bearer ${options.apiKey}`) {
        return json(401, { name: 'werkzeug.exceptions.Unauthorized', message: 'Invalid apikey', arguments: ['Invalid apikey', 401], context: {}, debug: '' });
      }
      if (seen.call === 'res.users.context_get') return json(200, { lang: 'en_US', tz: 'Europe/Brussels', uid: 2 });
      return scripted('json2', null);
    }
    return html404;
  }

  const server = createServer((req, res) => {
    void (async () => {
      const text = await readBody(req);
      const seen: SeenRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, text, json: parse(text), call: '' };
      requests.push(seen);
      const wire = route(req, seen);
      if (wire === 'stall') {
        options.onStall?.();
        return; // never answers; close() ends the socket
      }
      if (wire === 'reset') {
        req.socket.destroy();
        return;
      }
      res.writeHead(wire.status, { 'Content-Type': wire.contentType, 'Content-Length': Buffer.byteLength(wire.body) });
      res.end(wire.body);
    })();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    modelCalls: () => requests.filter((r) => r.call !== '' && !r.call.startsWith('common.') && r.call !== 'res.users.context_get'),
    answer: (...answers) => queue.push(...answers),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
