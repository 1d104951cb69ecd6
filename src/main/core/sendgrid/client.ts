import { Client } from '@sendgrid/client';
import type { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { appErrorForStatus, normaliseHeaders, rateLimited, readHttpFailure, unreachable } from './errors';
import { assertOpaqueTracking, OutboundMail, toMailSendBody } from './mail';
import {
  DynamicTemplate,
  DynamicTemplateSummary,
  ScopesResponse,
  StatsQuery,
  StatsResponse,
  type StatsRow,
  Suppression,
  SuppressionKind,
  SuppressionPage,
  TemplatesPage,
  TemplateVersion,
} from './schemas';

export interface SendgridSettings {
  apiKey: string;
  /** Overrides the region's host, e.g. the SendGrid peer on loopback. */
  baseUrl?: string;
  region?: 'global' | 'eu';
  /** Longest wait for a rate-limit window to reset before giving up with sendgrid.rate_limited. */
  maxRateLimitWaitMs?: number;
  /** Attempts per request when SendGrid answers 429 (the first try included). */
  maxAttempts?: number;
}

export interface SendgridDeps {
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface SendgridService {
  /** The API host requests go to (region or override), for display and diagnostics. */
  readonly baseUrl: string;
  checkKey(): Promise<{ scopes: string[] }>;
  listTemplates(): Promise<DynamicTemplateSummary[]>;
  getTemplate(id: string): Promise<DynamicTemplate>;
  getActiveVersion(id: string): Promise<TemplateVersion>;
  globalStats(q: StatsQuery): Promise<StatsRow[]>;
  categoryStats(categories: string[], q: StatsQuery): Promise<StatsRow[]>;
  suppressions(kind: SuppressionKind): Promise<Suppression[]>;
  sendMail(mail: OutboundMail): Promise<{ messageId: string | null }>;
}

const TEMPLATE_PAGE_SIZE = 200; // the maximum GET /v3/templates accepts
const SUPPRESSION_PAGE_SIZE = 500; // the maximum of PaginationCommonLimit
const MAX_CATEGORIES_PER_STATS_CALL = 10; // "You may include up to 10 different categories."

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export function createSendgrid(settings: SendgridSettings, deps: SendgridDeps = {}): SendgridService {
  const now = deps.now ?? (() => Date.now());
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const maxWaitMs = settings.maxRateLimitWaitMs ?? 60_000;
  const maxAttempts = Math.max(1, settings.maxAttempts ?? 3);

  // A private Client per service: the package's default export is a process-wide singleton whose key
  // would leak between profiles.
  const client = new Client();
  client.setApiKey(settings.apiKey);
  if (settings.region === 'eu') client.setDataResidency('eu');
  // setApiKey / setDataResidency both reset the base URL, so the override must come last.
  if (settings.baseUrl) client.setDefaultRequest('baseUrl', withTrailingSlash(settings.baseUrl));
  const baseUrl = resolvedBaseUrl(client);

  async function call(operation: string, request: { method: 'GET' | 'POST'; url: string; qs?: Record<string, unknown>; body?: unknown }): Promise<RawResponse> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const [response, body] = await client.request({
          method: request.method,
          url: request.qs ? `${request.url}?${queryString(request.qs)}` : request.url,
          ...(request.body !== undefined ? { body: request.body as object } : {}),
        });
        return { status: response.statusCode, headers: normaliseHeaders(response.headers), body };
      } catch (error) {
        const failure = readHttpFailure(error);
        if (!failure) throw unreachable(error, operation);
        if (failure.status !== 429) throw appErrorForStatus(failure, operation);
        const waitMs = rateLimitWait(failure.headers['x-ratelimit-reset'], now());
        const details = { operation, status: 429, attempts: attempt, ...(waitMs === null ? {} : { retry_after_ms: waitMs }) };
        if (attempt >= maxAttempts || waitMs === null || waitMs > maxWaitMs) throw rateLimited(details);
        await sleep(waitMs);
      }
    }
  }

  async function getParsed<S extends z.ZodType>(operation: string, schema: S, url: string, qs?: Record<string, unknown>): Promise<z.infer<S>> {
    const response = await call(operation, { method: 'GET', url, ...(qs ? { qs } : {}) });
    return parseOrThrow(schema, response.body, operation);
  }

  async function listTemplates(): Promise<DynamicTemplateSummary[]> {
    const all: DynamicTemplateSummary[] = [];
    let pageToken: string | undefined;
    const seen = new Set<string>();
    for (;;) {
      const qs: Record<string, unknown> = { generations: 'dynamic', page_size: TEMPLATE_PAGE_SIZE };
      if (pageToken) qs['page_token'] = pageToken;
      const page = await getParsed('templates.list', TemplatesPage, '/v3/templates', qs);
      all.push(...page.result);
      const next = nextPageToken(page._metadata?.next);
      // Guard against a server that hands back the same token forever.
      if (!next || seen.has(next) || page.result.length === 0) return all;
      seen.add(next);
      pageToken = next;
    }
  }

  async function getActiveVersion(id: string): Promise<TemplateVersion> {
    const template = await getParsed('templates.get', DynamicTemplate, `/v3/templates/${encodeURIComponent(id)}`);
    const active = template.versions.find((v) => v.active === 1);
    if (!active) {
      throw new AppError('sendgrid.not_found', `The SendGrid template “${template.name}” has no active version. Activate one in SendGrid first.`, {
        template_id: id,
      });
    }
    return getParsed(
      'templates.version',
      TemplateVersion,
      `/v3/templates/${encodeURIComponent(id)}/versions/${encodeURIComponent(active.id)}`,
    );
  }

  async function categoryStats(categories: string[], q: StatsQuery): Promise<StatsRow[]> {
    const query = validInput(StatsQuery, q, 'stats query');
    if (categories.length === 0) return [];
    const rows: StatsRow[] = [];
    // More than 10 categories need several calls; rows of the same date are merged afterwards.
    for (let i = 0; i < categories.length; i += MAX_CATEGORIES_PER_STATS_CALL) {
      const chunk = categories.slice(i, i + MAX_CATEGORIES_PER_STATS_CALL);
      rows.push(...(await getParsed('stats.categories', StatsResponse, '/v3/categories/stats', { ...query, categories: chunk })));
    }
    return mergeRowsByDate(rows);
  }

  async function suppressions(kind: SuppressionKind): Promise<Suppression[]> {
    const validKind = validInput(SuppressionKind, kind, 'suppression kind');
    const all: Suppression[] = [];
    for (let offset = 0; ; offset += SUPPRESSION_PAGE_SIZE) {
      const page = await getParsed(`suppressions.${validKind}`, SuppressionPage, `/v3/suppression/${validKind}`, {
        limit: SUPPRESSION_PAGE_SIZE,
        offset,
      });
      all.push(...page);
      if (page.length < SUPPRESSION_PAGE_SIZE) return all;
    }
  }

  async function sendMail(mail: OutboundMail): Promise<{ messageId: string | null }> {
    const valid = validInput(OutboundMail, mail, 'mail');
    assertOpaqueTracking(valid);
    const response = await call('mail.send', { method: 'POST', url: '/v3/mail/send', body: toMailSendBody(valid) });
    return { messageId: response.headers['x-message-id'] ?? null };
  }

  return {
    baseUrl,
    checkKey: () => getParsed('scopes', ScopesResponse, '/v3/scopes'),
    listTemplates,
    getTemplate: (id) => getParsed('templates.get', DynamicTemplate, `/v3/templates/${encodeURIComponent(id)}`),
    getActiveVersion,
    globalStats: async (q) => getParsed('stats.global', StatsResponse, '/v3/stats', validInput(StatsQuery, q, 'stats query')),
    categoryStats,
    suppressions,
    sendMail,
  };
}

