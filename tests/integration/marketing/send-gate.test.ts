import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEMO_STORE, NO_SENDGRID_ACK, startMarketingWorld, writeBody, type MarketingWorld } from './harness';

/**
 * The send API runs the pre-send check itself (issue 10): a campaign whose check has errors, or
 * warnings nobody acknowledged, is refused with precheck.failed and Odoo is left as it was.
 */
let world: MarketingWorld;
beforeAll(async () => {
  world = await startMarketingWorld();
});
afterAll(() => world.close());

const storeId = DEMO_STORE.id;
const State = z.array(z.object({ state: z.string(), subject: z.string() }));
const stateOf = async (id: number) => State.parse(await world.odoo.read('mailing.mailing', [id], ['state', 'subject']))[0]!.state;
const launches = () => world.peer.calls.filter((c) => c.model === 'mailing.mailing' && (c.method === 'action_launch' || c.method === 'action_schedule')).length;

async function created(subject: string, over: Record<string, unknown> = {}) {
  return world.run('marketing.campaigns.create', { storeId, subject, sendgrid_template_id: 'd-vip-2026', list_id: world.storeListId, ...over });
}

/** The refusal, with the codes of the problems it lists. */
async function refusal(campaignId: string, acknowledge: string[] = [...NO_SENDGRID_ACK], schedule?: string) {
  const error = await world.run('marketing.campaigns.send', { storeId, campaignId, acknowledge: acknowledge as typeof NO_SENDGRID_ACK, ...(schedule ? { schedule } : {}) }).then(
    () => { throw new Error('the send was accepted'); },
    (e: unknown) => e as { code: string; details: { problems: { code: string }[] } },
  );
  expect(error.code).toBe('precheck.failed');
  return error.details.problems.map((p) => p.code);
}

describe('the send API refuses what the pre-send check refuses', () => {
  it('refuses the stand-in body a campaign gets without SendGrid, and launches nothing', async () => {
    const campaign = await created('VIP early access');
    const before = launches();
    expect(await refusal(campaign.campaign_id)).toEqual(['placeholder_body']);
    expect(await stateOf(campaign.odoo_campaign_id)).toBe('draft');
    expect(launches()).toBe(before);
  });

  it('refuses a body emptied in Odoo', async () => {
    const campaign = await created('Nothing inside');
    await world.odoo.write('mailing.mailing', [campaign.odoo_campaign_id], { body_html: '<div><p><br></p></div>' });
    expect(await refusal(campaign.campaign_id)).toEqual(['empty_body']);
  });

  it('refuses a duplicate whose body still reads like the campaign it was copied from', async () => {
    const original = await created('VIP early access');
    const copy = await world.run('marketing.campaigns.duplicate', { storeId, campaignId: original.campaign_id });
    await world.run('marketing.campaigns.update', { storeId, campaignId: copy.campaign_id, subject: 'Buyers thank-you' });
    const check = await world.run('marketing.campaigns.precheck', { storeId, campaignId: copy.campaign_id });
    expect(check.issues.find((i) => i.code === 'foreign_body')?.message).toContain('VIP early access');
    expect(await refusal(copy.campaign_id)).toEqual(['foreign_body']);
  });

  it('refuses a segment nobody is in, so no empty send becomes the list’s last campaign', async () => {
    const campaign = await created('For nobody', { segment: 'tag:nosuch' });
    await writeBody(world, campaign.odoo_campaign_id);
    expect(await refusal(campaign.campaign_id)).toEqual(['no_recipients']);
    expect(await stateOf(campaign.odoo_campaign_id)).toBe('draft');
    const [list] = (await world.run('marketing.lists', { storeId })).lists.filter((l) => l.id === world.storeListId);
    expect(list?.last_campaign_detail?.campaign_id).not.toBe(campaign.campaign_id);
  });

  it('refuses a warning nobody acknowledged, names it, and sends once it is acknowledged', async () => {
    const campaign = await created('Autumn news');
    await writeBody(world, campaign.odoo_campaign_id);
    expect(await refusal(campaign.campaign_id, [])).toEqual(['suppressions_unchecked']);
    expect(await stateOf(campaign.odoo_campaign_id)).toBe('draft');
    const sent = await world.run('marketing.campaigns.send', { storeId, campaignId: campaign.campaign_id, acknowledge: NO_SENDGRID_ACK });
    expect(sent.status).toBe('sending');
  });

  it('refuses to schedule what it would refuse to send', async () => {
    const campaign = await created('Later, still a stand-in');
    expect(await refusal(campaign.campaign_id, [...NO_SENDGRID_ACK], '2026-12-10T09:00:00Z')).toEqual(['placeholder_body']);
    expect(await stateOf(campaign.odoo_campaign_id)).toBe('draft');
  });

  it('answers a retried send of a launched campaign without checking it again', async () => {
    const campaign = await created('Sent once');
    await writeBody(world, campaign.odoo_campaign_id);
    await world.run('marketing.campaigns.send', { storeId, campaignId: campaign.campaign_id, acknowledge: NO_SENDGRID_ACK });
    const retried = await world.run('marketing.campaigns.send', { storeId, campaignId: campaign.campaign_id });
    expect(retried.status).toBe('sending');
  });
});
