import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MarketingService } from '../../../src/main/core/marketing';
import type { RoundTrips } from '../../support/round-trips';
import { addSentCampaigns, countedMarketing, DEMO_STORE, NO_SENDGRID_ACK, startMarketingWorld, writeBody, type MarketingWorld } from './harness';

/**
 * Opening a campaign's stats asks Odoo what it needs in as few waits as the answers allow: the
 * mailing first (everything else depends on its lists and dates), then every other question at once,
 * and never the same question twice.
 */
const storeId = DEMO_STORE.id;
let world: MarketingWorld;
let close: () => Promise<void>;
let counter: RoundTrips;
let marketing: MarketingService;

beforeAll(async () => {
  world = await startMarketingWorld({ contactCount: 300 });
  ({ marketing, counter, close } = await countedMarketing(world));
});
afterAll(async () => {
  await close();
  await world.close();
});

describe('campaigns.get against Odoo', () => {
  it('takes a third round trip to credit the unsubscribes when people left through a link since, asking nothing twice', async () => {
    // The demo's recipients left through the link of the last mail they got, a few hours after it,
    // so every seeded campaign has link opt-outs after its send: crediting them needs those people's
    // sends (unsubscribes.ts), one more wait.
    const { campaigns } = await marketing.listCampaigns({ storeId, status: 'sent', limit: 100, offset: 0 });
    const seen: { unsubscribed: number; rounds: number; repeated: number }[] = [];
    for (const sent of campaigns) {
      counter.reset();
      const detail = await marketing.getCampaign(storeId, sent.campaign_id);
      const questions = counter.questions();
      seen.push({ unsubscribed: detail.stats.unsubscribed, rounds: counter.rounds(), repeated: questions.length - new Set(questions).size });
    }
    expect(seen.filter((c) => c.unsubscribed > 0).length).toBeGreaterThan(0);
    expect(seen.filter((c) => c.rounds !== 3 || c.repeated > 0)).toEqual([]);
  });

  it('reads a draft in two round trips at most', async () => {
    const [draft] = (await marketing.listCampaigns({ storeId, status: 'draft', limit: 1, offset: 0 })).campaigns;
    counter.reset();
    await marketing.getCampaign(storeId, draft!.campaign_id);
    expect(counter.rounds()).toBeLessThanOrEqual(2);
    const questions = counter.questions();
    expect(new Set(questions).size).toBe(questions.length);
  });
});

/**
 * Issue 15: the stats view's report is the mailing (Odoo's funnel), then opens and clicks per hour or
 * day, bounces per reason and the links' click counts all at once. read_progress_bar groups by one
 * field, so opens, clicks and bounce reasons are three questions, and the links are another model's:
 * five calls for a campaign with all three. A question the funnel already answers as "none" is not
 * asked, so a campaign without bounces (or clicks) costs four.
 */
