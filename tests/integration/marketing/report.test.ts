import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyEngagement } from '../../../src/main/core/marketing/engagement';
import { DEMO_STORE, startMarketingWorld, type MarketingWorld } from './harness';

let world: MarketingWorld;
let sent: { campaign_id: string; odoo_campaign_id: number };
beforeAll(async () => {
  world = await startMarketingWorld({ sendgrid: true });
  const [latest] = (await world.run('marketing.campaigns.list', { storeId, status: 'sent', limit: 1 })).campaigns;
  sent = latest!;
});
afterAll(() => world.close());

const storeId = DEMO_STORE.id;
const count = (domain: unknown[]) => world.odoo.searchCount('mailing.trace', [['mass_mailing_id', '=', sent.odoo_campaign_id], ...domain]);

describe('a campaign’s report', () => {
  it('shows Odoo’s delivery funnel and counts every first open and click in the timeline', async () => {
    const report = await world.run('marketing.campaigns.report', { storeId, campaignId: sent.campaign_id });
    expect(report.funnel).toMatchObject({
      expected: await count([]),
      delivered: await count([['trace_status', 'in', ['sent', 'open', 'reply']]]),
      opened: await count([['trace_status', 'in', ['open', 'reply']]]),
      bounced: await count([['trace_status', '=', 'bounce']]),
    });
    const opens = report.timeline.buckets.reduce((s, b) => s + b.opens, 0);
    const clicks = report.timeline.buckets.reduce((s, b) => s + b.clicks, 0);
    expect(opens).toBe(await count([['open_datetime', '!=', false]]));
    expect(clicks).toBe(await count([['links_click_datetime', '!=', false]]));
    expect(opens).toBeGreaterThan(0);
  });

  it('splits bounces into hard, soft, block and dropped by the reason the webhook or Odoo wrote', async () => {
    const traceIds = await world.odoo.search('mailing.trace', [['mass_mailing_id', '=', sent.odoo_campaign_id], ['trace_status', '=', 'sent']], { limit: 4 });
    const reasons = ['Blocked: 554 listed at a blocklist', 'Dropped: Bounced Address', '421 4.7.0 try again later', 'Hard bounce: 550 5.1.1 user unknown'];
    const before = (await world.run('marketing.campaigns.report', { storeId, campaignId: sent.campaign_id })).bounces;
    await world.odoo.write('mailing.mailing', [sent.odoo_campaign_id], { mailing_trace_ids: traceIds.map((id, i) => [1, id, { trace_status: 'bounce', failure_type: 'mail_bounce', failure_reason: reasons[i] }]) });
    const after = (await world.run('marketing.campaigns.report', { storeId, campaignId: sent.campaign_id })).bounces;
    expect(after).toEqual({ hard: before.hard + 1, soft: before.soft + 1, block: before.block + 1, dropped: before.dropped + 1 });
  });

  it('keeps machine opens apart from human opens and merges SendGrid’s clicks per link with Odoo’s', async () => {
    const linkId = await world.odoo.create('link.tracker', { url: 'https://shop.example.com/new', mass_mailing_id: sent.odoo_campaign_id });
    const traces = await world.odoo.search('mailing.trace', [['mass_mailing_id', '=', sent.odoo_campaign_id]], { limit: 3 });
    await world.odoo.createMany('link.tracker.click', traces.map((t) => ({ link_id: linkId, mailing_trace_id: t, mass_mailing_id: sent.odoo_campaign_id })));
    world.engagement[sent.campaign_id] = { ...emptyEngagement(), opens: 900, machine_opens: 150, clicks: 40, urls: { 'https://shop.example.com/new': 7, 'https://shop.example.com/faq': 2 } };
    const report = await world.run('marketing.campaigns.report', { storeId, campaignId: sent.campaign_id });
    delete world.engagement[sent.campaign_id];
    expect(report.opens).toMatchObject({ human: 900, machine: 150, total: 900 });
    expect(report.top_links).toContainEqual({ url: 'https://shop.example.com/new', clicks: 7, unique_clicks: 3 });
    const top = report.top_links[0]!;
    const [link] = await world.odoo.search('link.tracker', [['mass_mailing_id', '=', sent.odoo_campaign_id], ['url', '=', top.url]]);
    expect(top.unique_clicks).toBe(await world.odoo.searchCount('link.tracker.click', [['link_id', '=', link]]));
    expect(report.top_links).toContainEqual({ url: 'https://shop.example.com/faq', clicks: 2, unique_clicks: null });
    expect(report.sources).toEqual(['odoo', 'events']);
  });

  it('costs five Odoo calls, four of them at once', async () => {
    world.calls.reset();
    await world.marketing.campaignReport(storeId, sent.campaign_id);
    expect(world.calls.count()).toBeLessThanOrEqual(5);
  });

  it('answers not_found for an unknown campaign', async () => {
    await expect(world.run('marketing.campaigns.report', { storeId, campaignId: 'camp_doesnotexist' })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('a campaign’s figures with SendGrid', () => {
  it('take total opens and clicks from SendGrid’s stats for the campaign’s category', async () => {
    const created = await world.run('marketing.campaigns.create', { storeId, subject: 'Through SendGrid', sendgrid_template_id: (await world.sendgrid!.listTemplates())[0]!.id, list_id: world.storeListId });
    await world.odoo.write('mailing.mailing', [created.odoo_campaign_id], { state: 'done', sent_date: '2026-11-20 10:00:00' });
    const to = Array.from({ length: 40 }, (_, i) => ({ email: `reader${i}@example.org` }));
    for (const person of to) {
      await world.sendgrid!.sendMail({ to: [person], from: { email: 'shop@example.com' }, subject: 'Through SendGrid', html: '<p>Hi</p>', categories: [created.campaign_id], customArgs: { campaign_id: created.campaign_id } });
    }
    const [stats] = await world.sendgrid!.categoryStats([created.campaign_id], { start_date: '2026-11-20', end_date: '2026-11-24' }).then((rows) => [rows.flatMap((r) => r.stats.map((s) => s.metrics))]);
    const opens = (stats ?? []).reduce((s, m) => s + m.opens, 0);
    const detail = await world.run('marketing.campaigns.get', { storeId, campaignId: created.campaign_id });
    expect(detail.sources).toContain('sendgrid');
    expect(detail.stats.opened).toBe(Math.max(opens, detail.stats.unique_opened));
    expect(opens).toBeGreaterThan(0);
  });
});


