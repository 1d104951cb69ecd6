import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toErrorPayload } from '../../shared/errors';
import { dispatch, routeOf, rpcPath, type CallContext, type Contract, type Handlers, type HttpMethod, type Outcome } from '../../shared/rpc';
import { bearerMatches, generateToken, hostAllowed } from './guards';
import { parseJsonObject, readBody, sendError, sendJson } from './http-io';
import { compileRoutes, matchRoute, queryToObject, splitPath, type CompiledRoute } from './routes';
import { EVENTS_PATH, EVENTS_TICKET_PATH } from '../../shared/profile-events';
import { pushEventsRoute, type PushSource } from './push-events';
import { openCallStream, wantsEventStream } from './sse';
import { serveStatic } from './static-files';

/** A route outside the contract that needs the raw body and its own authentication (e.g. a signed webhook). */
export interface ExtraRoute {
  method: HttpMethod;
  path: string;
  /** Matches every path that starts with `path` (e.g. `/downloads/` + a one-time id). */
  prefix?: boolean;
  /** This route's own body limit (a webhook batch may exceed the API's); the host's limit otherwise. */
  maxBodyBytes?: number;
  /**
   * Answer whatever Host header the request carries. Only for a route that authenticates every
   * request by itself (SendGrid's signed webhook): a relay forwarding it keeps the public Host.
   */
  anyHost?: boolean;
  handler(req: IncomingMessage, rawBody: Buffer, res: ServerResponse): void | Promise<void>;
}

export interface HttpHostOptions<C extends Contract, S> {
  contract: C;
  handlers: Handlers<C, S>;
  /** Read per request, so a profile switch takes effect on the next call. */
  services: () => S;
  /** Whether the active profile is in HIPAA mode: the pages' CSP then allows no remote images. */
  hipaa?: () => boolean;
  /** Loopback only; the type forbids anything else on purpose. */
  host?: '127.0.0.1';
  /** 0 (default) picks a free port. */
  port?: number;
  /** Defaults to a fresh random token. */
  token?: string;
  /** The built renderer (out/renderer), served for GET of non-API paths. */
  staticDir?: string;
  maxBodyBytes?: number;
  extraRoutes?: ExtraRoute[];
  /** What GET /api/events pushes to pages (absent: no such route). Outside the contract: it never ends. */
  pushEvents?: readonly PushSource[];
}

export interface HttpHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY = 1024 * 1024;
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/**
 * The loopback HTTP API: every operation of the contract at its REST route (or POST /api/rpc/<name>),
 * behind a bearer token and a Host check, plus the built renderer and any extra raw-body routes.
 */