describe('campaigns.report against Odoo', () => {
  const reportOf = async (campaignId: string) => {
    counter.reset();
    const report = await marketing.campaignReport(storeId, campaignId);
    const questions = counter.questions();
    expect(counter.rounds()).toBe(2);
    expect(new Set(questions).size).toBe(questions.length);
    return { report, questions };
  };

  it('reads a campaign with opens, clicks and bounces in two round trips and five calls, asking nothing twice', async () => {
    const [sent] = (await marketing.listCampaigns({ storeId, status: 'sent', limit: 1, offset: 0 })).campaigns;
    const { report, questions } = await reportOf(sent!.campaign_id);
    expect(report.funnel).toMatchObject({ opened: expect.any(Number), clicked: expect.any(Number), bounced: expect.any(Number) });
    expect(Math.min(report.funnel.opened, report.funnel.clicked, report.funnel.bounced)).toBeGreaterThan(0);
    expect(questions).toHaveLength(5);
    expect(questions.filter((q) => q.includes('read_progress_bar'))).toHaveLength(3);
  });

  it('does not ask for bounce reasons when Odoo counted no bounce: four calls', async () => {
    const [, sent] = (await marketing.listCampaigns({ storeId, status: 'sent', limit: 2, offset: 0 })).campaigns;
    const { odoo_campaign_id: mailingId } = await marketing.getCampaign(storeId, sent!.campaign_id);
    // The bounces turn out to be delivered after all (an administrator corrects the traces in Odoo).
    const bounced = await world.odoo.search('mailing.trace', [['mass_mailing_id', '=', mailingId!], ['trace_status', '=', 'bounce']]);
    expect(bounced.length).toBeGreaterThan(0);
    await world.odoo.write('mailing.trace', bounced, { trace_status: 'sent', failure_type: false, failure_reason: false });
    const { report, questions } = await reportOf(sent!.campaign_id);
    expect(report.funnel.bounced).toBe(0);
    expect(report.bounces).toEqual({ hard: 0, soft: 0, block: 0, dropped: 0 });
    expect(report.timeline.buckets.some((b) => b.clicks > 0)).toBe(true);
    expect(questions).toHaveLength(4);
    expect(questions.some((q) => q.includes('failure_reason'))).toBe(false);
  });

  it('asks only for the mailing and its links when nobody has opened, clicked or bounced yet', async () => {
    await addSentCampaigns(world, 1);
    const { report, questions } = await reportOf('camp_bulk000000');
    expect(report.funnel).toMatchObject({ opened: 0, clicked: 0, bounced: 0 });
    expect(report.timeline.buckets).toEqual([]);
    expect(questions).toHaveLength(2);
    expect(questions.some((q) => q.includes('read_progress_bar'))).toBe(false);
  });

  it('counts opens and clicks by the hour on Odoo 18, whose hour labels put 9 am and 9 pm together, still in four calls', async () => {
    const sentAt = new Date(world.clock.now().getTime() - 30 * 3_600_000);
    const day = sentAt.toISOString().slice(0, 10);
    const mailingId = await world.odoo.create('mailing.mailing', {
      subject: 'Morning and evening', contact_list_ids: [[6, 0, [world.storeListId]]], x_markket_campaign_id: 'camp_ampm00000001',
      body_html: '<p>Twice a day</p>', state: 'done', sent_date: `${day} 08:00:00`,
    });
    const contacts = await world.odoo.search('mailing.contact', [['list_ids', 'in', [world.storeListId]]], { limit: 3 });
    const trace = (i: number, open: string | false, click: string | false) => ({
      mass_mailing_id: mailingId, model: 'mailing.contact', res_id: contacts[i], email: `ampm${i}@example.com`, trace_status: open ? 'open' : 'sent',
      sent_datetime: `${day} 08:00:00`, open_datetime: open, links_click_datetime: click,
    });
    await world.odoo.createMany('mailing.trace', [trace(0, `${day} 09:10:00`, false), trace(1, `${day} 21:40:00`, `${day} 21:45:00`), trace(2, false, false)]);
    const { report, questions } = await reportOf('camp_ampm00000001');
    expect(report.timeline.granularity).toBe('hour');
    const at = (hour: string) => report.timeline.buckets.find((b) => b.at === new Date(`${day}T${hour}:00:00Z`).toISOString());
    expect(at('09')).toMatchObject({ opens: 1, clicks: 0 });
    expect(at('21')).toMatchObject({ opens: 1, clicks: 1 });
    expect(report.timeline.buckets.reduce((n, b) => n + b.opens, 0)).toBe(2);
    expect(questions).toHaveLength(4);
  });

  it('still asks for opens when the only open came after a bounce (SendGrid reports it; the trace keeps its bounce status)', async () => {
    const mailingId = await world.odoo.create('mailing.mailing', {
      subject: 'Late open', contact_list_ids: [[6, 0, [world.storeListId]]], x_markket_campaign_id: 'camp_lateopen0001',
      body_html: '<p>Old news</p>', state: 'done', sent_date: '2026-01-15 09:00:00',
    });
    const [contact] = await world.odoo.search('mailing.contact', [['list_ids', 'in', [world.storeListId]]], { limit: 1 });
    await world.odoo.create('mailing.trace', {
      mass_mailing_id: mailingId, model: 'mailing.contact', res_id: contact, email: 'late@example.com', trace_status: 'bounce',
      failure_reason: 'Hard bounce: 550 5.1.1 user unknown', sent_datetime: '2026-01-15 09:00:00', open_datetime: '2026-01-15 10:30:00',
    });
    const { report, questions } = await reportOf('camp_lateopen0001');
    expect(report.funnel).toMatchObject({ opened: 0, bounced: 1 });
    expect(report.timeline.buckets.reduce((n, b) => n + b.opens, 0)).toBe(1);
    expect(report.bounces.hard).toBe(1);
    expect(questions).toHaveLength(4);
  });
});

