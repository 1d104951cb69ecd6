import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';

/**
 * SendGrid Event Webhook events (docs: "Event Webhook reference"). The webhook POSTs a JSON array;
 * each event carries the fields below plus the sender's custom_args as top-level keys, so objects
 * stay loose and `customArgsOf` recovers those keys.
 */
export const EVENT_TYPES = [
  'processed',
  'dropped',
  'delivered',
  'deferred',
  'bounce',
  'open',
  'click',
  'spamreport',
  'unsubscribe',
  'group_unsubscribe',
  'group_resubscribe',
] as const;
export const SendgridEventType = z.enum(EVENT_TYPES);
export type SendgridEventType = z.infer<typeof SendgridEventType>;

const common = {
  email: z.string().min(1),
  timestamp: z.number().int().nonnegative(),
  sg_event_id: z.string().min(1),
  sg_message_id: z.string().min(1).optional(),
  'smtp-id': z.string().optional(),
  // A single category arrives as a string, several as an array.
  category: z.union([z.string(), z.array(z.string())]).optional(),
  marketing_campaign_id: z.union([z.string(), z.number()]).optional(),
  marketing_campaign_name: z.string().optional(),
  asm_group_id: z.number().int().optional(),
  ip: z.string().optional(),
  useragent: z.string().optional(),
  tls: z.union([z.number(), z.boolean()]).optional(),
};

export const ProcessedEvent = z.looseObject({ ...common, event: z.literal('processed'), send_at: z.number().optional() });
export const DroppedEvent = z.looseObject({ ...common, event: z.literal('dropped'), reason: z.string().optional(), status: z.string().optional() });
export const DeliveredEvent = z.looseObject({ ...common, event: z.literal('delivered'), response: z.string().optional() });
export const DeferredEvent = z.looseObject({
  ...common,
  event: z.literal('deferred'),
  response: z.string().optional(),
  attempt: z.union([z.string(), z.number()]).optional(),
});
export const BounceEvent = z.looseObject({
  ...common,
  event: z.literal('bounce'),
  // "bounce" is a hard bounce, "blocked" a block by the receiving server.
  type: z.enum(['bounce', 'blocked']).default('bounce'),
  reason: z.string().optional(),
  status: z.string().optional(),
  bounce_classification: z.string().optional(),
});
export const OpenEvent = z.looseObject({ ...common, event: z.literal('open'), sg_machine_open: z.boolean().default(false) });
export const ClickEvent = z.looseObject({
  ...common,
  event: z.literal('click'),
  url: z.string(),
  url_offset: z.looseObject({ index: z.number(), type: z.string() }).optional(),
});
export const SpamReportEvent = z.looseObject({ ...common, event: z.literal('spamreport') });
export const UnsubscribeEvent = z.looseObject({ ...common, event: z.literal('unsubscribe') });
export const GroupUnsubscribeEvent = z.looseObject({ ...common, event: z.literal('group_unsubscribe') });
export const GroupResubscribeEvent = z.looseObject({ ...common, event: z.literal('group_resubscribe') });

export const SendgridEvent = z.discriminatedUnion('event', [
  ProcessedEvent,
  DroppedEvent,
  DeliveredEvent,
  DeferredEvent,
  BounceEvent,
  OpenEvent,
  ClickEvent,
  SpamReportEvent,
  UnsubscribeEvent,
  GroupUnsubscribeEvent,
  GroupResubscribeEvent,
]);
export type SendgridEvent = z.infer<typeof SendgridEvent>;
export type SendgridEventOf<T extends SendgridEventType> = Extract<SendgridEvent, { event: T }>;

/** Keys SendGrid itself writes; anything else on an event came from the sender's custom_args. */
const SENDGRID_KEYS = new Set([
  'email', 'timestamp', 'event', 'sg_event_id', 'sg_message_id', 'smtp-id', 'category', 'marketing_campaign_id',
  'marketing_campaign_name', 'marketing_campaign_version', 'marketing_campaign_split_id', 'asm_group_id', 'ip',
  'useragent', 'tls', 'cert_err', 'send_at', 'reason', 'status', 'response', 'attempt', 'type', 'bounce_classification',
  'sg_machine_open', 'url', 'url_offset', 'sg_content_type', 'sg_template_id', 'sg_template_name', 'pool',
  'singlesend_id', 'singlesend_name', 'template_id', 'template_version_id', 'template_name', 'newsletter',
]);

