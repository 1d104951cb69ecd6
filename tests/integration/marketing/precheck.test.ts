import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEMO_STORE, startMarketingWorld, type MarketingWorld } from './harness';

let world: MarketingWorld;
let templateId: string;
beforeAll(async () => {
  world = await startMarketingWorld({ sendgrid: true });
  const templates = await world.sendgrid!.listTemplates();
  // The welcome template maps every field it uses, so a campaign from it starts clean.
  templateId = templates.find((t) => /welcome/i.test(t.name))?.id ?? templates[0]!.id;
});
afterAll(() => world.close());

const storeId = DEMO_STORE.id;
async function draft(over: Record<string, unknown> = {}) {
  return world.run('marketing.campaigns.create', { storeId, subject: 'Hello from the shop', sendgrid_template_id: templateId, list_id: world.storeListId, ...over });
}
const codes = (r: { issues: { code: string }[] }) => r.issues.map((i) => i.code);

describe('the pre-send check', () => {
  it('passes a campaign built from a template, counting who will receive it', async () => {
    const created = await draft();
    const check = await world.run('marketing.campaigns.precheck', { storeId, campaignId: created.campaign_id });
    expect(check.ok).toBe(true);
    expect(check.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(check.recipients).toBe(created.estimated_recipients);
  });

  it('blocks a body without an unsubscribe link, an empty subject and a field Odoo cannot fill, and warns about http links', async () => {
    const created = await draft();
    await world.odoo.write('mailing.mailing', [created.odoo_campaign_id], { subject: ' ', body_html: '<p>Hi {{loyalty_points}}</p><a href="http://shop.example.com/sale">Sale</a>' });
    const check = await world.run('marketing.campaigns.precheck', { storeId, campaignId: created.campaign_id });
    expect(check.ok).toBe(false);
    expect(codes(check)).toEqual(expect.arrayContaining(['no_unsubscribe_link', 'empty_subject', 'insecure_links', 'unmapped_template_fields']));
    expect(check.issues.find((i) => i.code === 'insecure_links')?.details).toMatchObject({ urls: ['http://shop.example.com/sale'] });
    expect(check.issues.find((i) => i.code === 'unmapped_template_fields')).toMatchObject({ severity: 'error', details: { fields: ['loyalty_points'] } });
  });

  it('warns about recipients SendGrid has suppressed, naming them', async () => {
    const created = await draft();
    const [contact] = z.array(z.object({ email_normalized: z.string() })).parse(await world.odoo.searchRead('mailing.contact', [['list_ids', 'in', [world.storeListId]], ['is_blacklisted', '=', false], ['subscription_ids', 'any', [['opt_out', '=', false]]]], ['email_normalized'], { limit: 1 }));
    world.sendgridPeer!.suppressions.add('bounces', contact!.email_normalized, '550 5.1.1 user unknown');
    const check = await world.run('marketing.campaigns.precheck', { storeId, campaignId: created.campaign_id });
    const issue = check.issues.find((i) => i.code === 'suppressed_recipients');
    expect(issue).toMatchObject({ severity: 'warning', details: { count: 1, by_kind: { bounces: 1 }, emails: [contact!.email_normalized] } });
  });

  it('blocks a segment nobody is in', async () => {
    const created = await draft({ segment: 'tag:nobody-has-this-tag' });
    const check = await world.run('marketing.campaigns.precheck', { storeId, campaignId: created.campaign_id });
    expect(check).toMatchObject({ ok: false, recipients: 0 });
    expect(codes(check)).toContain('no_recipients');
  });

  it('blocks a campaign that was already sent', async () => {
    const [sent] = (await world.run('marketing.campaigns.list', { storeId, status: 'sent', limit: 1 })).campaigns;
    const check = await world.run('marketing.campaigns.precheck', { storeId, campaignId: sent!.campaign_id });
    expect(codes(check)).toContain('not_draft');
  });

  it('costs two Odoo calls whatever the audience', async () => {
    const created = await draft();
    world.calls.reset();
    await world.marketing.precheckCampaign(storeId, created.campaign_id);
    expect(world.calls.count()).toBe(2);
  });
});