/**
 * Odoo 19 groups the same traces several ways in one query (formatted_read_grouping_sets), so the
 * clicks per period and the bounce reasons share a call: four calls with opens, clicks and
 * bounces, and the same figures as the separate questions give.
 */
describe('campaigns.report against Odoo 19', () => {
  let world19: MarketingWorld;
  let close19: () => Promise<void>;
  let counter19: RoundTrips;
  let marketing19: MarketingService;
  beforeAll(async () => {
    world19 = await startMarketingWorld({ contactCount: 300, version: '19.0' });
    ({ marketing: marketing19, counter: counter19, close: close19 } = await countedMarketing(world19));
  });
  afterAll(async () => {
    await close19();
    await world19.close();
  });

  it('reads a campaign with opens, clicks and bounces in four calls: clicks and bounce reasons in one grouping-sets question', async () => {
    const [sent] = (await marketing19.listCampaigns({ storeId, status: 'sent', limit: 1, offset: 0 })).campaigns;
    counter19.reset();
    const report = await marketing19.campaignReport(storeId, sent!.campaign_id);
    const questions = counter19.questions();
    expect(Math.min(report.funnel.opened, report.funnel.clicked, report.funnel.bounced)).toBeGreaterThan(0);
    expect(counter19.rounds()).toBe(2);
    expect(questions).toHaveLength(4);
    expect(questions.filter((q) => q.includes('formatted_read_grouping_sets'))).toHaveLength(1);
    expect(questions.filter((q) => q.includes('read_progress_bar'))).toHaveLength(1);

    const mailing = report.odoo_campaign_id!;
    const count = (domain: unknown[]) => world19.odoo.searchCount('mailing.trace', [['mass_mailing_id', '=', mailing], ...domain]);
    expect(report.timeline.buckets.reduce((n, b) => n + b.clicks, 0)).toBe(await count([['links_click_datetime', '!=', false]]));
    expect(report.timeline.buckets.reduce((n, b) => n + b.opens, 0)).toBe(await count([['open_datetime', '!=', false]]));
    expect(Object.values(report.bounces).reduce((a, b) => a + b, 0)).toBe(report.funnel.bounced);
  });

  it('gives the same report as Odoo 18\'s separate questions about the same traces', async () => {
    // Both demo Odoos are seeded alike: the same campaign holds the same traces.
    const [sent] = (await marketing19.listCampaigns({ storeId, status: 'sent', limit: 1, offset: 0 })).campaigns;
    const together = await marketing19.campaignReport(storeId, sent!.campaign_id);
    const apart = await marketing.campaignReport(storeId, sent!.campaign_id);
    expect(together.funnel).toEqual(apart.funnel);
    expect(together.timeline).toEqual(apart.timeline);
    expect(together.bounces).toEqual(apart.bounces);
  });
});

// Last in the file: the campaign it sends becomes the newest, which the tests above pick by position.
describe('campaigns.get of a campaign nobody has left through', () => {
  it('reads a sent campaign in two round trips when nobody has followed an unsubscribe link since it went out, asking nothing twice', async () => {
    const created = await world.run('marketing.campaigns.create', { storeId, subject: 'Fresh news', sendgrid_template_id: 'd-vip', list_id: world.storeListId, segment: 'tag:vip', schedule: null, client_request_id: 'round-trips-fresh-01' });
    await writeBody(world, created.odoo_campaign_id);
    await world.run('marketing.campaigns.send', { storeId, campaignId: created.campaign_id, acknowledge: [...NO_SENDGRID_ACK] });
    await world.peer.processQueue();
    counter.reset();
    const detail = await marketing.getCampaign(storeId, created.campaign_id);
    expect(detail.status).toBe('sent');
    expect(detail.stats.sent).toBeGreaterThan(0);
    expect(counter.rounds()).toBe(2);
    const questions = counter.questions();
    expect(new Set(questions).size).toBe(questions.length);
  });
});
