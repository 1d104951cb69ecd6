import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { countingClient, parseRecords } from '../../../src/main/core/odoo';
import { createExtensions, type StatsSummary } from '../../../src/main/core/extensions';
import { createMemorySecretStore } from '../../../src/main/core/secrets';
import type { SendgridEvent } from '../../../src/main/core/sendgrid';
import { DEMO_STORE } from '../../../src/main/sandbox/odoo';
import { NOW, odooPeerAndClient, tempDir } from './helpers';

const TraceRow = z.object({
  id: z.number(),
  message_id: z.string(),
  email: z.string(),
  res_id: z.number(),
  mass_mailing_id: z.tuple([z.number(), z.string()]),
  trace_status: z.string(),
  open_datetime: z.union([z.string(), z.literal(false)]),
  links_click_datetime: z.union([z.string(), z.literal(false)]),
  sent_datetime: z.union([z.string(), z.literal(false)]),
  failure_reason: z.union([z.string(), z.literal(false)]),
});
type TraceRow = z.infer<typeof TraceRow>;
const TRACE_FIELDS = ['message_id', 'email', 'res_id', 'mass_mailing_id', 'trace_status', 'open_datetime', 'links_click_datetime', 'sent_datetime', 'failure_reason'];
const NOW_SEC = Math.floor(NOW.getTime() / 1000);

