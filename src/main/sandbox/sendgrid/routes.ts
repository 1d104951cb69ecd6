import type { SuppressionKind } from '../../core/sendgrid';
import type { PeerTemplate } from './demo-templates';
import type { PeerState } from './state';
import { categoryStats, globalStats, type AggregatedBy } from './stats';

/**
 * The read endpoints of the peer. Each returns status + JSON the way SendGrid answers
 * (tsg_templates_v3.yaml, tsg_stats_v3.yaml, tsg_suppressions_v3.yaml).
 */
export interface PeerReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export const errorBody = (message: string, field: string | null = null): { errors: { field: string | null; message: string }[] } => ({
  errors: [{ field, message }],
});

const bad = (message: string, field: string | null): PeerReply => ({ status: 400, body: errorBody(message, field) });

function versionSummary(v: PeerTemplate['versions'][number]) {
  return {
    id: v.id,
    template_id: v.template_id,
    active: v.active,
    name: v.name,
    subject: v.subject,
    updated_at: v.updated_at,
    generate_plain_content: v.generate_plain_content,
    editor: v.editor,
    thumbnail_url: v.thumbnail_url,
  };
}

export function listTemplates(state: PeerState, query: URLSearchParams, selfUrl: URL): PeerReply {
  const rawSize = query.get('page_size');
  if (rawSize === null || rawSize === '') return bad('page_size is required', 'page_size');
  const pageSize = Number(rawSize);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 200) return bad('page_size should be an integer between 1 and 200', 'page_size');
  const generations = (query.get('generations') ?? 'legacy').split(',').map((g) => g.trim());
  if (generations.some((g) => g !== 'legacy' && g !== 'dynamic')) return bad('generations must be legacy, dynamic or legacy,dynamic', 'generations');
  const matching = state.templates.filter((t) => generations.includes(t.generation));
  const token = query.get('page_token');
  const offset = token === null ? 0 : decodeToken(token);
  if (offset === null) return bad('page_token is invalid', 'page_token');
  const page = matching.slice(offset, offset + pageSize);
  const link = (at: number): string => {
    const url = new URL(selfUrl.toString());
    url.searchParams.set('page_size', String(pageSize));
    if (at === 0) url.searchParams.delete('page_token');
    else url.searchParams.set('page_token', encodeToken(at));
    return url.toString();
  };
  const metadata: Record<string, unknown> = { self: link(offset), count: matching.length };
  if (offset + pageSize < matching.length) metadata['next'] = link(offset + pageSize);
  if (offset > 0) metadata['prev'] = link(Math.max(0, offset - pageSize));
  return {
    status: 200,
    body: {
      result: page.map((t) => ({ id: t.id, name: t.name, generation: t.generation, updated_at: t.updated_at, versions: t.versions.map(versionSummary) })),
      _metadata: metadata,
    },
  };
}

export function getTemplate(state: PeerState, id: string): PeerReply {
  const template = state.templates.find((t) => t.id === id);
  if (!template) return { status: 404, body: errorBody('resource not found') };
  return { status: 200, body: template };
}

export function getTemplateVersion(state: PeerState, id: string, versionId: string): PeerReply {
  const version = state.templates.find((t) => t.id === id)?.versions.find((v) => v.id === versionId);
  if (!version) return { status: 404, body: errorBody('resource not found') };
  return { status: 200, body: version };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_DAYS = 5 * 366;

function statsRange(query: URLSearchParams, today: string): { start: string; end: string; by: AggregatedBy } | PeerReply {
  const start = query.get('start_date');
  if (!start) return bad('missing required argument', 'start_date');
  if (!DATE.test(start) || Number.isNaN(Date.parse(start))) return bad('invalid date format, expected YYYY-MM-DD', 'start_date');
  const end = query.get('end_date') ?? today;
  if (!DATE.test(end) || Number.isNaN(Date.parse(end))) return bad('invalid date format, expected YYYY-MM-DD', 'end_date');
  if (end < start) return bad('end_date should be after start_date', 'end_date');
  if ((Date.parse(end) - Date.parse(start)) / 86_400_000 > MAX_DAYS) return bad('the date range is too long', 'start_date');
  const by = query.get('aggregated_by') ?? 'day';
  if (by !== 'day' && by !== 'week' && by !== 'month') return bad('aggregated_by must be day, week or month', 'aggregated_by');
  return { start, end, by };
}

export function readGlobalStats(state: PeerState, query: URLSearchParams, today: string): PeerReply {
  const range = statsRange(query, today);
  if ('status' in range) return range;
  return { status: 200, body: globalStats(state, range.start, range.end, range.by) };
}

export function readCategoryStats(state: PeerState, query: URLSearchParams, today: string): PeerReply {
  const categories = query.getAll('categories').filter((c) => c !== '');
  if (categories.length === 0) return bad('missing required argument', 'categories');
  if (categories.length > 10) return bad('you may include up to 10 different categories', 'categories');
  const range = statsRange(query, today);
  if ('status' in range) return range;
  return { status: 200, body: categoryStats(state, categories, range.start, range.end, range.by) };
}

export function listSuppressions(state: PeerState, kind: SuppressionKind, query: URLSearchParams): PeerReply {
  const limit = query.has('limit') ? Number(query.get('limit')) : 500;
  const offset = query.has('offset') ? Number(query.get('offset')) : 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) return bad('limit must be an integer between 1 and 500', 'limit');
  if (!Number.isInteger(offset) || offset < 0) return bad('offset must be a non-negative integer', 'offset');
  const startTime = query.has('start_time') ? Number(query.get('start_time')) : -Infinity;
  const endTime = query.has('end_time') ? Number(query.get('end_time')) : Infinity;
  // `email` is a prefix match; `%` is a wildcard (EmailPartialMatch in the spec).
  const pattern = query.get('email');
  const matcher = pattern === null ? null : new RegExp(`^${pattern.split('%').map(escapeRegExp).join('.*')}`, 'i');
  const rows = state.suppressions[kind].filter(
    (s) => s.created >= startTime && s.created <= endTime && (matcher === null || matcher.test(s.email)),
  );
  return { status: 200, body: rows.slice(offset, offset + limit) };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function encodeToken(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

function decodeToken(token: string): number | null {
  const match = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString());
  return match ? Number(match[1]) : null;
}
