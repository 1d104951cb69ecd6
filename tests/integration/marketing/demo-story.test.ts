import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEMO_STORE, startMarketingWorld, type MarketingWorld } from './harness';

/**
 * The demo store reads like a real year of a newsletter: people joined over time and were sent
 * only what went out while they were on the list; those who left did so through a campaign's
 * unsubscribe link, as Odoo records it, and that campaign counts them; a few addresses bounce,
 * with the receiving server's reason.
 */
const storeId = DEMO_STORE.id;
const Many2one = z.union([z.tuple([z.number(), z.string()]), z.number()]).transform((v) => (Array.isArray(v) ? v[0] : v));
const Subscription = z.object({ contact_id: Many2one, create_date: z.string(), opt_out: z.boolean(), opt_out_datetime: z.union([z.string(), z.literal(false)]) });
const Trace = z.object({ res_id: z.number(), mass_mailing_id: Many2one, sent_datetime: z.string(), trace_status: z.string(), failure_reason: z.union([z.string(), z.literal(false)]) });

let world: MarketingWorld;
beforeAll(async () => {
  world = await startMarketingWorld();
});
afterAll(() => world.close());

async function storeTraces(): Promise<z.infer<typeof Trace>[]> {
  const rows = await world.odoo.searchRead('mailing.trace', [['mass_mailing_id.contact_list_ids', 'in', [world.storeListId]]], ['res_id', 'mass_mailing_id', 'sent_datetime', 'trace_status', 'failure_reason']);
  return z.array(Trace).parse(rows);
}

describe('the demo store’s year', () => {
  it('sends each campaign only to the people on the list when it went out', async () => {
    const subscriptions = z.array(Subscription).parse(await world.odoo.searchRead('mailing.subscription', [['list_id', '=', world.storeListId]], ['contact_id', 'create_date', 'opt_out', 'opt_out_datetime']));
    const byContact = new Map(subscriptions.map((s) => [s.contact_id, s]));
    const traces = await storeTraces();
    const early = traces.filter((t) => t.sent_datetime < (byContact.get(t.res_id)?.create_date ?? ''));
    const afterLeaving = traces.filter((t) => { const s = byContact.get(t.res_id); return s?.opt_out === true && s.opt_out_datetime !== false && t.sent_datetime > s.opt_out_datetime; });
    expect({ early: early.length, afterLeaving: afterLeaving.length }).toEqual({ early: 0, afterLeaving: 0 });
    // Someone who joined last month got a month of campaigns, not the whole year's.
    const received = new Map<number, number>();
    for (const t of traces) received.set(t.res_id, (received.get(t.res_id) ?? 0) + 1);
    const campaigns = new Set(traces.map((t) => t.mass_mailing_id)).size;
    expect(campaigns).toBe(45);
    expect([...received.values()].filter((n) => n < campaigns / 2).length).toBeGreaterThan(100);
  });

  it('has its opt-outs made through the campaigns’ unsubscribe links, and each campaign counts its own', async () => {
    const optedOut = await world.odoo.searchCount('mailing.subscription', [['list_id', '=', world.storeListId], ['opt_out', '=', true]]);
    // Odoo's link runs as the public user, a share user; an opt-out made in the back office is not.
    const throughLinks = await world.odoo.searchCount('mailing.subscription', [['list_id', '=', world.storeListId], ['opt_out', '=', true], ['write_uid.share', '=', true]]);
    expect(throughLinks).toBeGreaterThan(optedOut * 0.8);
    const sent = await world.run('marketing.campaigns.list', { storeId, status: 'sent', limit: 100, offset: 0 });
    const details = await Promise.all(sent.campaigns.map((c) => world.run('marketing.campaigns.get', { storeId, campaignId: c.campaign_id })));
    const counted = details.map((d) => d.stats.unsubscribed);
    expect(counted.reduce((sum, n) => sum + n, 0)).toBe(throughLinks);
    expect(counted.filter((n) => n > 0).length).toBeGreaterThan(5);

    // Many who left through a link said why on the unsubscribe page (Odoo's /mailing/feedback); the
    // campaign lists each reason with how many gave it, and those who gave none, adding up to its count.
    for (const d of details) expect((d.unsubscribe_reasons ?? []).reduce((sum, r) => sum + r.count, 0)).toBe(d.stats.unsubscribed);
    const given = new Map<string | null, number>();
    for (const r of details.flatMap((d) => d.unsubscribe_reasons ?? [])) given.set(r.reason, (given.get(r.reason) ?? 0) + r.count);
    expect([...given.keys()].sort()).toEqual(['I never subscribed to this list', 'I receive too many emails from this list', 'Other', 'The content of these emails is not relevant to me', null].sort());
    const withReason = throughLinks - (given.get(null) ?? 0);
    // Two in three pick one in the seed's draw; a few dozen leavers make that anywhere from a third to most.
    expect(withReason / throughLinks).toBeGreaterThan(0.35);
    expect(withReason / throughLinks).toBeLessThan(0.85);
    // The store's user unticking a box in Odoo's back office gives no reason.
    expect(await world.odoo.searchCount('mailing.subscription', [['list_id', '=', world.storeListId], ['opt_out_reason_id', '!=', false], ['write_uid.share', '=', false]])).toBe(0);
  });

  it('has a few addresses that bounce, each bounce with the server’s reason and counted on the contact', async () => {
    const bounces = (await storeTraces()).filter((t) => t.trace_status === 'bounce');
    expect(bounces.length).toBeGreaterThan(0);
    expect(bounces.filter((t) => !t.failure_reason)).toEqual([]);
    const perContact = new Map<number, number>();
    for (const t of bounces) perContact.set(t.res_id, (perContact.get(t.res_id) ?? 0) + 1);
    const contacts = z.array(z.object({ id: z.number(), message_bounce: z.number() })).parse(await world.odoo.searchRead('mailing.contact', [['list_ids', 'in', [world.storeListId]], ['message_bounce', '>', 0]], ['message_bounce']));
    expect(Object.fromEntries(contacts.map((c) => [c.id, c.message_bounce]))).toEqual(Object.fromEntries(perContact));
    const listSize = await world.odoo.searchCount('mailing.contact', [['list_ids', 'in', [world.storeListId]]]);
    expect(contacts.length).toBeLessThan(listSize * 0.05);
    const bouncing = await world.run('marketing.subscribers.list', { storeId, status: 'bounced', limit: 500 });
    expect(bouncing.total).toBeGreaterThan(0);
  });
});
