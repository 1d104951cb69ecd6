import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What can go wrong between the console and Odoo, as a reverse proxy in front of the Odoo peer
 * makes it happen (the peer itself stays a faithful Odoo):
 * - reset-before: the connection is cut before the request reaches Odoo;
 * - drop-after: Odoo runs the call, then the connection is cut before its answer;
 * - 5xx-before / 5xx-after: a gateway's 502 page, without / after Odoo running the call;
 * - garbled-after: Odoo ran the call and the answer arrives as broken JSON;
 * - truncated-after: Odoo ran the call and its answer arrives cut in half;
 * - hold: Odoo ran the call and its answer waits until release() (a slow reply).
 * Refused connections come from refuse(): nothing listens on the port until accept().
 */
export type Fault = 'reset-before' | 'drop-after' | '5xx-before' | '5xx-after' | 'garbled-after' | 'truncated-after' | 'hold';

export interface SeenCall {
  path: string;
  model: string | undefined;
  method: string | undefined;
}

interface Rule {
  match: (call: SeenCall) => boolean;
  fault: Fault;
  remaining: number;
}

const GATEWAY_PAGE = '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

/** The model and method of a JSON-RPC execute_kw body or a JSON-2 path. */
function callOf(path: string, body: string): SeenCall {
  const json2 = /^\/json\/2\/([^/]+)\/([^/?]+)/.exec(path);
  if (json2) return { path, model: json2[1], method: json2[2] };
  try {
    const args = (JSON.parse(body) as { params?: { args?: unknown[] } }).params?.args ?? [];
    return { path, model: typeof args[3] === 'string' ? args[3] : undefined, method: typeof args[4] === 'string' ? args[4] : undefined };
  } catch {
    return { path, model: undefined, method: undefined };
  }
}

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

export async function startFaultProxy(target: string) {
  const upstream = new URL(target);
  const rules: Rule[] = [];
  const faulted: (SeenCall & { fault: Fault })[] = [];
  let releases: (() => void)[] = [];
  let heldWaiters: (() => void)[] = [];

  function forward(req: IncomingMessage, body: Buffer): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const headers = { ...req.headers, host: upstream.host, connection: 'close' };
      const out = request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers, agent: false }, (res) => {
        readAll(res).then((bytes) => resolve({ status: res.statusCode ?? 502, headers: { 'content-type': String(res.headers['content-type'] ?? 'application/json') }, body: bytes }), reject);
      });
      out.on('error', reject);
      out.end(body);
    });
  }

  // Every answer closes its connection, so no kept-alive socket outlives a scenario or races an idle timer.
  const send = (res: ServerResponse, status: number, contentType: string, body: Buffer | string) => {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': String(bytes.length), Connection: 'close' });
    res.end(bytes);
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readAll(req);
    const call = callOf(req.url ?? '/', body.toString('utf8'));
    const rule = rules.find((r) => r.remaining > 0 && r.match(call));
    if (rule) {
      rule.remaining -= 1;
      faulted.push({ ...call, fault: rule.fault });
    }
    const fault = rule?.fault;
    if (fault === 'reset-before') return void req.socket.destroy();
    if (fault === '5xx-before') return send(res, 502, 'text/html', GATEWAY_PAGE);
    const answer = await forward(req, body);
    switch (fault) {
      case 'drop-after':
        return void req.socket.destroy();
      case '5xx-after':
        return send(res, 502, 'text/html', GATEWAY_PAGE);
      case 'garbled-after':
        return send(res, 200, 'application/json', '{"jsonrpc": "2.0", "id": 1, "result": [\u0000\u00ff@@ }');
      case 'truncated-after':
        return send(res, 200, answer.headers['content-type'] ?? 'application/json', answer.body.subarray(0, Math.max(1, Math.floor(answer.body.length / 2))));
      case 'hold':
        await new Promise<void>((resolve) => {
          releases.push(resolve);
          for (const waiter of heldWaiters) waiter();
          heldWaiters = [];
        });
        return send(res, answer.status, answer.headers['content-type'] ?? 'application/json', answer.body);
      default:
        return send(res, answer.status, answer.headers['content-type'] ?? 'application/json', answer.body);
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => req.socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    /** The calls a fault was applied to, in order. */
    faulted,
    /** Applies `fault` to the next `times` calls that match (model and method, e.g. mailing.mailing create). */
    inject(fault: Fault, match: { model?: string; method?: string } = {}, times = 1) {
      rules.push({ fault, remaining: times, match: (c) => (!match.model || c.model === match.model) && (!match.method || c.method === match.method) });
    },
    clear() {
      rules.length = 0;
    },
    /** Resolves once a held answer is waiting for release(). */
    held(): Promise<void> {
      return releases.length > 0 ? Promise.resolve() : new Promise((resolve) => heldWaiters.push(resolve));
    },
    release() {
      const waiting = releases;
      releases = [];
      for (const resume of waiting) resume();
    },
    /** Stops listening: connections to the port are refused until accept(). */
    async refuse(): Promise<void> {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    async accept(): Promise<void> {
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    },
    async close(): Promise<void> {
      this.release();
      server.closeAllConnections();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type FaultProxy = Awaited<ReturnType<typeof startFaultProxy>>;