export function customArgsOf(event: SendgridEvent): Record<string, string> {
  const args: Record<string, string> = {};
  for (const [key, value] of Object.entries(event)) {
    if (!SENDGRID_KEYS.has(key) && (typeof value === 'string' || typeof value === 'number')) args[key] = String(value);
  }
  return args;
}

/**
 * The X-Message-Id SendGrid returned at send time is the prefix of every event's sg_message_id
 * ("<x-message-id>.filterdrecv-…"), which ties an event back to a send.
 */
export function xMessageIdOf(event: Pick<SendgridEvent, 'sg_message_id'>): string | null {
  if (!event.sg_message_id) return null;
  return event.sg_message_id.split('.')[0] ?? null;
}

/** Parses a webhook body (a JSON array of events) or an already-parsed value. */
export function parseEventBatch(body: unknown): SendgridEvent[] {
  let value: unknown = body;
  if (typeof body === 'string' || Buffer.isBuffer(body)) {
    try {
      value = JSON.parse(body.toString());
    } catch {
      throw invalid('The event batch is not valid JSON.', {});
    }
  }
  if (!Array.isArray(value)) throw invalid('SendGrid sends events as a JSON array; this body is not one.', {});
  return value.map((item, index) => parseOne(item, { index }));
}

/**
 * Parses a saved event file: either one JSON array (what the webhook posts) or NDJSON (one event,
 * or one batch array, per line — what most relays write). Errors name the line.
 */
export function parseEventFile(text: string): SendgridEvent[] {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') return [];
  if (trimmed.startsWith('[')) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      // Not one array: fall through, NDJSON lines may each be an array.
    }
    if (Array.isArray(value)) return value.map((item, index) => parseOne(item, { index }));
  }
  const events: SendgridEvent[] = [];
  const lines = trimmed.split(/\r?\n/);
  lines.forEach((line, i) => {
    const lineNumber = i + 1;
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw invalid(`Line ${lineNumber} of the event file is not valid JSON.`, { line: lineNumber });
    }
    const items = Array.isArray(value) ? value : [value];
    items.forEach((item, index) => events.push(parseOne(item, Array.isArray(value) ? { line: lineNumber, index } : { line: lineNumber })));
  });
  return events;
}

/**
 * The product spec's webhook example ({ event, email, timestamp, campaign_id, url }) has no
 * sg_event_id, SendGrid's identity of an event: it names its campaign instead of a message. Such an
 * event gets an identity derived from what it says, so a relay that posts it twice is still
 * recognised as a duplicate. An event that names a message (sg_message_id or smtp-id) comes from
 * SendGrid itself, which always sends sg_event_id: without one it is damaged and still refused.
 */
export function withEventId(item: unknown): unknown {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return item;
  const record = item as Record<string, unknown>;
  if ('sg_event_id' in record || 'sg_message_id' in record || 'smtp-id' in record) return item;
  if (typeof record.campaign_id !== 'string' && typeof record.campaign_id !== 'number') return item;
  const identity = ['event', 'email', 'timestamp', 'campaign_id', 'url'].map((key) => record[key] ?? null);
  return { ...record, sg_event_id: `derived_${createHash('sha256').update(JSON.stringify(identity)).digest('base64url').slice(0, 22)}` };
}

function parseOne(item: unknown, where: { line?: number; index?: number }): SendgridEvent {
  const parsed = SendgridEvent.safeParse(withEventId(item));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue ? issue.path.join('.') : '';
  const place = where.line !== undefined ? `Line ${where.line}` : `Event ${(where.index ?? 0) + 1}`;
  const what = path === 'event' ? 'has an unknown or missing event type' : `has an invalid “${path || 'event'}” field`;
  throw invalid(`${place} of the SendGrid events ${what}.`, { ...where, field: path, problem: issue?.message ?? 'invalid' });
}

function invalid(message: string, details: Record<string, unknown>): AppError {
  return new AppError('input.invalid', message, details);
}
