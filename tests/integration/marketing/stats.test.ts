import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEMO_STORE, startMarketingWorld, type MarketingWorld } from './harness';

let world: MarketingWorld;
beforeAll(async () => {
  world = await startMarketingWorld();
});
afterAll(() => world.close());

const Sent = z.object({ id: z.number(), x_markket_campaign_id: z.string(), sent_date: z.string() });
async function sentCampaigns() {
  return z.array(Sent).parse(await world.odoo.searchRead('mailing.mailing', [['contact_list_ids', 'in', [world.storeListId]], ['state', '=', 'done']], ['id', 'x_markket_campaign_id', 'sent_date'], { order: 'sent_date desc' }));
}

describe('a sent campaign’s figures', () => {
  it('come from the mailing’s traces as Odoo counts them, rates over delivered mails', async () => {
    const [latest] = await sentCampaigns();
    const detail = await world.run('marketing.campaigns.get', { storeId: DEMO_STORE.id, campaignId: latest?.x_markket_campaign_id ?? '' });
    const byStatus = async (statuses: string[]) => world.odoo.searchCount('mailing.trace', [['mass_mailing_id', '=', latest?.id], ['trace_status', 'in', statuses]]);
    const delivered = await byStatus(['sent', 'open', 'reply']);
    const opened = await byStatus(['open', 'reply']);
    const clicked = await world.odoo.searchCount('mailing.trace', [['mass_mailing_id', '=', latest?.id], ['links_click_datetime', '!=', false]]);
    expect(detail.status).toBe('sent');
    expect(detail.stats).toMatchObject({ delivered, opened, unique_opened: opened, clicked, unique_clicked: clicked, bounced: await byStatus(['bounce']) });
    // Fractions with three decimals, as the spec's "open_rate": 0.417.
    expect(detail.stats.open_rate).toBe(Math.round((1000 * opened) / delivered) / 1000);
    expect(detail.stats.click_rate).toBe(Math.round((1000 * clicked) / delivered) / 1000);
    expect(detail.sendgrid_template_id).toMatch(/^d-/);
  });

  it('do not count as the campaign’s unsubscribes the opt-outs an Odoo user made after it went out', async () => {
    // Odoo's back office (or any internal user) opting three people out: no unsubscribe link was followed.
    const [latest] = await sentCampaigns();
    const before = await world.run('marketing.campaigns.get', { storeId: DEMO_STORE.id, campaignId: latest?.x_markket_campaign_id ?? '' });
    const subscriptions = await world.odoo.search('mailing.subscription', [['list_id', '=', world.storeListId], ['opt_out', '=', false]], { limit: 3 });
    await world.odoo.write('mailing.subscription', subscriptions, { opt_out: true });
    const after = await world.run('marketing.campaigns.get', { storeId: DEMO_STORE.id, campaignId: latest?.x_markket_campaign_id ?? '' });
    expect(after.stats.unsubscribed).toBe(before.stats.unsubscribed);
  });

  it('cost three Odoo calls', async () => {
    const [latest] = await sentCampaigns();
    world.calls.reset();
    await world.marketing.getCampaign(DEMO_STORE.id, latest?.x_markket_campaign_id ?? '');
    expect(world.calls.count()).toBeLessThanOrEqual(3);
  });

  it('are all zero for a draft', async () => {
    const created = await world.run('marketing.campaigns.create', { storeId: DEMO_STORE.id, subject: 'Not yet', sendgrid_template_id: 'd-x', list_id: world.storeListId });
    const detail = await world.run('marketing.campaigns.get', { storeId: DEMO_STORE.id, campaignId: created.campaign_id });
    expect(detail).toMatchObject({ status: 'draft', sent_date: null, stats: { sent: 0, delivered: 0, opened: 0, clicked: 0, unsubscribed: 0, open_rate: 0, click_rate: 0 } });
  });

  it('answer not_found for an unknown campaign', async () => {
    await expect(world.run('marketing.campaigns.get', { storeId: DEMO_STORE.id, campaignId: 'camp_doesnotexist' })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('the campaign list', () => {
  it('pages the store’s campaigns with Odoo’s total', async () => {
    const all = await world.odoo.searchCount('mailing.mailing', [['contact_list_ids', 'in', [world.storeListId]], ['x_markket_campaign_id', '!=', false]]);
    const page = await world.run('marketing.campaigns.list', { storeId: DEMO_STORE.id, limit: 10, offset: 10 });
    expect(page.total).toBe(all);
    expect(page.campaigns).toHaveLength(10);
  });

  it('filters by status in Odoo, so every row has the status asked for and the totals add up', async () => {
    const statuses = ['draft', 'scheduled', 'sending', 'sent', 'failed', 'canceled'] as const;
    const pages = await Promise.all(statuses.map((status) => world.run('marketing.campaigns.list', { storeId: DEMO_STORE.id, status, limit: 200 })));
    const everything = await world.run('marketing.campaigns.list', { storeId: DEMO_STORE.id, limit: 1 });
    pages.forEach((page, i) => expect(page.campaigns.every((c) => c.status === statuses[i])).toBe(true));
    expect(pages.reduce((sum, p) => sum + p.total, 0)).toBe(everything.total);
    expect(pages[statuses.indexOf('scheduled')]?.campaigns[0]?.scheduled_for).not.toBeNull();
    expect(pages[statuses.indexOf('sent')]?.total).toBeGreaterThanOrEqual(40);
  });

  it('finds campaigns by subject', async () => {
    const page = await world.run('marketing.campaigns.list', { storeId: DEMO_STORE.id, search: 'flash sale' });
    expect(page.total).toBeGreaterThan(0);
    expect(page.campaigns.every((c) => /flash sale/i.test(c.subject))).toBe(true);
  });

  it('costs two Odoo calls', async () => {
    world.calls.reset();
    await world.marketing.listCampaigns({ storeId: DEMO_STORE.id, limit: 50, offset: 0 });
    expect(world.calls.count()).toBeLessThanOrEqual(2);
  });

  it('answers not_found for an unknown store', async () => {
    await expect(world.run('marketing.campaigns.list', { storeId: 'no-such-store' })).rejects.toMatchObject({ code: 'not_found' });
  });
});
