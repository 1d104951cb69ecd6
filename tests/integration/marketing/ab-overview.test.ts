import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_STORE, NO_SENDGRID_ACK, startMarketingWorld, TODAY, writeBody, type MarketingWorld } from './harness';

const storeId = DEMO_STORE.id;

/**
 * Issue 17: the overview counts an A/B test as one campaign sent, whatever its versions and winner,
 * and its rates are over every mail the test sent, as for any campaign.
 */
describe.each(['18.0', '19.0'] as const)('an A/B test in the overview on Odoo %s', (version) => {
  let world: MarketingWorld;
  let before: number;
  let campaignId: string;
  beforeAll(async () => {
    world = await startMarketingWorld({ version });
    before = (await world.run('marketing.overview', { storeId })).campaigns_sent;
    const listId = await world.odoo.create('mailing.list', { name: 'Test readers', x_markket_store_id: storeId });
    await world.odoo.createMany('mailing.contact', Array.from({ length: 200 }, (_, i) => ({ name: `Reader ${i}`, email: `ab-reader${i}@example.org`, list_ids: [[4, listId]] })));
    const made = await world.run('marketing.campaigns.create', { storeId, subject: 'Summer sale', sendgrid_template_id: 'd-summer', list_id: listId, segment: 'all' });
    await writeBody(world, made.odoo_campaign_id);
    campaignId = made.campaign_id;
    await world.marketing.ab.save({ storeId, campaignId, versions: [{ subject: 'Summer sale: 20% off' }], test_share_pc: 50, winner_selection: 'manual', send_winner_at: new Date(TODAY.getTime() + 86_400_000).toISOString() });
    await world.run('marketing.campaigns.send', { storeId, campaignId, acknowledge: [...NO_SENDGRID_ACK, 'ab_small_test'] });
    await world.peer.processQueue();
  });
  afterAll(() => world.close());

  it('counts the test once, not once per version', async () => {
    const overview = await world.run('marketing.overview', { storeId });
    expect(overview.campaigns_sent).toBe(before + 1);
    const row = overview.recent_campaigns.find((c) => c.campaign_id === campaignId);
    expect(row?.ab_test).toEqual({ versions: 2, winner: null });
    expect(overview.recent_campaigns.filter((c) => c.subject.startsWith('Summer sale'))).toHaveLength(1);
  });

  it('gives the test the rates of all its mails, and keeps counting it once after the winner is sent', async () => {
    const test = await world.marketing.ab.get(storeId, campaignId);
    const [a, b] = test.versions;
    const traces = (id: number) => world.odoo.search('mailing.trace', [['mass_mailing_id', '=', id]], { order: 'id asc' });
    for (const id of (await traces(a!.odoo_campaign_id)).slice(0, 10)) world.peer.tracking.open(id);
    for (const id of (await traces(b!.odoo_campaign_id)).slice(0, 40)) world.peer.tracking.open(id);
    const tested = (await world.run('marketing.overview', { storeId })).recent_campaigns.find((c) => c.campaign_id === campaignId);
    // 50 of the 100 mails the two versions delivered were opened.
    expect(tested?.open_rate).toBeCloseTo(0.5, 3);

    await world.marketing.ab.winner({ storeId, campaignId, version: 'B', acknowledge: NO_SENDGRID_ACK });
    await world.peer.processQueue();
    const after = await world.run('marketing.overview', { storeId });
    expect(after.campaigns_sent).toBe(before + 1);
    const whole = after.recent_campaigns.find((c) => c.campaign_id === campaignId);
    expect(whole?.ab_test).toEqual({ versions: 2, winner: 'sent' });
    // The winner's 100 unopened mails join the 100 the test sent.
    expect(whole?.open_rate).toBeCloseTo(0.25, 3);
  });
});
