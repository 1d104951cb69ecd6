import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEMO_STORE, startMarketingWorld, TODAY, writeBody, type MarketingWorld } from './harness';

const storeId = DEMO_STORE.id;
const Audience = z.array(z.object({ id: z.number(), mailing_domain: z.string(), contact_list_ids: z.array(z.number()) }));

/**
 * Issue 17: an A/B test has one audience. Odoo keeps it on each version's own mailing and its
 * write() does not pass a change on, so when the person changes version A's audience after B and C
 * exist, the console writes it to the other versions too.
 */
describe.each(['18.0', '19.0'] as const)('changing the audience of an A/B test on Odoo %s', (version) => {
  let world: MarketingWorld;
  let campaignId: string;
  let versionIds: number[];
  const audiences = async () => Audience.parse(await world.odoo.read('mailing.mailing', versionIds, ['mailing_domain', 'contact_list_ids']));
  beforeAll(async () => {
    world = await startMarketingWorld({ version });
    const made = await world.run('marketing.campaigns.create', { storeId, subject: 'Autumn sale', sendgrid_template_id: 'd-autumn', list_id: world.storeListId, segment: 'all' });
    await writeBody(world, made.odoo_campaign_id);
    campaignId = made.campaign_id;
    const test = await world.marketing.ab.save({ storeId, campaignId, versions: [{ subject: 'Autumn sale: 20% off' }, { sender_name: 'Juniper' }], test_share_pc: 30, winner_selection: 'opens', send_winner_at: new Date(TODAY.getTime() + 86_400_000).toISOString() });
    versionIds = test.versions.map((v) => v.odoo_campaign_id);
    expect(versionIds).toHaveLength(3);
  });
  afterAll(() => world.close());

  it('gives versions B and C the segment picked for version A', async () => {
    const before = await world.marketing.ab.get(storeId, campaignId);
    await world.run('marketing.campaigns.update', { storeId, campaignId, segment: 'buyers' });
    const [a, b, c] = await audiences();
    expect([b?.mailing_domain, c?.mailing_domain]).toEqual([a?.mailing_domain, a?.mailing_domain]);
    const after = await world.marketing.ab.get(storeId, campaignId);
    // Each version now draws its share of the buyers, not of the whole list.
    expect(new Set(after.versions.map((v) => v.recipients)).size).toBe(1);
    expect(after.versions[1]!.recipients).toBeLessThan(before.versions[1]!.recipients);
  });

  it('moves versions B and C to the list picked for version A', async () => {
    const other = await world.odoo.create('mailing.list', { name: 'Store A - Wholesale', x_markket_store_id: storeId });
    await world.odoo.createMany('mailing.contact', Array.from({ length: 30 }, (_, i) => ({ name: `Buyer ${i}`, email: `wholesale${i}@example.org`, list_ids: [[4, other]] })));
    await world.run('marketing.campaigns.update', { storeId, campaignId, list_id: other, segment: 'all' });
    const [a, b, c] = await audiences();
    expect(a?.contact_list_ids).toEqual([other]);
    expect([b, c].map((v) => [v?.contact_list_ids, v?.mailing_domain])).toEqual([[[other], a?.mailing_domain], [[other], a?.mailing_domain]]);
  });
});
