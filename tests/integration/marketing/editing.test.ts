import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEMO_STORE, readWarnings, startMarketingWorld, type MarketingWorld } from './harness';

let world: MarketingWorld;
let templates: { id: string }[];
beforeAll(async () => {
  world = await startMarketingWorld({ sendgrid: true });
  templates = await world.sendgrid!.listTemplates();
});
afterAll(() => world.close());

const storeId = DEMO_STORE.id;
const Mailing = z.object({
  id: z.number(), state: z.string(), subject: z.string(), preview: z.union([z.string(), z.literal(false)]), body_html: z.string(),
  schedule_type: z.string(), schedule_date: z.union([z.string(), z.literal(false)]), mailing_domain: z.string(),
  x_markket_campaign_id: z.union([z.string(), z.literal(false)]), x_sendgrid_template_id: z.union([z.string(), z.literal(false)]),
});
async function mailing(id: number) {
  const rows = await world.odoo.read('mailing.mailing', [id], ['state', 'subject', 'preview', 'body_html', 'schedule_type', 'schedule_date', 'mailing_domain', 'x_markket_campaign_id', 'x_sendgrid_template_id']);
  return z.array(Mailing).parse(rows)[0]!;
}
async function draft(subject = 'Spring preview') {
  return world.run('marketing.campaigns.create', { storeId, subject, sendgrid_template_id: templates[0]!.id, list_id: world.storeListId });
}

describe('the live recipient estimate', () => {
  it('counts the segment as Odoo will send it, out of everyone reachable on the list', async () => {
    const estimate = await world.run('marketing.campaigns.estimate', { storeId, list_id: world.storeListId, segment: 'tag:vip' });
    const vip = await world.odoo.searchCount('mailing.contact', [
      ['subscription_ids', 'any', [['list_id', '=', world.storeListId], ['opt_out', '=', false]]], ['is_blacklisted', '=', false], ['email_normalized', '!=', false], ['tag_ids.name', '=', 'vip'],
    ]);
    const [list] = z.array(z.object({ contact_count_email: z.number() })).parse(await world.odoo.read('mailing.list', [world.storeListId], ['contact_count_email']));
    expect(estimate).toEqual({ estimated_recipients: vip, list_total: list?.contact_count_email });
    expect(vip).toBeGreaterThan(0);
  });

  it('costs one Odoo call for the whole list and two for a segment', async () => {
    world.calls.reset();
    await world.marketing.estimateCampaign({ storeId, list_id: world.storeListId, segment: 'all' });
    expect(world.calls.count()).toBe(1);
    world.calls.reset();
    await world.marketing.estimateCampaign({ storeId, list_id: world.storeListId, segment: 'buyers' });
    expect(world.calls.count()).toBe(2);
  });

  it('refuses a list of another store, naming list_id', async () => {
    const other = await world.odoo.create('mailing.list', { name: 'Store B', x_markket_store_id: 'demo-store-b' });
    await expect(world.run('marketing.campaigns.estimate', { storeId, list_id: other, segment: 'all' })).rejects.toMatchObject({ code: 'input.invalid', details: { fields: [{ field: 'list_id' }] } });
  });
});

describe('creating from a SendGrid template', () => {
  it('gives the draft the template’s active version as its body', async () => {
    const created = await draft();
    const m = await mailing(created.odoo_campaign_id);
    expect(m.x_sendgrid_template_id).toBe(templates[0]!.id);
    expect(m.body_html).not.toContain('data-markket-placeholder');
    expect(m.body_html).toContain('/unsubscribe_from_list');
  });

  it('refuses a template SendGrid does not have, naming the field, and creates nothing', async () => {
    const before = await world.odoo.searchCount('mailing.mailing', []);
    await expect(world.run('marketing.campaigns.create', { storeId, subject: 'Ghost', sendgrid_template_id: 'd-00000000000000000000000000000000', list_id: world.storeListId })).rejects.toMatchObject({
      code: 'input.invalid', details: { fields: [{ field: 'sendgrid_template_id' }] },
    });
    expect(await world.odoo.searchCount('mailing.mailing', [])).toBe(before);
  });
});

