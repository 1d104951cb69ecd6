import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CreateCampaignInput } from '../../../src/shared/schemas/marketing';
import { DEMO_STORE, NO_SENDGRID_ACK, startMarketingWorld, TODAY, writeBody, type MarketingWorld } from './harness';

let world: MarketingWorld;
beforeAll(async () => {
  world = await startMarketingWorld();
});
afterAll(() => world.close());

const Mailing = z.object({ id: z.number(), state: z.string(), total: z.number(), mailing_model_id: z.tuple([z.number(), z.string()]), contact_list_ids: z.array(z.number()), subject: z.string(), x_markket_campaign_id: z.string(), x_sendgrid_template_id: z.string(), schedule_type: z.string(), schedule_date: z.union([z.string(), z.literal(false)]), body_html: z.string() });
const FIELDS = ['id', 'state', 'total', 'mailing_model_id', 'contact_list_ids', 'subject', 'x_markket_campaign_id', 'x_sendgrid_template_id', 'schedule_type', 'schedule_date', 'body_html'];
const mailingsOf = async (campaignId: string) => z.array(Mailing).parse(await world.odoo.searchRead('mailing.mailing', [['x_markket_campaign_id', '=', campaignId]], FIELDS, { context: { active_test: false } }));

const draft = (over: Record<string, unknown> = {}) => ({
  storeId: DEMO_STORE.id, subject: 'Winter sale starts now', sendgrid_template_id: 'd-winter-2026', list_id: world.storeListId, segment: 'all', schedule: null, ...over,
});

/** A draft whose email the person has written, ready for the pre-send check. */
async function ready(input: z.input<typeof CreateCampaignInput>) {
  const created = await world.run('marketing.campaigns.create', input);
  await writeBody(world, created.odoo_campaign_id);
  return created;
}

