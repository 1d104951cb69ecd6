import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEMO_STORE, startMarketingWorld, type MarketingWorld } from './harness';

let world: MarketingWorld;
let sent: { campaign_id: string; odoo_campaign_id: number };
beforeAll(async () => {
  world = await startMarketingWorld();
  sent = (await world.run('marketing.campaigns.list', { storeId, status: 'sent', limit: 1 })).campaigns[0]!;
});
afterAll(() => world.close());

const storeId = DEMO_STORE.id;
const traces = (domain: unknown[]) => world.odoo.searchCount('mailing.trace', [['mass_mailing_id', '=', sent.odoo_campaign_id], ...domain]);

describe('a campaign’s recipients', () => {
  it('filter by what each recipient did, with Odoo’s counts as totals', async () => {
    const expected = {
      all: await traces([]),
      opened: await traces([['trace_status', 'in', ['open', 'reply']]]),
      clicked: await traces([['links_click_datetime', '!=', false]]),
      bounced: await traces([['trace_status', '=', 'bounce']]),
      not_opened: await traces([['trace_status', '=', 'sent']]),
    };
    for (const filter of ['all', 'opened', 'clicked', 'bounced', 'not_opened'] as const) {
      const page = await world.run('marketing.campaigns.recipients', { storeId, campaignId: sent.campaign_id, filter, limit: 5 });
      expect(page.total, filter).toBe(expected[filter]);
    }
    expect(expected.bounced).toBeGreaterThan(0);
  });

  it('show each recipient’s name, dates and bounce reason', async () => {
    const bounced = await world.run('marketing.campaigns.recipients', { storeId, campaignId: sent.campaign_id, filter: 'bounced', limit: 1 });
    const clicked = await world.run('marketing.campaigns.recipients', { storeId, campaignId: sent.campaign_id, filter: 'clicked', limit: 1 });
    const row = clicked.recipients[0]!;
    const [contact] = z.array(z.object({ name: z.string(), email: z.string() })).parse(await world.odoo.read('mailing.contact', [row.contact_id!], ['name', 'email']));
    expect(row).toMatchObject({ status: 'clicked', name: contact?.name, email: contact?.email, bounce_reason: null });
    expect(row.opened_at).not.toBeNull();
    expect(row.clicked_at).not.toBeNull();
    expect(bounced.recipients[0]).toMatchObject({ status: 'bounced', clicked_at: null });
    expect(bounced.recipients[0]!.bounce_reason).not.toBe('');
  });

  it('finds a recipient by address', async () => {
    const first = (await world.run('marketing.campaigns.recipients', { storeId, campaignId: sent.campaign_id, limit: 1 })).recipients[0]!;
    const found = await world.run('marketing.campaigns.recipients', { storeId, campaignId: sent.campaign_id, search: first.email });
    expect(found.recipients.map((r) => r.email)).toContain(first.email);
    expect(found.total).toBeLessThan(5);
  });

  it('cost two Odoo calls whatever the page size', async () => {
    for (const limit of [10, 500]) {
      world.calls.reset();
      await world.marketing.campaignRecipients({ storeId, campaignId: sent.campaign_id, filter: 'all', limit, offset: 0 });
      expect(world.calls.count()).toBe(2);
    }
  });

  it('answer not_found for an unknown campaign', async () => {
    await expect(world.run('marketing.campaigns.recipients', { storeId, campaignId: 'camp_doesnotexist' })).rejects.toMatchObject({ code: 'not_found' });
  });
});
