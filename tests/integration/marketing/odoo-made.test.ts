import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CampaignId } from '../../../src/shared/schemas/common';
import { DEMO_STORE, startMarketingWorld, type MarketingWorld } from './harness';

let world: MarketingWorld;
let mailingId: number;
let draftId: number;
beforeAll(async () => {
  world = await startMarketingWorld();
  // Made in Odoo's own screens: no x_markket_campaign_id, Odoo's own list domain.
  mailingId = await world.odoo.create('mailing.mailing', {
    subject: 'Made in Odoo: holiday hours', contact_list_ids: [[6, 0, [world.storeListId]]], body_html: '<p>Open late</p>', state: 'done', sent_date: '2026-11-23 08:00:00',
  });
  const traceTarget = await world.odoo.search('mailing.contact', [['list_ids', 'in', [world.storeListId]]], { limit: 2 });
  await world.odoo.createMany('mailing.trace', traceTarget.map((res_id, i) => ({ mass_mailing_id: mailingId, model: 'mailing.contact', res_id, email: `t${i}@example.org`, trace_status: i === 0 ? 'open' : 'sent', sent_datetime: '2026-11-23 08:00:00', open_datetime: i === 0 ? '2026-11-23 09:15:00' : false })));
  draftId = await world.odoo.create('mailing.mailing', { subject: 'Odoo draft', contact_list_ids: [[6, 0, [world.storeListId]]], body_html: '<p>Draft</p>' });
});
afterAll(() => world.close());

const storeId = DEMO_STORE.id;
const derived = (id: number) => `camp_odoo_${id}`;

describe('mailings made in Odoo itself', () => {
  it('appear in the campaign list under a stable derived id that passes the contract', async () => {
    const page = await world.run('marketing.campaigns.list', { storeId, search: 'Made in Odoo' });
    expect(page.campaigns).toHaveLength(1);
    expect(page.campaigns[0]).toMatchObject({ campaign_id: derived(mailingId), odoo_campaign_id: mailingId, status: 'sent' });
    expect(CampaignId.safeParse(derived(1)).success).toBe(true);
  });

  it('open by their derived id with their figures, report and recipients', async () => {
    const detail = await world.run('marketing.campaigns.get', { storeId, campaignId: derived(mailingId) });
    const report = await world.run('marketing.campaigns.report', { storeId, campaignId: derived(mailingId) });
    const recipients = await world.run('marketing.campaigns.recipients', { storeId, campaignId: derived(mailingId) });
    expect(detail).toMatchObject({ campaign_id: derived(mailingId), subject: 'Made in Odoo: holiday hours', sendgrid_template_id: null, stats: { opened: 1, delivered: 2 } });
    expect(report).toMatchObject({ made_in_odoo: true, funnel: { expected: 2, opened: 1 } });
    expect(recipients.total).toBe(2);
  });

  it('count in the overview and as a list’s last campaign', async () => {
    const overview = await world.run('marketing.overview', { storeId });
    const lists = await world.run('marketing.lists', { storeId });
    expect(overview.recent_campaigns[0]?.campaign_id).toBe(derived(mailingId));
    expect(lists.lists.find((l) => l.id === world.storeListId)?.last_campaign_detail?.campaign_id).toBe(derived(mailingId));
  });

  it('stay read-only: editing, sending or canceling them is refused, duplicating gives an editable copy', async () => {
    await expect(world.run('marketing.campaigns.update', { storeId, campaignId: derived(draftId), subject: 'Changed' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(world.run('marketing.campaigns.send', { storeId, campaignId: derived(draftId) })).rejects.toMatchObject({ code: 'conflict' });
    await expect(world.run('marketing.campaigns.cancel', { storeId, campaignId: derived(draftId) })).rejects.toMatchObject({ code: 'conflict' });
    const copy = await world.run('marketing.campaigns.duplicate', { storeId, campaignId: derived(draftId) });
    const edited = await world.run('marketing.campaigns.update', { storeId, campaignId: copy.campaign_id, subject: 'Now ours' });
    expect(copy.duplicated_from).toBe(derived(draftId));
    expect(copy.campaign_id).not.toMatch(/^camp_odoo_/);
    expect(edited.changed).toBe(true);
  });

  it('do not resolve a derived id to a mailing the console made', async () => {
    const made = await world.run('marketing.campaigns.create', { storeId, subject: 'Ours', sendgrid_template_id: 'd-x', list_id: world.storeListId });
    await expect(world.run('marketing.campaigns.get', { storeId, campaignId: derived(made.odoo_campaign_id) })).rejects.toMatchObject({ code: 'not_found' });
  });
});
