import { z } from 'zod';
import type { StatsConfig } from '../../../../shared/schemas/extension';
import type { OdooClient } from '../../odoo';
import { odooDatetime, parseRecords, subscriptionModel, toOdooDatetime } from '../../odoo';
import type { SendgridEvent } from '../../sendgrid/events';
import { boundBook, emptyEngagement, EngagementBook, type CampaignEngagement } from '../../marketing/engagement';
import type { ExtensionHandler } from '../types';
import { blacklistAddresses } from '../../suppressions/blacklist';
import type { EventLedger } from './event-ledger';
import { attributeEvents, type Trace } from './stats-attribution';

/**
 * markket:sendgrid:stats — a batch of SendGrid events written onto Odoo's mailing.trace rows.
 *
 * Cost is fixed per batch, not per event: one search for every message id in the batch, one read of
 * the mailings involved, and the trace updates written through each mailing's `mailing_trace_ids`
 * one2many with (1, id, values) commands — Odoo has no multi-record write with per-record values,
 * but a parent write carries one per trace (mailing_trace_ids is writable: odoo18-wire/023). Opt-outs
 * and blacklist entries are each one search plus one grouped write/create.
 */

/** Statuses a later event may move a trace out of; an opened or replied trace is never set back. */
const BEFORE_DELIVERY = new Set(['outgoing', 'process', 'pending']);
const ENGAGED = new Set(['open', 'reply']);

export interface StatsSummary {
  received: number;
  duplicates: number;
  unknown_message_ids: number;
  delivered: number;
  opens: number;
  machine_opens: number;
  clicks: number;
  bounces: { hard: number; block: number; dropped: number };
  unsubscribes: number;
  spam_reports: number;
  traces_updated: number;
  /** Opens or clicks the extension is configured not to track (track_opens / track_clicks false). */
  ignored: number;
  /** store_in_odoo false: the figures were counted here and not written to Odoo's traces. */
  kept_local: boolean;
}

function emptySummary(received: number): StatsSummary {
  return { received, duplicates: 0, unknown_message_ids: 0, delivered: 0, opens: 0, machine_opens: 0, clicks: 0, bounces: { hard: 0, block: 0, dropped: 0 }, unsubscribes: 0, spam_reports: 0, traces_updated: 0, ignored: 0, kept_local: false };
}

const eventTime = (event: SendgridEvent) => new Date(event.timestamp * 1000);

function earlier(current: string | false, candidate: Date): string | undefined {
  const existing = current ? odooDatetime(current) : null;
  return existing && existing <= candidate ? undefined : toOdooDatetime(candidate);
}

/** Folds the events of one trace into the values to write, counting what happened. */
function planTrace(trace: Trace, events: SendgridEvent[], summary: StatsSummary, config: z.infer<typeof StatsConfig>) {
  const values: Record<string, unknown> = {};
  // Compared against what this batch is about to write, not only what Odoo holds: an open and then a
  // click in one batch must keep the open's time (issue 13, item 14).
  const about = (field: 'open_datetime' | 'links_click_datetime'): string | false => (values[field] as string | undefined) ?? trace[field];
  let status = trace.trace_status;
  const setStatus = (next: string) => {
    if (next !== status) {
      status = next;
      values.trace_status = next;
    }
  };
  for (const event of [...events].sort((a, b) => a.timestamp - b.timestamp)) {
    const at = eventTime(event);
    switch (event.event) {
      case 'delivered': {
        summary.delivered += 1;
        if (BEFORE_DELIVERY.has(status)) setStatus('sent');
        const sent = earlier(trace.sent_datetime, at);
        if (sent && !trace.sent_datetime) values.sent_datetime = sent;
        break;
      }
      case 'open': {
        if (event.sg_machine_open) {
          summary.machine_opens += 1;
          if (!config.count_machine_opens) break;
        } else summary.opens += 1;
        if (status !== 'reply' && status !== 'bounce') setStatus('open');
        const opened = earlier(about('open_datetime'), at);
        if (opened) values.open_datetime = opened;
        break;
      }
      case 'click': {
        summary.clicks += 1;
        // A click proves an open even when the pixel was blocked (odoo18-wire/122).
        if (status !== 'reply' && status !== 'bounce') setStatus('open');
        const opened = earlier(about('open_datetime'), at);
        if (opened) values.open_datetime = opened;
        const clicked = earlier(about('links_click_datetime'), at);
        if (clicked) values.links_click_datetime = clicked;
        break;
      }
      case 'bounce':
      case 'dropped': {
        const kind = event.event === 'dropped' ? 'dropped' : event.type === 'blocked' ? 'block' : 'hard';
        summary.bounces[kind] += 1;
        if (ENGAGED.has(status)) break;
        setStatus('bounce');
        values.failure_type = 'mail_bounce';
        const reason = event.reason ?? ('status' in event && event.status ? String(event.status) : 'no reason given');
        values.failure_reason = `${kind === 'hard' ? 'Hard bounce' : kind === 'block' ? 'Blocked' : 'Dropped'}: ${reason}`.slice(0, 500);
        break;
      }
      default:
        break;
    }
  }
  return values;
}

