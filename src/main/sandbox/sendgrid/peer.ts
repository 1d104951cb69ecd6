import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SendgridEvent, SuppressionKind } from '../../core/sendgrid';
import type { PeerTemplate } from './demo-templates';
import { buildEvent, type Outcome, recordSuppression, simulateRecipient } from './event-factory';
import { acceptMail } from './mail-send';
import { createPrng } from './prng';
import { fromSnapshot, parsePeerSnapshot, toSnapshot, type PeerSnapshot } from './snapshot';
import { errorBody, getTemplate, getTemplateVersion, listSuppressions, listTemplates, readCategoryStats, readGlobalStats, type PeerReply } from './routes';
import { demoState, emptyState, type SentMail, SUPPRESSION_KINDS } from './state';
import { createWebhookEmitter, type WebhookDelivery } from './webhook-emitter';
import { loopbackHostAllowed } from '../loopback-host';

/** The key the demo workspace and tests use; any SG.-prefixed string works with the peer only if listed. */
export const SENDGRID_DEMO_API_KEY = 'SG.demo-markket-console.peer-key-not-valid-at-sendgrid';

export const ALL_SCOPES = ['mail.send', 'templates.read', 'templates.versions.read', 'stats.read', 'categories.stats.read', 'suppression.read'];

export interface SendgridPeerOptions {
  host?: string;
  port?: number;
  /** Keys with every scope. Defaults to [SENDGRID_DEMO_API_KEY]. */
  apiKeys?: string[];
  /** Restricted keys: key → scopes (a request outside them gets SendGrid's 403). */
  keyScopes?: Record<string, string[]>;
  now?: () => Date;
  randomSeed?: number;
  seed?: 'demo' | 'empty';
  /** Draw events for every accepted mail (default true); off lets a test emit exactly what it wants. */
  autoEvents?: boolean;
  /** A snapshot saved earlier (wins over `seed`): the demo workspace carries on where it stopped. */
  restore?: unknown;
  /** Answer only requests addressed to this computer by name (the demo inside the console: DNS rebinding). */
  loopbackHostsOnly?: boolean;
}

export interface SendgridPeer {
  url: string;
  port: number;
  close(): Promise<void>;
  mail: SentMail[];
  requests: { method: string; path: string }[];
  /** Every event generated so far (posted or not). */
  events: SendgridEvent[];
  rateLimit(nextN: number, resetEpochSeconds?: number): void;
  webhook: {
    setTarget(url: string | null, privateKeyPem?: string, publicKey?: string): void;
    emitFor(mail: SentMail, outcome: Outcome, opts?: { email?: string; url?: string }): SendgridEvent[];
    /** Posts events again as they were, as SendGrid does when it retries a batch. */
    replay(events: SendgridEvent[]): void;
    deliveries: WebhookDelivery[];
  };
  flushEvents(): Promise<void>;
  suppressions: { add(kind: SuppressionKind, email: string, reason?: string): void; list(kind: SuppressionKind): readonly unknown[] };
  templates: { add(template: PeerTemplate): void; list(): readonly PeerTemplate[] };
  /** JSON-safe copy of the state, for the demo workspace to persist. */
  snapshot(): PeerSnapshot;
}

const MAX_BODY_BYTES = 30 * 1024 * 1024; // SendGrid's total message size limit

