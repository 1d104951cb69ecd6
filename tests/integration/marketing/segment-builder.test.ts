import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parsePythonDomain } from '../../../src/main/core/marketing/python-domain';
import { segmentHandlers } from '../../../src/main/host/handlers/segments';
import { segmentOps } from '../../../src/shared/ops/segments';
import type { Condition } from '../../../src/shared/schemas/segments';
import { DEMO_STORE, startMarketingWorld, TODAY, type MarketingWorld } from './harness';

/**
 * Issue 17, segment builder: each condition is a mailing.contact domain Odoo counts itself. The
 * expected numbers are worked out here from the raw records (subscriptions, tags, countries,
 * traces), never from a domain, so a domain that means something else than the condition fails.
 */
const storeId = DEMO_STORE.id;
const DAY = 86_400_000;

type SegOps = typeof segmentOps;
async function run<K extends keyof SegOps>(world: MarketingWorld, name: K, input: z.input<SegOps[K]['input']>): Promise<z.infer<SegOps[K]['output']>> {
  const op = segmentOps[name];
  const handler = segmentHandlers[name] as unknown as (i: unknown, s: { marketing: MarketingWorld['marketing'] }) => Promise<unknown>;
  return op.output.parse(await handler(op.input.parse(input), { marketing: world.marketing })) as never;
}

interface Person { id: number; name: string; email: string; tags: string[]; country: string | null; bounces: number; joined: string }
interface Trace { contact: number; mailing: number; status: string; opened: string | null; clicked: string | null }

const Many2one = z.union([z.tuple([z.number(), z.string()]), z.literal(false)]);
const when = (s: string | false) => (s === false ? null : s);

/** Everyone Odoo would mail on the list, with what each condition looks at. */
async function reachable(world: MarketingWorld): Promise<{ people: Person[]; traces: Trace[] }> {
  const subs = z.array(z.object({ contact_id: z.tuple([z.number(), z.string()]), opt_out: z.boolean(), create_date: z.string() })).parse(
    await world.odoo.searchRead('mailing.subscription', [['list_id', '=', world.storeListId]], ['contact_id', 'opt_out', 'create_date']),
  );
  const joined = new Map(subs.filter((s) => !s.opt_out).map((s) => [s.contact_id[0], s.create_date]));
  const tags = new Map(z.array(z.object({ id: z.number(), name: z.string() })).parse(await world.odoo.searchRead('res.partner.category', [], ['name'])).map((t) => [t.id, t.name]));
  const countries = new Map(z.array(z.object({ id: z.number(), code: z.string() })).parse(await world.odoo.searchRead('res.country', [], ['code'])).map((c) => [c.id, c.code]));
  const rows = z.array(z.object({
    id: z.number(), name: z.union([z.string(), z.literal(false)]), email: z.union([z.string(), z.literal(false)]), tag_ids: z.array(z.number()), is_blacklisted: z.boolean(),
    email_normalized: z.union([z.string(), z.literal(false)]), country_id: Many2one, message_bounce: z.number(),
  })).parse(await world.odoo.read('mailing.contact', [...joined.keys()], ['name', 'email', 'tag_ids', 'is_blacklisted', 'email_normalized', 'country_id', 'message_bounce']));
  const people = rows.filter((r) => !r.is_blacklisted && r.email_normalized).map((r) => ({
    id: r.id, name: r.name || '', email: r.email || '', tags: r.tag_ids.map((t) => tags.get(t) ?? ''), country: r.country_id ? (countries.get(r.country_id[0]) ?? null) : null,
    bounces: r.message_bounce, joined: joined.get(r.id) ?? '',
  }));
  const traces = z.array(z.object({ res_id: z.number(), mass_mailing_id: Many2one, trace_status: z.string(), open_datetime: z.union([z.string(), z.literal(false)]), links_click_datetime: z.union([z.string(), z.literal(false)]) })).parse(
    await world.odoo.searchRead('mailing.trace', [['model', '=', 'mailing.contact']], ['res_id', 'mass_mailing_id', 'trace_status', 'open_datetime', 'links_click_datetime']),
  ).map((t) => ({ contact: t.res_id, mailing: t.mass_mailing_id ? t.mass_mailing_id[0] : 0, status: t.trace_status, opened: when(t.open_datetime), clicked: when(t.links_click_datetime) }));
  return { people, traces };
}