/** Counts one event into its campaign's engagement (totals; first opens and clicks are counted per trace). */
function countEngagement(entry: CampaignEngagement, event: SendgridEvent): void {
  switch (event.event) {
    case 'delivered':
      entry.delivered += 1;
      break;
    case 'open':
      if (event.sg_machine_open) entry.machine_opens += 1;
      else entry.opens += 1;
      break;
    case 'click':
      entry.clicks += 1;
      entry.urls[event.url] = (entry.urls[event.url] ?? 0) + 1;
      break;
    case 'bounce':
      if (event.type === 'blocked') entry.bounces.block += 1;
      else entry.bounces.hard += 1;
      break;
    case 'dropped':
      entry.bounces.dropped += 1;
      break;
    case 'unsubscribe':
    case 'group_unsubscribe':
      entry.unsubscribes += 1;
      break;
    case 'spamreport':
      entry.spam_reports += 1;
      break;
    default:
      break;
  }
}

export function createStatsHandler(deps: { ledger: EventLedger }): ExtensionHandler<z.infer<typeof StatsConfig>, SendgridEvent[]> {
  return async ({ entity: events, config, context, extension }) => {
    const odoo = context.odoo;
    const summary = emptySummary(events.length);

    // SendGrid retries deliver the same event again: sg_event_id is its identity.
    const seenInBatch = new Set<string>();
    const unique = events.filter((e) => (seenInBatch.has(e.sg_event_id) ? false : (seenInBatch.add(e.sg_event_id), true)));
    // Keyed per extension: another store's stats extension applying the same batch is not a duplicate.
    const ledgerKey = (e: SendgridEvent) => `${extension.id}:${e.sg_event_id}`;
    const fresh = new Set(await deps.ledger.filterNew(unique.map(ledgerKey)));
    const todo = unique.filter((e) => fresh.has(ledgerKey(e)));
    summary.duplicates = events.length - todo.length;

    // The spec's track_opens / track_clicks: an event type the store does not track is dropped here,
    // before it counts anywhere (it is still remembered, so a retry does not bring it back).
    const tracked = todo.filter((e) => (e.event !== 'open' || config.track_opens) && (e.event !== 'click' || config.track_clicks));
    summary.ignored = todo.length - tracked.length;
    const attribution = await attributeEvents(odoo, extension.storeId, tracked);
    summary.unknown_message_ids = attribution.unmatched;

    // Runs of one extension take turns from its stored record (runner.ts), so its meta is current.
    // Counted into a copy: a batch that fails midway must not leave counts its retry adds again.
    const book = EngagementBook.parse(structuredClone(extension.meta['engagement'] ?? {}));
    const stamp = context.now().toISOString();
    const engagementOf = (campaignId: string): CampaignEngagement => {
      const entry = (book[campaignId] ??= emptyEngagement());
      entry.updated_at = stamp;
      return entry;
    };
    for (const event of tracked) {
      const campaignId = attribution.campaignOf(event);
      if (campaignId) countEngagement(engagementOf(campaignId), event);
    }

    // Trace updates, grouped by mailing: one write per mailing, whatever the number of events.
    const commandsByMailing = new Map<number, unknown[]>();
    const unsubscribed: Trace[] = [];
    const spamEmails = new Set<string>();
    for (const { trace, events: evs } of attribution.byTrace.values()) {
      const values = planTrace(trace, evs, summary, config);
      // A first open or click on this trace is one more recipient who opened or clicked.
      const campaignId = evs.map((e) => attribution.campaignOf(e)).find((id) => id !== null);
      if (campaignId) {
        if (!trace.open_datetime && values.open_datetime) engagementOf(campaignId).unique_opens += 1;
        if (!trace.links_click_datetime && values.links_click_datetime) engagementOf(campaignId).unique_clicks += 1;
      }
      for (const e of evs) {
        if (e.event === 'unsubscribe' || e.event === 'group_unsubscribe') {
          summary.unsubscribes += 1;
          unsubscribed.push(trace);
        } else if (e.event === 'spamreport') {
          summary.spam_reports += 1;
          spamEmails.add(e.email.trim().toLowerCase());
          unsubscribed.push(trace);
        }
      }
      if (Object.keys(values).length > 0 && trace.mass_mailing_id && config.store_in_odoo) {
        const mailingId = trace.mass_mailing_id[0];
        commandsByMailing.set(mailingId, [...(commandsByMailing.get(mailingId) ?? []), [1, trace.id, values]]);
        summary.traces_updated += 1;
      }
    }
    // store_in_odoo false keeps the figures in this extension's meta (the engagement book the
    // campaign views read) and writes no trace.
    summary.kept_local = !config.store_in_odoo;
    for (const [mailingId, commands] of commandsByMailing) {
      await odoo.write('mailing.mailing', [mailingId], { mailing_trace_ids: commands });
    }

    // Unsubscribes and spam reports are the recipient's wish, not figures: Odoo honours them whatever store_in_odoo says.
    await optOut(odoo, unsubscribed);
    // Spam reports go on Odoo's blacklist so no mailing reaches the address again; archived entries are revived.
    if (config.blacklist_spam_reports) await blacklistAddresses(odoo, [...spamEmails]);

    await deps.ledger.remember(todo.map(ledgerKey));
    // Shown to the store owner in Settings → Extensions: their words, not Odoo's model names (issue 16).
    const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
    const parts = [`${plural(summary.received, 'SendGrid event', 'SendGrid events')} received`, `${plural(summary.traces_updated, 'recipient', 'recipients')} updated in Odoo`];
    if (summary.duplicates) parts.push(`${plural(summary.duplicates, 'repeat', 'repeats')} ignored`);
    if (summary.unknown_message_ids) parts.push(`${plural(summary.unknown_message_ids, 'event', 'events')} for emails Odoo did not send`);
    const bounded = boundBook(book);
    return { success: true, meta: { last_batch: summary, engagement: bounded }, summary: parts.join(', ') };
  };
}

