import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEMO_STORE, startMarketingWorld, type MarketingWorld } from './harness';

let world: MarketingWorld;
beforeAll(async () => {
  world = await startMarketingWorld();
});
afterAll(() => world.close());

const ListFigures = z.array(z.object({ contact_count: z.number(), contact_count_email: z.number() }));

describe('the overview of the demo store', () => {
  it('counts as subscribers exactly the contacts Odoo counts as reachable on the store list', async () => {
    const overview = await world.run('marketing.overview', { storeId: DEMO_STORE.id });
    const [list] = ListFigures.parse(await world.odoo.read('mailing.list', [world.storeListId], ['contact_count', 'contact_count_email']));
    expect(overview.subscribers).toBe(list?.contact_count_email);
    expect(overview.subscribers).toBeGreaterThan(1000);
  });

  it('counts every sent campaign of the store and averages their rates the way Odoo computes them', async () => {
    const overview = await world.run('marketing.overview', { storeId: DEMO_STORE.id });
    const sent = z.array(z.object({ opened_ratio: z.number(), clicks_ratio: z.number(), delivered: z.number() })).parse(
      await world.odoo.searchRead('mailing.mailing', [['contact_list_ids', 'in', [world.storeListId]], ['state', '=', 'done']], ['opened_ratio', 'clicks_ratio', 'delivered']),
    );
    const mean = (xs: number[]) => Math.round((10 * xs.reduce((a, b) => a + b, 0)) / xs.length) / 10;
    expect(overview.campaigns_sent).toBe(sent.length);
    // Odoo's ratios are percentages; the API answers fractions, as the spec writes them (0.417).
    expect(overview.average_open_rate).toBeCloseTo(mean(sent.map((m) => m.opened_ratio)) / 100, 2);
    expect(overview.average_click_rate).toBeCloseTo(mean(sent.map((m) => m.clicks_ratio)) / 100, 2);
    expect(overview.average_open_rate).toBeGreaterThan(0.3);
    expect(overview.average_open_rate).toBeLessThan(0.5);
  });

  it('lists the five most recent sent campaigns, newest first', async () => {
    const { recent_campaigns: recent } = await world.run('marketing.overview', { storeId: DEMO_STORE.id });
    expect(recent).toHaveLength(5);
    const dates = recent.map((c) => Date.parse(c.sent_date ?? ''));
    expect([...dates].sort((a, b) => b - a)).toEqual(dates);
    expect(recent.every((c) => c.status === 'sent' && c.campaign_id.startsWith('camp_'))).toBe(true);
  });

  it('costs three Odoo calls', async () => {
    world.calls.reset();
    await world.marketing.overview(DEMO_STORE.id);
    expect(world.calls.count()).toBeLessThanOrEqual(3);
  });

  it('answers not_found with a sentence for a store Odoo does not know', async () => {
    await expect(world.marketing.overview('no-such-store')).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining('no-such-store') });
  });
});

describe('the stores and their lists', () => {
  it('names the demo store with its mailing list', async () => {
    const { stores } = await world.run('stores.list', {});
    expect(stores).toEqual([{ id: DEMO_STORE.id, name: DEMO_STORE.name, list_ids: [world.storeListId] }]);
  });

  it('shows the store list with Odoo’s contact figures and its last sent campaign', async () => {
    const { lists } = await world.run('marketing.lists', { storeId: DEMO_STORE.id });
    const [figures] = ListFigures.parse(await world.odoo.read('mailing.list', [world.storeListId], ['contact_count', 'contact_count_email']));
    const [last] = z.array(z.object({ subject: z.string() })).parse(
      await world.odoo.searchRead('mailing.mailing', [['contact_list_ids', 'in', [world.storeListId]], ['state', '=', 'done']], ['subject'], { order: 'sent_date desc', limit: 1 }),
    );
    expect(lists).toHaveLength(1);
    expect(lists[0]).toMatchObject({ id: world.storeListId, contact_count: figures?.contact_count, active_contacts: figures?.contact_count_email, last_campaign_detail: { subject: last?.subject } });
    expect(lists[0]?.last_campaign).toBe(lists[0]?.last_campaign_detail?.sent_date);
  });

  it('answers not_found for the lists of an unknown store', async () => {
    await expect(world.marketing.lists('no-such-store')).rejects.toMatchObject({ code: 'not_found' });
  });
});
