import type { SendgridEvent, SuppressionKind } from '../../core/sendgrid';
import type { Prng } from './prng';
import type { PeerState, SentMail } from './state';

/**
 * Builds the Event Webhook events SendGrid would report for a sent mail: the field set of each
 * event type as SendGrid documents it, custom_args copied to the top level, smtp-id = the
 * Message-ID header the sender gave, sg_message_id = "<X-Message-Id>.filterdrecv-…".
 */
export type Outcome =
  | 'processed' | 'delivered' | 'deferred' | 'bounce' | 'blocked' | 'dropped' | 'open' | 'machine_open' | 'click'
  | 'spamreport' | 'unsubscribe' | 'group_unsubscribe' | 'group_resubscribe';

const HUMAN_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
];
// Apple Mail Privacy Protection prefetches images from Apple's proxies with this agent.
const MACHINE_AGENT = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)';

export interface EventContext {
  rng: Prng;
  nowSec: number;
}

/** Per recipient of a send, a stable sg_message_id: SendGrid's "<X-Message-Id>.filterdrecv-…" form. */
export function sgMessageIdFor(mail: SentMail, recipientIndex: number): string {
  const sentAtHex = Math.floor(mail.receivedAt.getTime() / 1000).toString(16).toUpperCase();
  return `${mail.xMessageId}.filterdrecv-5bd8b5d9c6-peer-1-${sentAtHex}-${recipientIndex}.0`;
}

export function buildEvent(mail: SentMail, email: string, outcome: Outcome, ctx: EventContext, at: number, url?: string): SendgridEvent {
  const index = Math.max(0, mail.recipients.indexOf(email));
  const base: Record<string, unknown> = {
    email,
    timestamp: at,
    sg_event_id: ctx.rng.token(22),
    sg_message_id: sgMessageIdFor(mail, index),
    'smtp-id': mail.messageIdHeader ?? `<${mail.xMessageId}@ismtpd0001p1iad2.sendgrid.net>`,
    ...mail.customArgs,
  };
  if (mail.categories.length === 1) base['category'] = mail.categories[0];
  else if (mail.categories.length > 1) base['category'] = mail.categories;
  if (mail.body.asm) base['asm_group_id'] = mail.body.asm.group_id;
  const ip = `198.51.100.${10 + ctx.rng.int(200)}`;
  switch (outcome) {
    case 'processed':
      return { ...base, event: 'processed', send_at: 0 } as SendgridEvent;
    case 'delivered':
      return { ...base, event: 'delivered', response: '250 2.0.0 OK  1711382400 d9443c01a7336-1e0c0f0d2csi1234567pla.123 - gsmtp', ip: '149.72.123.24', tls: 1 } as SendgridEvent;
    case 'deferred':
      return { ...base, event: 'deferred', response: '421 4.7.0 Try again later, closing connection.', attempt: '1', ip: '149.72.123.24', tls: 1 } as SendgridEvent;
    case 'bounce':
      return {
        ...base, event: 'bounce', type: 'bounce', status: '5.1.1', bounce_classification: 'Invalid Address', ip: '149.72.123.24', tls: 1,
        reason: "550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces.",
      } as SendgridEvent;
    case 'blocked':
      return {
        ...base, event: 'bounce', type: 'blocked', status: '5.7.1', bounce_classification: 'Reputation', ip: '149.72.123.24', tls: 1,
        reason: '550 5.7.1 Service unavailable, Client host [149.72.123.24] blocked using Spamhaus.',
      } as SendgridEvent;
    case 'dropped':
      return { ...base, event: 'dropped', reason: 'Bounced Address', status: '5.0.0' } as SendgridEvent;
    case 'open':
      return { ...base, event: 'open', sg_machine_open: false, useragent: ctx.rng.pick(HUMAN_AGENTS), ip } as SendgridEvent;
    case 'machine_open':
      return { ...base, event: 'open', sg_machine_open: true, useragent: MACHINE_AGENT, ip: '17.58.63.5' } as SendgridEvent;
    case 'click': {
      const target = url ?? mail.links[0] ?? 'https://example.com/';
      return {
        ...base, event: 'click', url: target, url_offset: { index: Math.max(0, mail.links.indexOf(target)), type: 'html' },
        useragent: ctx.rng.pick(HUMAN_AGENTS), ip,
      } as SendgridEvent;
    }
    case 'spamreport':
      return { ...base, event: 'spamreport' } as SendgridEvent;
    case 'unsubscribe':
      return { ...base, event: 'unsubscribe' } as SendgridEvent;
    case 'group_unsubscribe':
    case 'group_resubscribe':
      return { ...base, event: outcome, useragent: ctx.rng.pick(HUMAN_AGENTS), ip, asm_group_id: mail.body.asm?.group_id ?? 1 } as SendgridEvent;
  }
}