export async function startSendgridPeer(opts: SendgridPeerOptions = {}): Promise<SendgridPeer> {
  const now = opts.now ?? (() => new Date());
  const nowSec = (): number => Math.floor(now().getTime() / 1000);
  const restored = opts.restore === undefined ? null : parsePeerSnapshot(opts.restore);
  const rng = createPrng(restored ? restored.prngState : (opts.randomSeed ?? 20_250_401));
  const state = restored ? fromSnapshot(restored) : opts.seed === 'empty' ? emptyState() : demoState(rng, now());
  const scopesByKey = new Map<string, string[]>();
  for (const key of opts.apiKeys ?? [SENDGRID_DEMO_API_KEY]) scopesByKey.set(key, ALL_SCOPES);
  for (const [key, scopes] of Object.entries(opts.keyScopes ?? {})) scopesByKey.set(key, scopes);
  const emitter = createWebhookEmitter(nowSec);
  const requests: { method: string; path: string }[] = [];
  const limiter = { remaining429: 0, reset: 0 };

  function record(events: SendgridEvent[]): SendgridEvent[] {
    state.events.push(...events);
    events.forEach((e) => recordSuppression(state, e));
    emitter.post(events);
    return events;
  }

  async function route(req: IncomingMessage, url: URL): Promise<PeerReply> {
    const method = req.method ?? 'GET';
    const path = url.pathname.replace(/\/+$/, '');
    const today = now().toISOString().slice(0, 10);
    const scopes = scopesByKey.get(/^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '');
    if (!scopes) return { status: 401, body: errorBody('authorization required') };
    if (limiter.remaining429 > 0) {
      limiter.remaining429 -= 1;
      return { status: 429, body: errorBody('too many requests'), headers: rateHeaders(0, limiter.reset) };
    }
    const need = (scope: string | null, handler: () => PeerReply | Promise<PeerReply>, allowed = 'GET'): PeerReply | Promise<PeerReply> => {
      if (method !== allowed) return { status: 405, body: errorBody('method not allowed') };
      if (scope !== null && !scopes.includes(scope)) return { status: 403, body: errorBody('access forbidden') };
      return handler();
    };
    const segments = path.split('/').slice(1).map(decodeURIComponent);
    const [v3, area, a, b, c] = segments;
    if (v3 !== 'v3') return { status: 404, body: errorBody('not found') };
    if (area === 'scopes' && segments.length === 2) return need(null, () => ({ status: 200, body: { scopes } }));
    if (area === 'templates' && segments.length === 2) return need('templates.read', () => listTemplates(state, url.searchParams, url));
    if (area === 'templates' && a && segments.length === 3) return need('templates.read', () => getTemplate(state, a));
    if (area === 'templates' && a && b === 'versions' && c && segments.length === 5) {
      return need('templates.versions.read', () => getTemplateVersion(state, a, c));
    }
    if (area === 'stats' && segments.length === 2) return need('stats.read', () => readGlobalStats(state, url.searchParams, today));
    if (area === 'categories' && a === 'stats' && segments.length === 3) {
      return need('categories.stats.read', () => readCategoryStats(state, url.searchParams, today));
    }
    if (area === 'suppression' && a && (SUPPRESSION_KINDS as readonly string[]).includes(a) && segments.length === 3) {
      return need('suppression.read', () => listSuppressions(state, a as SuppressionKind, url.searchParams));
    }
    if (area === 'mail' && a === 'send' && segments.length === 3) {
      return need('mail.send', async () => {
        const result = acceptMail(state, await readJson(req), { rng, now: now() });
        if (result.mail && !result.mail.sandbox && opts.autoEvents !== false) {
          for (const email of result.mail.recipients) record(simulateRecipient(state, result.mail, email, { rng, nowSec: nowSec() }));
        }
        return result.reply;
      }, 'POST');
    }
    return { status: 404, body: errorBody('not found') };
  }

  const server = createServer((req, res) => {
    if (opts.loopbackHostsOnly && !loopbackHostAllowed(req.headers.host, port)) {
      send(res, { status: 403, body: errorBody('this server answers only requests addressed to this computer') });
      return;
    }
    // _metadata links are absolute, like SendGrid's; build them on the host the client called.
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? `127.0.0.1:${port}`}`);
    requests.push({ method: req.method ?? 'GET', path: url.pathname });
    route(req, url)
      .then((reply) => send(res, reply))
      .catch((error: unknown) => {
        if (error instanceof PayloadTooLarge) send(res, { status: 413, body: errorBody('Payload Too Large') });
        else send(res, { status: 500, body: errorBody('internal server error') });
      });
  });
  let port = 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const hostForUrl = (opts.host ?? '127.0.0.1').includes(':') ? `[${opts.host}]` : (opts.host ?? '127.0.0.1');

  return {
    url: `http://${hostForUrl}:${port}`,
    port,
    mail: state.mail,
    requests,
    events: state.events,
    close: async () => {
      await emitter.flush();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
    rateLimit(nextN, resetEpochSeconds) {
      limiter.remaining429 = nextN;
      limiter.reset = resetEpochSeconds ?? nowSec() + 1;
    },
    webhook: {
      setTarget(url, privateKeyPem, publicKey) {
        if (url === null) return emitter.setTarget(null);
        if (!privateKeyPem || !publicKey) throw new Error('A webhook target needs the signing key pair.');
        emitter.setTarget({ url, privateKeyPem, publicKey });
      },
      emitFor(mail, outcome, o = {}) {
        const email = o.email ?? mail.recipients[0];
        if (!email) throw new Error('This mail has no recipient.');
        return record([buildEvent(mail, email, outcome, { rng, nowSec: nowSec() }, nowSec(), o.url)]);
      },
      replay: (events) => emitter.post(events),
      deliveries: emitter.deliveries,
    },
    flushEvents: () => emitter.flush(),
    suppressions: {
      add(kind, email, reason) {
        const created = nowSec();
        const extra = kind === 'spam_reports' ? { ip: '192.0.2.1' } : kind === 'unsubscribes' ? {} : { reason: reason ?? 'Added by hand', ...(kind === 'invalid_emails' ? {} : { status: '5.0.0' }) };
        state.suppressions[kind].unshift({ created, email, ...extra });
      },
      list: (kind) => state.suppressions[kind],
    },
    templates: {
      add: (template) => void state.templates.push(template),
      list: () => state.templates,
    },
    snapshot: () => JSON.parse(JSON.stringify(toSnapshot(state, rng.state()))) as PeerSnapshot,
  };
}

class PayloadTooLarge extends Error {}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new PayloadTooLarge();
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}

function rateHeaders(remaining: number, reset: number): Record<string, string> {
  return { 'X-RateLimit-Limit': '600', 'X-RateLimit-Remaining': String(remaining), 'X-RateLimit-Reset': String(reset) };
}

function send(res: ServerResponse, reply: PeerReply): void {
  const headers: Record<string, string> = { ...(reply.headers ?? {}) };
  if (reply.body === undefined) {
    res.writeHead(reply.status, headers).end();
    return;
  }
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)), ...headers }).end(text);
}
