import type { SendgridEvent, Suppression, SuppressionKind } from '../../core/sendgrid';
import { demoTemplates, type PeerTemplate } from './demo-templates';
import type { Prng } from './prng';
import type { MailSendRequest } from './validate-mail';

/** One accepted POST /v3/mail/send, as the peer keeps it for tests and event emission. */
export interface SentMail {
  xMessageId: string;
  receivedAt: Date;
  /** mail_settings.sandbox_mode.enable: accepted with 200, never delivered. */
  sandbox: boolean;
  body: MailSendRequest;
  recipients: string[];
  /** headers['Message-ID'] from the request, which SendGrid reports back as each event's smtp-id. */
  messageIdHeader: string | null;
  categories: string[];
  customArgs: Record<string, string>;
  /** http(s) links of the mail's HTML (or its template's active version), the ones a recipient can click. */
  links: string[];
}

export interface PeerState {
  templates: PeerTemplate[];
  suppressions: Record<SuppressionKind, Suppression[]>;
  mail: SentMail[];
  /** Every event the peer generated, posted or not: the stats endpoints count them. */
  events: SendgridEvent[];
  /** Seeded per-day figures before the peer started (demo workspace), keyed YYYY-MM-DD. */
  history: Map<string, Partial<Record<string, number>>>;
}

export const SUPPRESSION_KINDS: readonly SuppressionKind[] = ['bounces', 'blocks', 'spam_reports', 'invalid_emails', 'unsubscribes'];

export function emptyState(): PeerState {
  return {
    templates: [],
    suppressions: { bounces: [], blocks: [], spam_reports: [], invalid_emails: [], unsubscribes: [] },
    mail: [],
    events: [],
    history: new Map(),
  };
}

const LEGACY_RECEIPT: PeerTemplate = {
  id: '6f1d3c5a-7b9e-4d2f-8a0c-1e3b5d7f9a2c',
  name: 'Order receipt (legacy)',
  generation: 'legacy',
  updated_at: '2019-06-11 10:30:00',
  versions: [],
};

/**
 * The demo workspace: the four dynamic templates, one legacy template (so `generations=dynamic`
 * visibly filters), a few dozen suppressions and 120 days of sending history.
 */
export function demoState(rng: Prng, now: Date): PeerState {
  const state = emptyState();
  state.templates = [...demoTemplates(), LEGACY_RECEIPT];
  const nowSec = Math.floor(now.getTime() / 1000);
  const day = 86_400;
  const domains = ['example.com', 'example.net', 'example.org', 'mail.example.com'];
  const address = (prefix: string, i: number): string => `${prefix}${i}.${rng.hex(4)}@${rng.pick(domains)}`;
  for (let i = 0; i < 23; i++) {
    state.suppressions.bounces.push({
      created: nowSec - rng.int(90) * day,
      email: address('former', i),
      reason: "550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces.",
      status: '5.1.1',
    });
  }
  for (let i = 0; i < 7; i++) {
    state.suppressions.blocks.push({
      created: nowSec - rng.int(60) * day,
      email: address('blocked', i),
      reason: '550 5.7.1 Message rejected due to local policy',
      status: '5.7.1',
    });
  }
  for (let i = 0; i < 4; i++) {
    state.suppressions.spam_reports.push({ created: nowSec - rng.int(120) * day, email: address('reporter', i), ip: `192.0.2.${10 + i}` });
  }
  for (let i = 0; i < 5; i++) {
    state.suppressions.invalid_emails.push({
      created: nowSec - rng.int(120) * day,
      email: `typo${i}@exmaple.con`,
      reason: 'Mail domain mentioned in email address is unknown',
    });
  }
  for (let i = 0; i < 38; i++) {
    state.suppressions.unsubscribes.push({ created: nowSec - rng.int(120) * day, email: address('optout', i) });
  }
  for (const list of Object.values(state.suppressions)) list.sort((a, b) => b.created - a.created);
  seedHistory(state, rng, now);
  return state;
}

/** About two campaigns a month to ~1,250 subscribers, plus a trickle of transactional mail. */
function seedHistory(state: PeerState, rng: Prng, now: Date): void {
  for (let back = 120; back >= 1; back--) {
    const date = new Date(now.getTime() - back * 86_400_000).toISOString().slice(0, 10);
    const campaignDay = back % 14 === 3;
    const requests = campaignDay ? 1180 + rng.int(90) : 4 + rng.int(9);
    const bounces = Math.round(requests * (0.004 + rng.next() * 0.006));
    const blocks = Math.round(requests * rng.next() * 0.004);
    const delivered = requests - bounces - blocks;
    const uniqueOpens = Math.round(delivered * (0.32 + rng.next() * 0.14));
    const uniqueClicks = Math.round(uniqueOpens * (0.12 + rng.next() * 0.1));
    state.history.set(date, {
      requests,
      processed: requests,
      delivered,
      bounces,
      blocks,
      deferred: Math.round(requests * rng.next() * 0.01),
      unique_opens: uniqueOpens,
      opens: Math.round(uniqueOpens * (1.3 + rng.next() * 0.5)),
      unique_clicks: uniqueClicks,
      clicks: Math.round(uniqueClicks * (1.2 + rng.next() * 0.4)),
      unsubscribes: campaignDay ? 1 + rng.int(6) : 0,
      spam_reports: campaignDay && rng.chance(0.4) ? 1 : 0,
    });
  }
}
