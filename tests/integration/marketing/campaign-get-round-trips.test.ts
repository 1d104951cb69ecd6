import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOdooClient, type OdooClient } from '../../../src/main/core/odoo';
import { createMarketing, type MarketingService } from '../../../src/main/core/marketing';
import { DEMO_API_KEY, DEMO_DATABASE, DEMO_LOGIN } from '../../../src/main/sandbox/odoo';
import { roundTripCounter, type RoundTrips } from '../../support/round-trips';
import { DEMO_STORE, startMarketingWorld, type MarketingWorld } from './harness';

/**
 * Opening a campaign's stats asks Odoo what it needs in as few waits as the answers allow: the
 * mailing first (everything else depends on its lists and dates), then every other question at once,
 * and never the same question twice.
 */
const storeId = DEMO_STORE.id;
let world: MarketingWorld;
let inner: OdooClient;
let counter: RoundTrips;
let marketing: MarketingService;

beforeAll(async () => {
  world = await startMarketingWorld({ contactCount: 300 });
  inner = createOdooClient({ url: world.peer.url, database: DEMO_DATABASE, login: DEMO_LOGIN, apiKey: DEMO_API_KEY });
  await inner.connect();
  counter = roundTripCounter(inner);
  marketing = createMarketing({ odoo: counter.client, now: world.clock.now, stores: [DEMO_STORE], engagement: async () => ({}) });
});
afterAll(async () => {
  await inner.close();
  await world.close();
});

describe('campaigns.get against Odoo', () => {
  it('reads a sent campaign in two round trips, asking nothing twice', async () => {
    const [sent] = (await marketing.listCampaigns({ storeId, status: 'sent', limit: 1, offset: 0 })).campaigns;
    counter.reset();
    const detail = await marketing.getCampaign(storeId, sent!.campaign_id);
    expect(detail.status).toBe('sent');
    expect(counter.rounds()).toBe(2);
    const questions = counter.questions();
    expect(new Set(questions).size).toBe(questions.length);
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
 * day, bounces per reason and the links' click counts all at once: five calls in two round trips.
 * read_progress_bar groups by one field, so opens, clicks and bounce reasons are three questions,
 * and the links are another model's (the issue's goal of four calls is not met yet).
 */
describe('campaigns.report against Odoo', () => {
  it('reads a sent campaign’s report in two round trips and five calls, asking nothing twice', async () => {
    const [sent] = (await marketing.listCampaigns({ storeId, status: 'sent', limit: 1, offset: 0 })).campaigns;
    counter.reset();
    const report = await marketing.campaignReport(storeId, sent!.campaign_id);
    expect(report.funnel.sent).toBeGreaterThan(0);
    expect(counter.rounds()).toBe(2);
    const questions = counter.questions();
    expect(questions).toHaveLength(5);
    expect(new Set(questions).size).toBe(questions.length);
    expect(questions.filter((q) => q.includes('read_progress_bar'))).toHaveLength(3);
  });
});
