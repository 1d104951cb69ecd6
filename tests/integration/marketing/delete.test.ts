import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_STORE, startMarketingWorld, type MarketingWorld } from './harness';

/** Deleting a draft removes its Odoo mailing, so abandoned drafts do not pile up in Odoo (issue 10, item 4). */
let world: MarketingWorld;
beforeAll(async () => {
  world = await startMarketingWorld();
});
afterAll(() => world.close());

const storeId = DEMO_STORE.id;
const exists = async (id: number) => (await world.odoo.searchCount('mailing.mailing', [['id', '=', id]], { context: { active_test: false } })) === 1;

/** A draft mailing made by another computer's console straight through Odoo's API. */
async function draftMadeElsewhere(campaignId: string, state = 'draft'): Promise<number> {
  return world.odoo.create('mailing.mailing', {
    subject: 'Abandoned idea', contact_list_ids: [[6, 0, [world.storeListId]]], body_html: '<p>Half written</p>', x_markket_campaign_id: campaignId, state,
  });
}

describe('deleting a campaign', () => {
  it('removes a draft’s Odoo mailing, and the campaign is gone from the list', async () => {
    const id = await draftMadeElsewhere('camp_abandoned01');
    const deleted = await world.run('marketing.campaigns.delete', { storeId, campaignId: 'camp_abandoned01' });
    expect(deleted).toEqual({ campaign_id: 'camp_abandoned01', odoo_campaign_id: id, deleted: true });
    expect(await exists(id)).toBe(false);
    const listed = await world.run('marketing.campaigns.list', { storeId, status: 'draft', search: 'Abandoned idea', limit: 50 });
    expect(listed.campaigns.map((c) => c.campaign_id)).not.toContain('camp_abandoned01');
  });

  it('refuses a sent campaign and keeps it', async () => {
    const [sent] = (await world.run('marketing.campaigns.list', { storeId, status: 'sent', limit: 1 })).campaigns;
    await expect(world.run('marketing.campaigns.delete', { storeId, campaignId: sent!.campaign_id })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('Only drafts can be deleted') });
    expect(await exists(sent!.odoo_campaign_id)).toBe(true);
  });

  it('refuses a scheduled campaign, saying to cancel it first', async () => {
    const id = await draftMadeElsewhere('camp_queued0001', 'in_queue');
    await expect(world.run('marketing.campaigns.delete', { storeId, campaignId: 'camp_queued0001' })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('Cancel it first') });
    expect(await exists(id)).toBe(true);
  });

  it('leaves a draft made in Odoo itself to Odoo', async () => {
    const id = await world.odoo.create('mailing.mailing', { subject: 'Written in Odoo', contact_list_ids: [[6, 0, [world.storeListId]]], body_html: '<p>Mine</p>' });
    await expect(world.run('marketing.campaigns.delete', { storeId, campaignId: `camp_odoo_${id}` })).rejects.toMatchObject({ code: 'conflict' });
    expect(await exists(id)).toBe(true);
  });

  it('answers not_found for a campaign that is already gone', async () => {
    await expect(world.run('marketing.campaigns.delete', { storeId, campaignId: 'camp_abandoned01' })).rejects.toMatchObject({ code: 'not_found' });
  });
});
