import { afterEach, describe, expect, it } from 'vitest';
import { countedMarketing, DEMO_STORE, NO_SENDGRID_ACK, startMarketingWorld, TODAY, writeBody, type MarketingWorld } from './harness';

/**
 * Issue 17: the campaign list shows an A/B test as one campaign, and sorts and filters by date,
 * rate and status the way a marketer reads it.
 */
const storeId = DEMO_STORE.id;
const DAY = 86_400_000;
let world: MarketingWorld;
afterEach(() => world?.close());

const list = (query: Record<string, unknown> = {}) => world.run('marketing.campaigns.list', { storeId, limit: 200, offset: 0, ...query });

async function abTest(subject: string, versions: string[]) {
  const made = await world.run('marketing.campaigns.create', { storeId, subject, sendgrid_template_id: 'd-spring', list_id: world.storeListId, segment: 'all' });
  await writeBody(world, made.odoo_campaign_id);
  await world.marketing.ab.save({ storeId, campaignId: made.campaign_id, versions: versions.map((s) => ({ subject: s })), test_share_pc: 30, winner_selection: 'manual', send_winner_at: new Date(TODAY.getTime() + DAY).toISOString() });
  return made;
}

describe('the campaign list', () => {
  it('shows an A/B test as one campaign: its other versions and Odoo\'s winner copy are part of it', async () => {
    world = await startMarketingWorld();
    const before = await list();
    const made = await abTest('Autumn boots', ['Autumn boots: 2 for 1', 'Boots weather']);
    const drafted = await list();
    expect(drafted.total).toBe(before.total + 1);
    expect(drafted.campaigns.filter((c) => c.subject.startsWith('Autumn boots') || c.subject === 'Boots weather')).toEqual([
      expect.objectContaining({ campaign_id: made.campaign_id, subject: 'Autumn boots', ab_test: { versions: 3, winner: null } }),
    ]);

    await world.run('marketing.campaigns.send', { storeId, campaignId: made.campaign_id, acknowledge: [...NO_SENDGRID_ACK, 'ab_small_test'] });
    await world.peer.processQueue();
    const test = await world.marketing.ab.winner({ storeId, campaignId: made.campaign_id, version: 'B', acknowledge: NO_SENDGRID_ACK });
    await world.peer.processQueue();
    const after = await list();
    expect(after.total).toBe(before.total + 1);
    expect(after.campaigns.find((c) => c.campaign_id === made.campaign_id)?.ab_test).toEqual({ versions: 3, winner: 'sent' });
    expect(after.campaigns.map((c) => c.odoo_campaign_id)).not.toContain(test.winner!.odoo_campaign_id);

    // The winner itself, opened by its id (from the test's stats), is the console's test, not a mailing made in Odoo.
    const winner = await world.run('marketing.campaigns.get', { storeId, campaignId: test.winner!.campaign_id });
    expect(winner).toMatchObject({ subject: 'Autumn boots: 2 for 1', made_in_odoo: false, ab_winner_of: made.campaign_id });
  });

  it('groups an A/B test made in Odoo the same way, by its shared utm campaign', async () => {
    world = await startMarketingWorld();
    const before = await list();
    const a = await world.odoo.create('mailing.mailing', { subject: 'Made in Odoo: A', body_html: '<p>A</p>', contact_list_ids: [[6, 0, [world.storeListId]]], ab_testing_enabled: true, ab_testing_pc: 10 });
    await world.odoo.copy('mailing.mailing', a, { subject: 'Made in Odoo: B' });
    const after = await list({ search: 'Made in Odoo' });
    expect(after.campaigns).toEqual([expect.objectContaining({ odoo_campaign_id: a, ab_test: { versions: 2, winner: null } })]);
    expect((await list()).total).toBe(before.total + 1);
  });

  it('sorts by open rate either way and keeps only campaigns above an open rate', async () => {
    world = await startMarketingWorld();
    const sent = await list({ status: 'sent', sort: 'open_rate', direction: 'desc' });
    const rates = sent.campaigns.map((c) => c.open_rate);
    expect(new Set(rates).size).toBeGreaterThan(1);
    expect(rates).toEqual([...rates].sort((x, y) => y - x));
    const ascending = await list({ status: 'sent', sort: 'open_rate', direction: 'asc' });
    expect(ascending.campaigns.map((c) => c.open_rate)).toEqual([...rates].reverse());

    const threshold = rates[Math.floor(rates.length / 2)]!;
    const above = await list({ status: 'sent', min_open_rate: threshold });
    expect(above.campaigns.length).toBeGreaterThan(0);
    expect(above.total).toBe(rates.filter((r) => r >= threshold).length);
    expect(above.campaigns.every((c) => c.open_rate >= threshold)).toBe(true);
  });

  it('sorts by click rate from the lowest and keeps only campaigns at or above a click rate, with an open rate too', async () => {
    world = await startMarketingWorld();
    const sent = await list({ status: 'sent', sort: 'click_rate', direction: 'asc' });
    const rates = sent.campaigns.map((c) => c.click_rate);
    expect(new Set(rates).size).toBeGreaterThan(1);
    expect(rates).toEqual([...rates].sort((x, y) => x - y));

    const threshold = rates[Math.floor(rates.length / 2)]!;
    const clicked = await list({ status: 'sent', min_click_rate: threshold });
    expect(clicked.total).toBe(rates.filter((r) => r >= threshold).length);
    expect(clicked.campaigns.every((c) => c.click_rate >= threshold)).toBe(true);
    // Both minimums: only the campaigns above each.
    const opens = clicked.campaigns.map((c) => c.open_rate).sort((x, y) => x - y);
    const openThreshold = opens[Math.floor(opens.length / 2)]!;
    const both = await list({ status: 'sent', min_click_rate: threshold, min_open_rate: openThreshold });
    expect(both.total).toBe(clicked.campaigns.filter((c) => c.open_rate >= openThreshold).length);
    expect(both.total).toBeGreaterThan(0);
  });

  it('keeps the campaigns sent or scheduled in a date range, oldest first when asked', async () => {
    world = await startMarketingWorld();
    const all = await list({ status: 'sent' });
    const dates = all.campaigns.map((c) => c.sent_date!).sort();
    const [from, to] = [dates[1]!, dates[dates.length - 2]!];
    const ranged = await list({ from, to, sort: 'date', direction: 'asc' });
    const got = ranged.campaigns.map((c) => c.sent_date ?? c.scheduled_for);
    expect(got.length).toBeGreaterThan(0);
    expect(got.every((d) => d !== null && d >= from && d < to)).toBe(true);
    expect(got).toEqual([...got].sort());
    expect(ranged.campaigns.some((c) => c.status === 'draft')).toBe(false);
  });
});