describe('editing a draft', () => {
  it('writes subject, preview and schedule and re-renders the body from a new template', async () => {
    const created = await draft();
    const updated = await world.run('marketing.campaigns.update', {
      storeId, campaignId: created.campaign_id, subject: 'Spring is here', preview_text: 'New scents inside', sendgrid_template_id: templates[1]!.id, schedule: '2026-12-02T08:00:00Z',
    });
    const m = await mailing(created.odoo_campaign_id);
    const version = await world.sendgrid!.getActiveVersion(templates[1]!.id);
    expect(updated).toMatchObject({ campaign_id: created.campaign_id, status: 'draft', scheduled_for: '2026-12-02T08:00:00.000Z', changed: true });
    expect(m).toMatchObject({ state: 'draft', subject: 'Spring is here', preview: 'New scents inside', x_sendgrid_template_id: templates[1]!.id, schedule_type: 'scheduled', schedule_date: '2026-12-02 08:00:00' });
    expect(m.body_html).toContain('/unsubscribe_from_list');
    expect(m.body_html.length).toBeGreaterThan(version.html_content.length / 2);
  });

  it('narrows the audience to a new segment and answers its estimate', async () => {
    const created = await draft();
    const updated = await world.run('marketing.campaigns.update', { storeId, campaignId: created.campaign_id, segment: 'buyers' });
    const estimate = await world.run('marketing.campaigns.estimate', { storeId, list_id: world.storeListId, segment: 'buyers' });
    expect(updated.estimated_recipients).toBe(estimate.estimated_recipients);
    expect(updated.estimated_recipients).toBeLessThan(created.estimated_recipients);
    expect((await mailing(created.odoo_campaign_id)).mailing_domain).toContain("'buyer'");
  });

  it('refuses to change the list without saying which segment of it', async () => {
    const created = await draft();
    const other = await world.odoo.create('mailing.list', { name: 'Store A - VIP', x_markket_store_id: storeId });
    await expect(world.run('marketing.campaigns.update', { storeId, campaignId: created.campaign_id, list_id: other })).rejects.toMatchObject({ code: 'input.invalid', details: { fields: [{ field: 'segment' }] } });
  });

  it('refuses to edit a campaign that is scheduled', async () => {
    const created = await draft();
    await world.run('marketing.campaigns.send', { storeId, campaignId: created.campaign_id, schedule: '2026-12-05T09:00:00Z', acknowledge: await readWarnings(world, storeId, created.campaign_id) });
    await expect(world.run('marketing.campaigns.update', { storeId, campaignId: created.campaign_id, subject: 'Too late' })).rejects.toMatchObject({ code: 'conflict' });
  });
});

describe('scheduling, canceling and duplicating', () => {
  it('schedules a draft for the date given with the send', async () => {
    const created = await draft();
    const sent = await world.run('marketing.campaigns.send', { storeId, campaignId: created.campaign_id, schedule: '2026-12-06T07:30:00Z', acknowledge: await readWarnings(world, storeId, created.campaign_id) });
    expect(sent).toMatchObject({ status: 'scheduled', scheduled_for: '2026-12-06T07:30:00.000Z' });
    expect(await mailing(created.odoo_campaign_id)).toMatchObject({ state: 'in_queue', schedule_type: 'scheduled', schedule_date: '2026-12-06 07:30:00' });
  });

  it('sends at once when the send says now, even if the draft had a date', async () => {
    const created = await world.run('marketing.campaigns.create', { storeId, subject: 'Now please', sendgrid_template_id: templates[0]!.id, list_id: world.storeListId, schedule: '2026-12-09T09:00:00Z' });
    const sent = await world.run('marketing.campaigns.send', { storeId, campaignId: created.campaign_id, schedule: null, acknowledge: await readWarnings(world, storeId, created.campaign_id) });
    expect(sent).toMatchObject({ status: 'sending', scheduled_for: null });
  });

  it('puts a scheduled campaign back to draft, and a second cancel changes nothing', async () => {
    const created = await draft();
    await world.run('marketing.campaigns.send', { storeId, campaignId: created.campaign_id, schedule: '2026-12-07T09:00:00Z', acknowledge: await readWarnings(world, storeId, created.campaign_id) });
    const canceled = await world.run('marketing.campaigns.cancel', { storeId, campaignId: created.campaign_id });
    const again = await world.run('marketing.campaigns.cancel', { storeId, campaignId: created.campaign_id });
    expect(canceled).toMatchObject({ status: 'draft', changed: true });
    expect(again).toMatchObject({ status: 'draft', changed: false });
    expect((await mailing(created.odoo_campaign_id)).state).toBe('draft');
  });

  it('copies a sent campaign into a new draft with its own campaign id, once per request id', async () => {
    const [sent] = (await world.run('marketing.campaigns.list', { storeId, status: 'sent', limit: 1 })).campaigns;
    const copy = await world.run('marketing.campaigns.duplicate', { storeId, campaignId: sent!.campaign_id, client_request_id: 'duplicate-0001' });
    const retried = await world.run('marketing.campaigns.duplicate', { storeId, campaignId: sent!.campaign_id, client_request_id: 'duplicate-0001' });
    const m = await mailing(copy.odoo_campaign_id);
    expect(retried).toEqual(copy);
    expect(copy).toMatchObject({ duplicated_from: sent!.campaign_id, status: 'draft' });
    expect(copy.campaign_id).not.toBe(sent!.campaign_id);
    expect(m).toMatchObject({ state: 'draft', x_markket_campaign_id: copy.campaign_id });
  });
});