describe('creating a campaign', () => {
  it('creates a draft mailing on the store list that Odoo will send to the estimated number of people', async () => {
    const created = await world.run('marketing.campaigns.create', { ...draft(), client_request_id: 'create-basic-0001' });
    const [mailing] = await mailingsOf(created.campaign_id);
    expect(created.status).toBe('draft');
    expect(mailing).toMatchObject({ id: created.odoo_campaign_id, state: 'draft', contact_list_ids: [world.storeListId], subject: 'Winter sale starts now', x_sendgrid_template_id: 'd-winter-2026' });
    expect(mailing?.mailing_model_id[1]).toBe('Mailing List');
    expect(mailing?.body_html).toContain('/unsubscribe_from_list');
    const [list] = z.array(z.object({ contact_count_email: z.number() })).parse(await world.odoo.read('mailing.list', [world.storeListId], ['contact_count_email']));
    expect(created.estimated_recipients).toBe(list?.contact_count_email);
  });

  it('makes one mailing when the same request is sent twice', async () => {
    const first = await world.run('marketing.campaigns.create', { ...draft(), client_request_id: 'create-twice-0001' });
    const second = await world.run('marketing.campaigns.create', { ...draft(), client_request_id: 'create-twice-0001' });
    expect(second).toEqual(first);
    expect(await mailingsOf(first.campaign_id)).toHaveLength(1);
  });

  it('makes one mailing when the same request arrives twice at the same moment', async () => {
    const [first, second] = await Promise.all([
      world.run('marketing.campaigns.create', { ...draft(), client_request_id: 'create-race-0001' }),
      world.run('marketing.campaigns.create', { ...draft(), client_request_id: 'create-race-0001' }),
    ]);
    expect(second.campaign_id).toBe(first.campaign_id);
    expect(await mailingsOf(first.campaign_id)).toHaveLength(1);
  });

  it('refuses to reuse a request id for a different campaign', async () => {
    await world.run('marketing.campaigns.create', { ...draft(), client_request_id: 'create-reuse-0001' });
    await expect(world.run('marketing.campaigns.create', { ...draft({ subject: 'Another subject' }), client_request_id: 'create-reuse-0001' })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('gives a new campaign id to every request without a request id', async () => {
    const a = await world.run('marketing.campaigns.create', draft());
    const b = await world.run('marketing.campaigns.create', draft());
    expect(a.campaign_id).not.toBe(b.campaign_id);
    expect(a.odoo_campaign_id).not.toBe(b.odoo_campaign_id);
  });

  it('stores the schedule on the draft in Odoo’s UTC format', async () => {
    const created = await world.run('marketing.campaigns.create', { ...draft(), schedule: '2026-11-30T08:30:00Z' });
    const [mailing] = await mailingsOf(created.campaign_id);
    expect(mailing).toMatchObject({ state: 'draft', schedule_type: 'scheduled', schedule_date: '2026-11-30 08:30:00' });
  });

  it('rejects a schedule in the past, naming the field', async () => {
    await expect(world.run('marketing.campaigns.create', { ...draft(), schedule: '2026-11-01T08:00:00Z' })).rejects.toMatchObject({
      code: 'input.invalid', details: { fields: [{ field: 'schedule' }] },
    });
  });

  it('rejects a list of another store, naming list_id', async () => {
    const other = await world.odoo.create('mailing.list', { name: 'Store B - Newsletter', x_markket_store_id: 'demo-store-b' });
    await expect(world.run('marketing.campaigns.create', { ...draft({ list_id: other }) })).rejects.toMatchObject({
      code: 'input.invalid', details: { fields: [{ field: 'list_id' }], list_id: other },
    });
  });

  it('answers not_found for an unknown store', async () => {
    await expect(world.run('marketing.campaigns.create', { ...draft({ storeId: 'no-such-store' }) })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('sending a campaign', () => {
  it('launches a draft without a schedule: Odoo queues it and the console says sending', async () => {
    const created = await ready({ ...draft(), client_request_id: 'send-now-0001' });
    const sent = await world.run('marketing.campaigns.send', { storeId: DEMO_STORE.id, campaignId: created.campaign_id, acknowledge: NO_SENDGRID_ACK });
    expect(sent).toEqual({ campaign_id: created.campaign_id, status: 'sending', scheduled_for: null, estimated_recipients: created.estimated_recipients });
    expect((await mailingsOf(created.campaign_id))[0]?.state).toBe('in_queue');
  });

  it('does not launch a second time when the send is retried', async () => {
    const created = await ready({ ...draft(), client_request_id: 'send-retry-0001' });
    await world.run('marketing.campaigns.send', { storeId: DEMO_STORE.id, campaignId: created.campaign_id, acknowledge: NO_SENDGRID_ACK });
    world.calls.reset();
    const retried = await world.run('marketing.campaigns.send', { storeId: DEMO_STORE.id, campaignId: created.campaign_id, acknowledge: NO_SENDGRID_ACK });
    expect(retried.status).toBe('sending');
    expect(world.calls.calls().map((c) => c.method)).not.toContain('action_launch');
  });

  it('reaches exactly the estimated number of people once Odoo has sent it', async () => {
    const created = await ready({ ...draft(), client_request_id: 'send-reach-0001' });
    await world.run('marketing.campaigns.send', { storeId: DEMO_STORE.id, campaignId: created.campaign_id, acknowledge: NO_SENDGRID_ACK });
    await world.peer.processQueue();
    const mailed = await world.odoo.searchCount('mailing.trace', [['mass_mailing_id', '=', created.odoo_campaign_id], ['trace_status', '!=', 'cancel']]);
    expect(mailed).toBe(created.estimated_recipients);
  });

  it('reports a retried send of a campaign Odoo has meanwhile sent as sent, and makes no new traces', async () => {
    const created = await ready({ ...draft(), client_request_id: 'send-done-0001' });
    await world.run('marketing.campaigns.send', { storeId: DEMO_STORE.id, campaignId: created.campaign_id, acknowledge: NO_SENDGRID_ACK });
    await world.peer.processQueue();
    const traces = () => world.odoo.searchCount('mailing.trace', [['mass_mailing_id', '=', created.odoo_campaign_id]]);
    const before = await traces();
    const retried = await world.run('marketing.campaigns.send', { storeId: DEMO_STORE.id, campaignId: created.campaign_id, acknowledge: NO_SENDGRID_ACK });
    await world.peer.processQueue();
    expect(retried.status).toBe('sent');
    expect(await traces()).toBe(before);
  });

  it('schedules a draft with a future date and says when it will go', async () => {
    const created = await ready({ ...draft(), schedule: '2026-12-01T09:00:00Z', client_request_id: 'send-later-0001' });
    const sent = await world.run('marketing.campaigns.send', { storeId: DEMO_STORE.id, campaignId: created.campaign_id, acknowledge: NO_SENDGRID_ACK });
    const [mailing] = await mailingsOf(created.campaign_id);
    expect(sent).toMatchObject({ status: 'scheduled', scheduled_for: '2026-12-01T09:00:00.000Z' });
    expect(mailing).toMatchObject({ state: 'in_queue', schedule_type: 'scheduled', schedule_date: '2026-12-01 09:00:00' });
    const detail = await world.run('marketing.campaigns.get', { storeId: DEMO_STORE.id, campaignId: created.campaign_id });
    expect(detail).toMatchObject({ status: 'scheduled', scheduled_for: '2026-12-01T09:00:00.000Z' });
  });

  it('launches at once a draft whose schedule has passed by the time it is sent', async () => {
    const created = await ready({ ...draft(), schedule: '2026-11-24T13:00:00Z', client_request_id: 'send-late-0001' });
    world.clock.set(new Date('2026-11-24T14:00:00Z'));
    try {
      const sent = await world.run('marketing.campaigns.send', { storeId: DEMO_STORE.id, campaignId: created.campaign_id, acknowledge: NO_SENDGRID_ACK });
      expect(sent).toMatchObject({ status: 'sending', scheduled_for: null });
    } finally {
      world.clock.set(TODAY);
    }
  });

  it('answers not_found for an unknown campaign and for an unknown store', async () => {
    await expect(world.run('marketing.campaigns.send', { storeId: DEMO_STORE.id, campaignId: 'camp_doesnotexist' })).rejects.toMatchObject({ code: 'not_found', details: { campaignId: 'camp_doesnotexist' } });
    await expect(world.run('marketing.campaigns.send', { storeId: 'no-such-store', campaignId: 'camp_doesnotexist' })).rejects.toMatchObject({ code: 'not_found', details: { storeId: 'no-such-store' } });
  });
});