describe.each(['18.0', '19.0'] as const)('the segment builder on Odoo %s', (version) => {
  let world: MarketingWorld;
  let people: Person[];
  let traces: Trace[];
  let lastCampaign: number;
  const since30 = new Date(TODAY.getTime() - 30 * DAY).toISOString().replace('T', ' ').slice(0, 19);

  beforeAll(async () => {
    world = await startMarketingWorld({ version });
    // Countries and bounces the demo seed does not set: a few people from Belgium and Canada, two bounced.
    const ids = await world.odoo.search('mailing.contact', [['list_ids', 'in', [world.storeListId]]], { limit: 9, order: 'id asc' });
    await world.odoo.write('mailing.contact', ids.slice(0, 4), { country_id: 20 });
    await world.odoo.write('mailing.contact', ids.slice(4, 7), { country_id: 38 });
    await world.odoo.write('mailing.contact', ids.slice(7, 9), { message_bounce: 2 });
    ({ people, traces } = await reachable(world));
    const [last] = await world.odoo.search('mailing.mailing', [['contact_list_ids', 'in', [world.storeListId]], ['state', '=', 'done']], { order: 'sent_date desc, id desc', limit: 1 });
    lastCampaign = last ?? 0;
  });
  afterAll(() => world.close());

  const count = async (conditions: Condition[], match: 'all' | 'any' = 'all') => run(world, 'marketing.segments.count', { storeId, list_id: world.storeListId, rule: { match, conditions } });
  const who = (keep: (p: Person) => boolean) => people.filter(keep).length;
  const traced = (keep: (t: Trace) => boolean) => new Set(traces.filter(keep).map((t) => t.contact));

  const cases: [string, () => Condition, () => number][] = [
    ['has the tag vip (any case)', () => ({ type: 'tag', has: true, tag: 'VIP' }), () => who((p) => p.tags.some((t) => t.toLowerCase() === 'vip'))],
    ['has not the tag vip', () => ({ type: 'tag', has: false, tag: 'vip' }), () => who((p) => !p.tags.includes('vip'))],
    ['is on the list', () => ({ type: 'list', list_id: world.storeListId }), () => people.length],
    ['subscribed before 2026-06-01', () => ({ type: 'subscribed', when: 'before', date: '2026-06-01' }), () => who((p) => p.joined < '2026-06-01 00:00:00')],
    ['subscribed after 2026-06-01', () => ({ type: 'subscribed', when: 'after', date: '2026-06-01' }), () => who((p) => p.joined >= '2026-06-02 00:00:00')],
    ['opened the last campaign', () => ({ type: 'activity', action: 'opened', odoo_campaign_id: lastCampaign }), () => {
      const opened = traced((t) => t.mailing === lastCampaign && (t.status === 'open' || t.status === 'reply'));
      return who((p) => opened.has(p.id));
    }],
    ['clicked the last campaign', () => ({ type: 'activity', action: 'clicked', odoo_campaign_id: lastCampaign }), () => {
      const clicked = traced((t) => t.mailing === lastCampaign && t.clicked !== null);
      return who((p) => clicked.has(p.id));
    }],
    ['did not open the last campaign', () => ({ type: 'activity', action: 'not_opened', odoo_campaign_id: lastCampaign }), () => {
      const unopened = traced((t) => t.mailing === lastCampaign && (t.status === 'sent' || t.status === 'pending'));
      return who((p) => unopened.has(p.id));
    }],
    ['opened any campaign in the last 30 days', () => ({ type: 'activity', action: 'opened', days: 30 }), () => {
      const opened = traced((t) => t.opened !== null && t.opened >= since30);
      return who((p) => opened.has(p.id));
    }],
    ['clicked any campaign in the last 30 days', () => ({ type: 'activity', action: 'clicked', days: 30 }), () => {
      const clicked = traced((t) => t.clicked !== null && t.clicked >= since30);
      return who((p) => clicked.has(p.id));
    }],
    ['did not open any campaign in the last 30 days', () => ({ type: 'activity', action: 'not_opened', days: 30 }), () => {
      const opened = traced((t) => t.opened !== null && t.opened >= since30);
      return who((p) => !opened.has(p.id));
    }],
    ['bounced', () => ({ type: 'bounced' }), () => who((p) => p.bounces > 0)],
    ['lives in Belgium or Canada', () => ({ type: 'country', codes: ['BE', 'CA'] }), () => who((p) => p.country === 'BE' || p.country === 'CA')],
    ['name contains "an"', () => ({ type: 'contains', field: 'name', text: 'an' }), () => who((p) => p.name.toLowerCase().includes('an'))],
    ['email contains "example"', () => ({ type: 'contains', field: 'email', text: 'EXAMPLE' }), () => who((p) => p.email.toLowerCase().includes('example'))],
    ['is a buyer', () => ({ type: 'buyer', is: true }), () => who((p) => p.tags.includes('buyer'))],
    ['is not a buyer', () => ({ type: 'buyer', is: false }), () => who((p) => !p.tags.includes('buyer'))],
  ];

  it.each(cases)('counts "%s" as Odoo does, from the records themselves', async (_name, condition, expected) => {
    const answer = await count([condition()]);
    const wanted = expected();
    expect(wanted).toBeGreaterThan(0);
    expect(answer.count).toBe(wanted);
    expect(answer.conditions).toEqual([{ count: wanted }]);
    // The domain as Odoo would store it (a Python literal) counts the same straight from Odoo.
    expect(await world.odoo.searchCount('mailing.contact', parsePythonDomain(answer.domain) ?? [['id', '=', 0]])).toBe(wanted);
  });

  it('combines conditions with all and any, with each condition counted alone', async () => {
    const vip: Condition = { type: 'tag', has: true, tag: 'vip' };
    const opened: Condition = { type: 'activity', action: 'opened', days: 30 };
    const recent = traced((t) => t.opened !== null && t.opened >= since30);
    const isVip = (p: Person) => p.tags.includes('vip');
    const both = await count([vip, opened], 'all');
    expect(both.count).toBe(who((p) => isVip(p) && recent.has(p.id)));
    expect(both.conditions.map((c) => c.count)).toEqual([who(isVip), who((p) => recent.has(p.id))]);
    const either = await count([vip, opened, { type: 'bounced' }], 'any');
    expect(either.count).toBe(who((p) => isVip(p) || recent.has(p.id) || p.bounces > 0));
  });
});
