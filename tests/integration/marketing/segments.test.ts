import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { segmentDomain } from '../../../src/main/core/marketing';
import { DEMO_STORE, startMarketingWorld, type MarketingWorld } from './harness';

let world: MarketingWorld;
beforeAll(async () => {
  world = await startMarketingWorld();
});
afterAll(() => world.close());

/** Who a segment should reach, worked out in the test from the raw records, not from a domain. */
async function expectedAudience(keep: (c: { id: number; tags: string[] }) => boolean): Promise<number> {
  const subs = z.array(z.object({ contact_id: z.tuple([z.number(), z.string()]), opt_out: z.boolean() })).parse(
    await world.odoo.searchRead('mailing.subscription', [['list_id', '=', world.storeListId]], ['contact_id', 'opt_out']),
  );
  const subscribed = new Set(subs.filter((s) => !s.opt_out).map((s) => s.contact_id[0]));
  const tags = new Map(z.array(z.object({ id: z.number(), name: z.string() })).parse(await world.odoo.searchRead('res.partner.category', [], ['name'])).map((t) => [t.id, t.name]));
  const contacts = z.array(z.object({ id: z.number(), tag_ids: z.array(z.number()), is_blacklisted: z.boolean(), email_normalized: z.union([z.string(), z.literal(false)]) })).parse(
    await world.odoo.read('mailing.contact', [...subscribed], ['tag_ids', 'is_blacklisted', 'email_normalized']),
  );
  return contacts.filter((c) => !c.is_blacklisted && c.email_normalized && keep({ id: c.id, tags: c.tag_ids.map((t) => tags.get(t) ?? '') })).length;
}

async function estimate(segment: Parameters<typeof segmentDomain>[2]): Promise<number> {
  return world.odoo.searchCount('mailing.contact', await segmentDomain(world.odoo, world.storeListId, segment));
}

describe('segments', () => {
  it('reach every subscribed contact that is not opted out or blacklisted for "all"', async () => {
    expect(await estimate('all')).toBe(await expectedAudience(() => true));
  });

  it('reach the contacts tagged buyer for "buyers"', async () => {
    const buyers = await estimate('buyers');
    expect(buyers).toBe(await expectedAudience((c) => c.tags.includes('buyer')));
    expect(buyers).toBeGreaterThan(0);
  });

  it('reach everyone else for "subscribers", so buyers and subscribers make all', async () => {
    expect(await estimate('subscribers')).toBe(await expectedAudience((c) => !c.tags.includes('buyer')));
    expect((await estimate('subscribers')) + (await estimate('buyers'))).toBe(await estimate('all'));
  });

  it('reach the contacts tagged with the named tag for "tag:<name>"', async () => {
    expect(await estimate('tag:vip')).toBe(await expectedAudience((c) => c.tags.includes('vip')));
  });

  it('reach the reachable contacts who opened the list’s last sent campaign for "opened_last_campaign"', async () => {
    const [last] = await world.odoo.search('mailing.mailing', [['contact_list_ids', 'in', [world.storeListId]], ['state', '=', 'done']], { order: 'sent_date desc', limit: 1 });
    const openers = new Set(z.array(z.object({ res_id: z.number() })).parse(
      await world.odoo.searchRead('mailing.trace', [['mass_mailing_id', '=', last], ['trace_status', 'in', ['open', 'reply']]], ['res_id']),
    ).map((t) => t.res_id));
    const opened = await estimate('opened_last_campaign');
    expect(opened).toBe(await expectedAudience((c) => openers.has(c.id)));
    expect(opened).toBeGreaterThan(0);
  });

  it('become the audience Odoo itself counts for the mailing when a campaign is created', async () => {
    const created = await world.run('marketing.campaigns.create', { storeId: DEMO_STORE.id, subject: 'For our buyers', sendgrid_template_id: 'd-buyers', list_id: world.storeListId, segment: 'buyers' });
    const [mailing] = z.array(z.object({ total: z.number() })).parse(await world.odoo.read('mailing.mailing', [created.odoo_campaign_id], ['total']));
    expect(created.estimated_recipients).toBe(await estimate('buyers'));
    expect(mailing?.total).toBe(created.estimated_recipients);
  });
});