/**
 * Unsubscribes (and spam reports) opt each contact out of the lists of the mailing it came from,
 * and of no other list: one read of the mailings, one search of the subscriptions, one write.
 */
async function optOut(odoo: OdooClient, traces: Trace[]) {
  const mailingIds = [...new Set(traces.flatMap((t) => (t.mass_mailing_id ? [t.mass_mailing_id[0]] : [])))];
  if (mailingIds.length === 0) return;
  const mailings = parseRecords(z.object({ id: z.number(), contact_list_ids: z.array(z.number()) }), await odoo.read('mailing.mailing', mailingIds, ['contact_list_ids']), 'mailing.mailing');
  const listsOf = new Map(mailings.map((m) => [m.id, m.contact_list_ids]));
  const wanted = new Set(
    traces.flatMap((t) => (typeof t.res_id === 'number' && t.mass_mailing_id ? (listsOf.get(t.mass_mailing_id[0]) ?? []).map((list) => `${t.res_id}:${list}`) : [])),
  );
  if (wanted.size === 0) return;
  const contactIds = [...new Set([...wanted].map((pair) => Number(pair.split(':')[0])))];
  const listIds = [...new Set([...wanted].map((pair) => Number(pair.split(':')[1])))];
  const { major } = await odoo.version();
  const model = subscriptionModel(major);
  const Subscription = z.object({ id: z.number(), contact_id: z.tuple([z.number(), z.string()]), list_id: z.tuple([z.number(), z.string()]) });
  const candidates = parseRecords(Subscription, await odoo.searchRead(model, [['contact_id', 'in', contactIds], ['list_id', 'in', listIds], ['opt_out', '=', false]], ['contact_id', 'list_id']), model);
  const subscriptions = candidates.filter((s) => wanted.has(`${s.contact_id[0]}:${s.list_id[0]}`)).map((s) => s.id);
  if (subscriptions.length > 0) await odoo.write(model, subscriptions, { opt_out: true });
}