describe('the campaign list’s round trips', () => {
  it('asks for the A/B tests and the page at once once it knows the store, and asks again when a test made in Odoo appears', async () => {
    world = await startMarketingWorld();
    const { marketing, counter, close } = await countedMarketing(world);
    try {
      const query = { storeId, limit: 20, offset: 0 };
      const first = await marketing.listCampaigns(query);
      // The first listing needs the A/B versions before it can leave them out of the page.
      expect(counter.rounds()).toBe(2);

      counter.reset();
      expect(await marketing.listCampaigns(query)).toEqual(first);
      expect(counter.rounds()).toBe(1);
      expect(counter.questions()).toHaveLength(2);

      // A test made in Odoo's own UI since: the page asked with the old versions is asked again.
      const a = await world.odoo.create('mailing.mailing', { subject: 'Made in Odoo: A', body_html: '<p>A</p>', contact_list_ids: [[6, 0, [world.storeListId]]], ab_testing_enabled: true, ab_testing_pc: 10 });
      const b = await world.odoo.copy('mailing.mailing', a, { subject: 'Made in Odoo: B' });
      counter.reset();
      const after = await marketing.listCampaigns(query);
      expect(counter.rounds()).toBe(2);
      expect(counter.questions()).toHaveLength(3);
      expect(after.total).toBe(first.total + 1);
      expect(after.campaigns.map((c) => c.odoo_campaign_id)).toContain(a);
      expect(after.campaigns.map((c) => c.odoo_campaign_id)).not.toContain(b);
      expect(after.campaigns.find((c) => c.odoo_campaign_id === a)?.ab_test).toEqual({ versions: 2, winner: null });

      counter.reset();
      expect(await marketing.listCampaigns(query)).toEqual(after);
      expect(counter.rounds()).toBe(1);
    } finally {
      await close();
    }
  });
});