describe('markket:sendgrid:stats against the Odoo peer', () => {
  let env: Awaited<ReturnType<typeof odooPeerAndClient>>;
  let counting: ReturnType<typeof countingClient>;
  let folder: Awaited<ReturnType<typeof tempDir>>;
  let extensions: ReturnType<typeof createExtensions>;
  let pool: TraceRow[];
  let nextEvent = 0;

  beforeAll(async () => {
    env = await odooPeerAndClient({ contactCount: 1250 });
    counting = countingClient(env.odoo);
    folder = await tempDir('stats');
    extensions = createExtensions({
      dir: folder.dir,
      secrets: createMemorySecretStore(),
      defaultOdoo: () => ({ client: counting.client, credentials: { source: 'default', url: env.odoo.settings.url, database: env.odoo.settings.database } }),
      sendgrid: () => undefined,
      now: () => NOW,
    });
    await extensions.registry.add(DEMO_STORE.id, { key: 'markket:sendgrid:stats', config: {} });
    pool = parseRecords(TraceRow, await env.odoo.searchRead('mailing.trace', [['trace_status', '=', 'sent'], ['message_id', '!=', false], ['res_id', '!=', false]], TRACE_FIELDS, { order: 'id asc' }), 'mailing.trace');
  });
  afterAll(async () => {
    await env.close();
    await folder.remove();
  });

  /** A fresh trace no other test touched. */
  function take(): TraceRow {
    const trace = pool.shift();
    if (!trace) throw new Error('out of traces');
    return trace;
  }
  function event(kind: string, trace: Pick<TraceRow, 'message_id' | 'email'>, extra: Record<string, unknown> = {}): SendgridEvent {
    nextEvent += 1;
    return { event: kind, email: trace.email, timestamp: NOW_SEC - 60 + (nextEvent % 50), sg_event_id: `evt_${nextEvent}`, 'smtp-id': trace.message_id, ...(kind === 'click' ? { url: 'https://shop.example/x' } : {}), ...extra } as SendgridEvent;
  }
  async function deliver(events: SendgridEvent[]): Promise<StatsSummary> {
    const [outcome] = await extensions.runner.dispatchTrigger(DEMO_STORE.id, 'trigger:sendgrid_webhook', events);
    expect(outcome?.success).toBe(true);
    return outcome!.meta['last_batch'] as StatsSummary;
  }
  async function reread(trace: TraceRow): Promise<TraceRow> {
    return parseRecords(TraceRow, await env.odoo.read('mailing.trace', [trace.id], TRACE_FIELDS), 'mailing.trace')[0]!;
  }
  async function optedOut(trace: TraceRow): Promise<boolean> {
    const [mailing] = parseRecords(z.object({ contact_list_ids: z.array(z.number()) }), await env.odoo.read('mailing.mailing', [trace.mass_mailing_id[0]], ['contact_list_ids']), 'mailing.mailing');
    const subs = parseRecords(z.object({ opt_out: z.boolean() }), await env.odoo.searchRead('mailing.subscription', [['contact_id', '=', trace.res_id], ['list_id', 'in', mailing!.contact_list_ids]], ['opt_out']), 'mailing.subscription');
    return subs.length > 0 && subs.every((s) => s.opt_out);
  }

  it('marks a queued trace sent when SendGrid reports it delivered', async () => {
    const trace = take();
    await env.odoo.write('mailing.trace', [trace.id], { trace_status: 'outgoing', sent_datetime: false });
    const summary = await deliver([event('delivered', trace)]);
    expect(summary.delivered).toBe(1);
    const after = await reread(trace);
    expect(after.trace_status).toBe('sent');
    expect(after.sent_datetime).not.toBe(false);
  });

  it('records a human open with its time', async () => {
    const trace = take();
    await deliver([event('open', trace)]);
    const after = await reread(trace);
    expect(after.trace_status).toBe('open');
    expect(after.open_datetime).toMatch(/^2025-04-01 11:5\d:\d\d$/);
  });

  it('records a click as a click and an open', async () => {
    const trace = take();
    const summary = await deliver([event('click', trace)]);
    expect(summary.clicks).toBe(1);
    const after = await reread(trace);
    expect(after).toMatchObject({ trace_status: 'open' });
    expect(after.links_click_datetime).not.toBe(false);
    expect(after.open_datetime).not.toBe(false);
  });

  it('keeps the open time of an open followed by a click on the same trace in one batch', async () => {
    const trace = take();
    const open = { ...event('open', trace), timestamp: NOW_SEC - 600 };
    const click = { ...event('click', trace), timestamp: NOW_SEC - 60 };
    await deliver([open, click]);
    const after = await reread(trace);
    // 2025-04-01 12:00:00 UTC is NOW: the open came ten minutes before, the click one minute before.
    expect({ opened: after.open_datetime, clicked: after.links_click_datetime }).toEqual({ opened: '2025-04-01 11:50:00', clicked: '2025-04-01 11:59:00' });
  });

  it('counts machine opens apart and does not mark the trace opened', async () => {
    const trace = take();
    const summary = await deliver([event('open', trace, { sg_machine_open: true })]);
    expect(summary).toMatchObject({ machine_opens: 1, opens: 0 });
    expect((await reread(trace)).trace_status).toBe('sent');
  });

  it.each([
    ['bounce', { type: 'bounce', reason: '550 5.1.1 no such user' }, 'Hard bounce: 550 5.1.1 no such user', 'hard'],
    ['bounce', { type: 'blocked', reason: '554 blocked by policy' }, 'Blocked: 554 blocked by policy', 'block'],
    ['dropped', { reason: 'Bounced Address' }, 'Dropped: Bounced Address', 'dropped'],
  ] as const)('records a %s (%o) as a bounce with its reason', async (kind, extra, reason, counter) => {
    const trace = take();
    const summary = await deliver([event(kind, trace, extra)]);
    expect(summary.bounces[counter]).toBe(1);
    expect(await reread(trace)).toMatchObject({ trace_status: 'bounce', failure_reason: reason });
  });

  it('opts the contact out of the mailing’s list on an unsubscribe', async () => {
    const trace = take();
    const summary = await deliver([event('unsubscribe', trace)]);
    expect(summary.unsubscribes).toBe(1);
    expect(await optedOut(trace)).toBe(true);
  });

  it('opts each contact out of its own mailing’s lists only, when one batch carries unsubscribes from two lists', async () => {
    const a = take();
    const b = take();
    const secondList = await env.odoo.create('mailing.list', { name: 'VIP evenings' });
    await env.odoo.write('mailing.contact', [a.res_id, b.res_id], { list_ids: [[4, secondList]] });
    const [storeList] = parseRecords(z.object({ contact_list_ids: z.array(z.number()) }), await env.odoo.read('mailing.mailing', [a.mass_mailing_id[0]], ['contact_list_ids']), 'mailing.mailing');
    const vipMailing = await env.odoo.create('mailing.mailing', { subject: 'VIP evening', contact_list_ids: [[6, 0, [secondList]]] });
    const bOnVip = { message_id: '<vip-evening-b@markket.test>', email: b.email };
    await env.odoo.create('mailing.trace', { mass_mailing_id: vipMailing, model: 'mailing.contact', res_id: b.res_id, email: b.email, message_id: bOnVip.message_id, trace_status: 'sent' });

    await deliver([event('unsubscribe', a), event('unsubscribe', bOnVip)]);

    const Sub = z.object({ contact_id: z.tuple([z.number(), z.string()]), list_id: z.tuple([z.number(), z.string()]), opt_out: z.boolean() });
    const subs = parseRecords(Sub, await env.odoo.searchRead('mailing.subscription', [['contact_id', 'in', [a.res_id, b.res_id]], ['list_id', 'in', [secondList, ...storeList!.contact_list_ids]]], ['contact_id', 'list_id', 'opt_out']), 'mailing.subscription');
    const optOut = (contact: number, list: number) => subs.find((x) => x.contact_id[0] === contact && x.list_id[0] === list)?.opt_out;
    const storeListId = storeList!.contact_list_ids[0]!;
    expect({ aStore: optOut(a.res_id, storeListId), aVip: optOut(a.res_id, secondList), bStore: optOut(b.res_id, storeListId), bVip: optOut(b.res_id, secondList) }).toEqual({ aStore: true, aVip: false, bStore: false, bVip: true });
  });

  it('puts the address of a spam report on the blacklist and opts it out', async () => {
    const trace = take();
    await deliver([event('spamreport', trace)]);
    const entries = await env.odoo.searchRead('mail.blacklist', [['email', '=', trace.email.toLowerCase()]], ['active']);
    expect(entries).toEqual([expect.objectContaining({ active: true })]);
    expect(await optedOut(trace)).toBe(true);
  });

  it('ignores events it already applied (SendGrid retries a batch) without writing to Odoo', async () => {
    const trace = take();
    const batch = [event('open', trace), event('click', trace)];
    await deliver(batch);
    counting.reset();
    const again = await deliver(batch);
    expect(again).toMatchObject({ received: 2, duplicates: 2, traces_updated: 0 });
    expect(counting.calls().filter((c) => c.method !== 'search_read')).toEqual([]);
  });

  it('counts events whose message id Odoo does not know and still applies the rest', async () => {
    const trace = take();
    const summary = await deliver([event('open', { message_id: '<unknown-1@elsewhere>', email: 'x@example.com' }), event('open', trace), event('delivered', { message_id: '', email: 'y@example.com' })]);
    expect(summary).toMatchObject({ unknown_message_ids: 2, traces_updated: 1 });
    expect((await reread(trace)).trace_status).toBe('open');
  });

  it('applies a batch of 10,000 events with a small fixed number of Odoo calls', async () => {
    const traces = pool.splice(0, 2500);
    const mailings = new Set(traces.map((t) => t.mass_mailing_id[0]));
    const events = traces.flatMap((t, i) => [event('delivered', t), event('open', t), event(i % 2 ? 'click' : 'open', t), event(i % 97 === 0 ? 'unsubscribe' : 'open', t, { sg_machine_open: i % 3 === 0 })]);
    expect(events).toHaveLength(10_000);
    counting.reset();
    const summary = await deliver(events);
    expect(summary.received).toBe(10_000);
    // One trace search, one write per mailing, and the opt-outs: read mailings, search, write.
    expect(counting.count()).toBe(1 + mailings.size + 3);
    // The oldest campaigns hold these traces; they went to the smaller list of a year ago, so 2,500
    // traces span seven of them: still a handful of calls, not one per trace.
    expect(mailings.size).toBeLessThanOrEqual(8);
  });
});