const DROP_REASONS: Partial<Record<SuppressionKind, string>> = {
  bounces: 'Bounced Address',
  spam_reports: 'Spam Reporting Address',
  unsubscribes: 'Unsubscribed Address',
  invalid_emails: 'Invalid',
};

/**
 * The life of one recipient's copy, drawn from the seeded PRNG: mostly delivered, some hard
 * bounces and blocks, opens (some by machines), clicks on the mail's own links, a few
 * unsubscribes and spam reports. Suppressed addresses are dropped, as SendGrid does.
 */
export function simulateRecipient(state: PeerState, mail: SentMail, email: string, ctx: EventContext): SendgridEvent[] {
  const { rng } = ctx;
  let t = ctx.nowSec;
  const later = (min: number, spread: number): number => (t += min + rng.int(spread));
  const events: SendgridEvent[] = [buildEvent(mail, email, 'processed', ctx, t)];
  const lower = email.toLowerCase();
  for (const [kind, reason] of Object.entries(DROP_REASONS) as [SuppressionKind, string][]) {
    if (state.suppressions[kind].some((s) => s.email.toLowerCase() === lower)) {
      return [...events, { ...buildEvent(mail, email, 'dropped', ctx, later(0, 2)), reason } as SendgridEvent];
    }
  }
  if (rng.chance(0.03)) events.push(buildEvent(mail, email, 'deferred', ctx, later(5, 60)));
  const fate = rng.next();
  if (fate < 0.015) return [...events, buildEvent(mail, email, 'bounce', ctx, later(1, 20))];
  if (fate < 0.02) return [...events, buildEvent(mail, email, 'blocked', ctx, later(1, 20))];
  events.push(buildEvent(mail, email, 'delivered', ctx, later(1, 30)));
  if (rng.chance(0.06)) events.push(buildEvent(mail, email, 'machine_open', ctx, later(2, 60)));
  if (!rng.chance(0.45)) return events;
  events.push(buildEvent(mail, email, 'open', ctx, later(60, 7200)));
  if (rng.chance(0.25)) events.push(buildEvent(mail, email, 'open', ctx, later(300, 86_400)));
  if (mail.links.length > 0 && rng.chance(0.3)) events.push(buildEvent(mail, email, 'click', ctx, later(5, 600), rng.pick(mail.links)));
  const leave = rng.next();
  if (leave < 0.015) events.push(buildEvent(mail, email, mail.body.asm ? 'group_unsubscribe' : 'unsubscribe', ctx, later(10, 600)));
  else if (leave < 0.02) events.push(buildEvent(mail, email, 'spamreport', ctx, later(10, 600)));
  return events;
}

/** What SendGrid itself does with an event: bounces, blocks, spam reports and unsubscribes become suppressions. */
export function recordSuppression(state: PeerState, event: SendgridEvent): void {
  const add = (kind: SuppressionKind, extra: { reason?: string; status?: string; ip?: string }): void => {
    const list = state.suppressions[kind];
    if (list.some((s) => s.email.toLowerCase() === event.email.toLowerCase())) return;
    list.unshift({ created: event.timestamp, email: event.email, ...extra });
  };
  if (event.event === 'bounce') {
    add(event.type === 'blocked' ? 'blocks' : 'bounces', { reason: event.reason ?? '', status: event.status ?? '' });
  } else if (event.event === 'spamreport') {
    add('spam_reports', { ip: '149.72.123.24' });
  } else if (event.event === 'unsubscribe') {
    add('unsubscribes', {});
  }
}