/** Milliseconds until `X-RateLimit-Reset` (epoch seconds); null when the header is missing or unreadable. */
export function rateLimitWait(resetHeader: string | undefined, nowMs: number): number | null {
  if (resetHeader === undefined) return null;
  const resetSeconds = Number(resetHeader);
  if (!Number.isFinite(resetSeconds)) return null;
  return Math.max(0, resetSeconds * 1000 - nowMs);
}

/**
 * SendGrid repeats a key for lists (`categories=a&categories=b`); axios' own serializer would write
 * `categories[]=a`, which SendGrid ignores, so the query string is built here.
 */
export function queryString(qs: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(qs)) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, String(item));
  }
  return params.toString();
}

function resolvedBaseUrl(client: Client): string {
  // createRequest merges the client's defaults, so it reports the host a request would really use.
  const request = client.createRequest({ url: '' }) as { baseURL?: unknown; baseUrl?: unknown };
  return String(request.baseURL ?? request.baseUrl ?? '');
}

function nextPageToken(nextUrl: string | undefined): string | undefined {
  if (!nextUrl) return undefined;
  try {
    return new URL(nextUrl).searchParams.get('page_token') ?? undefined;
  } catch {
    return undefined;
  }
}

function mergeRowsByDate(rows: StatsRow[]): StatsRow[] {
  const byDate = new Map<string, StatsRow>();
  for (const row of rows) {
    const existing = byDate.get(row.date);
    if (existing) existing.stats.push(...row.stats);
    else byDate.set(row.date, { ...row, stats: [...row.stats] });
  }
  return [...byDate.values()].sort((a, b) => a.date.localeCompare(b.date));
}

function parseOrThrow<S extends z.ZodType>(schema: S, body: unknown, operation: string): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new AppError('sendgrid.server_error', 'SendGrid answered in a shape the console does not understand. Try again later.', {
    operation,
    issues: parsed.error.issues.slice(0, 5).map((i) => ({ path: i.path.join('.'), message: i.message })),
  });
}

/** Caller mistakes become input.invalid naming the field, never a raw ZodError. */
function validInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue ? issue.path.join('.') : '';
  throw new AppError('input.invalid', `The ${what} is not valid${field ? ` (${field}: ${issue?.message ?? 'invalid'})` : ''}.`, {
    issues: parsed.error.issues.slice(0, 5).map((i) => ({ path: i.path.join('.'), message: i.message })),
  });
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