export async function startHttpHost<C extends Contract, S>(options: HttpHostOptions<C, S>): Promise<HttpHost> {
  const token = options.token ?? generateToken();
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const routes = compileRoutes(options.contract);
  const listing = Object.entries(options.contract).map(([name, def]) => ({
    name,
    summary: def.summary,
    ...routeOf(name, def),
    rpc: { method: 'POST', path: rpcPath(name) },
    ...(def.aliasOf ? { alias_of: def.aliasOf } : {}),
    events: def.events !== undefined,
  }));
  let port = 0;
  const events = options.pushEvents ? pushEventsRoute(options.pushEvents) : null;

  const runOperation = async (req: IncomingMessage, res: ServerResponse, route: CompiledRoute, input: unknown) => {
    const controller = new AbortController();
    // A caller that goes away cancels its work; 'close' after a finished response is not a disconnect.
    res.on('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    const stream = wantsEventStream(req.headers.accept) ? openCallStream(res) : null;
    const ctx: CallContext = { emit: (event) => stream?.progress(event), signal: controller.signal };
    let outcome: Outcome;
    try {
      outcome = await dispatch(options.contract, options.handlers, options.services(), route.name, input, ctx);
    } catch (error) {
      outcome = { ok: false, error: toErrorPayload(error) };
    }
    if (stream) stream.finish(outcome);
    else if (outcome.ok) sendJson(res, 200, outcome.value);
    else sendError(res, outcome.error);
  };

  const handleApi = async (req: IncomingMessage, res: ServerResponse, url: URL, parts: string[]) => {
    const bearer = bearerMatches(req.headers.authorization, token);
    // The event stream also takes a one-time ticket: a browser's EventSource cannot send the token.
    if (events && url.pathname === EVENTS_PATH) return events.serve(req, res, url, bearer);
    if (!bearer) {
      return sendError(res, { code: 'unauthorized', message: 'This API needs the console token: send it as "Authorization: Bearer <token>".' }, { headers: { 'WWW-Authenticate': 'Bearer' } });
    }
    const method = req.method ?? 'GET';
    if (url.pathname === '/api/contract') {
      if (method !== 'GET') return sendError(res, { code: 'not_found', message: 'The contract listing is read with GET.' }, { status: 405, headers: { Allow: 'GET' } });
      return sendJson(res, 200, { operations: listing });
    }
    if (events && url.pathname === EVENTS_TICKET_PATH) return events.issueTicket(req, res, url);
    const match = matchRoute(routes, method, parts);
    if (match.kind === 'none') return sendError(res, { code: 'not_found', message: `There is no API route ${method} ${url.pathname}.` });
    if (match.kind === 'wrong_method') {
      const allowed = match.allowed.join(', ');
      return sendError(res, { code: 'not_found', message: `${url.pathname} does not answer ${method}; use ${allowed}.`, details: { allowed: match.allowed } }, { status: 405, headers: { Allow: allowed } });
    }
    const limit = options.contract[match.route.name]?.body;
    const fromRequest = BODY_METHODS.has(method) ? parseJsonObject(await readBody(req, limit?.maxBytes ?? maxBody, limit?.tooLarge)) : queryToObject(url.searchParams);
    // Path parameters win: a body cannot retarget the call at another store.
    await runOperation(req, res, match.route, { ...fromRequest, ...match.params });
  };

  const handleExtra = async (req: IncomingMessage, res: ServerResponse, route: ExtraRoute) => {
    const body = await readBody(req, route.maxBodyBytes ?? maxBody);
    await route.handler(req, body, res);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const method = req.method ?? 'GET';
    const extra = options.extraRoutes?.find((r) => r.method === method && (r.prefix ? url.pathname.startsWith(r.path) : r.path === url.pathname));
    if (!hostAllowed(req.headers.host, port) && !extra?.anyHost) {
      return sendError(res, { code: 'forbidden', message: `This API answers only requests addressed to 127.0.0.1:${port} or localhost:${port}.` });
    }
    const parts = splitPath(url.pathname);
    if (!parts) return sendError(res, { code: 'input.invalid', message: 'The address is not valid percent-encoding.' });
    // Preflights are never granted: no Access-Control-* header is ever sent, so browsers refuse cross-origin calls.
    if (method === 'OPTIONS') return sendError(res, { code: 'forbidden', message: 'Cross-origin requests are not allowed.' });

    if (extra) return handleExtra(req, res, extra);
    if (parts[0] === 'api') return handleApi(req, res, url, parts);
    if (options.staticDir && (method === 'GET' || method === 'HEAD')) return serveStatic(res, options.staticDir, parts, method === 'HEAD', String(req.headers['accept-encoding'] ?? ''), options.hipaa?.() ?? false);
    return sendError(res, { code: 'not_found', message: `There is nothing at ${method} ${url.pathname}.` });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const payload = toErrorPayload(error);
      // A refused body may still be arriving; closing the connection stops us reading the rest.
      const headers: Record<string, string> = payload.code === 'payload_too_large' ? { Connection: 'close' } : {};
      sendError(res, payload, { headers });
    });
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  // Node closes an idle keep-alive socket after 5 s; a client sending on it at that instant gets
  // ECONNRESET for a request that never arrived (seen from Playwright and scripts between steps).
  // Idle loopback sockets cost nothing, so keep them well past any client's pause.
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    token,
    close: async () => {
      await events?.closeAll();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Event streams and keep-alive sockets would otherwise hold close() open.
        server.closeAllConnections();
      });
    },
  };
}
