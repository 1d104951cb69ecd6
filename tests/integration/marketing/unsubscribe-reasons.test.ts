import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { OutgoingMail } from '../../../src/main/sandbox/odoo';
import { DEMO_STORE, sendToVips, startMarketingWorld, TODAY, type MarketingWorld } from './harness';
import { collectDelivered, unsubscribeLink } from '../../support/delivered-mails';

/**
 * Why people left: the reason a recipient picks on Odoo's unsubscribe page reaches Odoo through its
 * /mailing/feedback route (mass_mailing's controller), and the console shows it where a marketer
 * looks: beside the campaign's "Unsubscribed" and on the subscriber's list in the drawer.
 */
const storeId = DEMO_STORE.id;
const TOO_MANY = 'I receive too many emails from this list';

describe.each(['18.0', '19.0'] as const)('on Odoo %s', (version) => {
  let world: MarketingWorld;
  let delivered: OutgoingMail[] = [];

  beforeAll(async () => {
    world = await startMarketingWorld({ version });
    delivered = collectDelivered(world.peer);
  });
  afterAll(() => world.close());

  /** What the unsubscribe page's reason form posts, with the link's own credentials. */
  async function giveFeedback(mail: OutgoingMail, extra: Record<string, unknown>, token?: string): Promise<unknown> {
    const link = unsubscribeLink(mail);
    const params = {
      mailing_id: Number(/\/mailing\/(\d+)\//.exec(link.pathname)?.[1]),
      document_id: Number(link.searchParams.get('document_id')),
      email: link.searchParams.get('email'),
      hash_token: token ?? link.searchParams.get('hash_token'),
      last_action: 'subscription_updated',
      ...extra,
    };
    const res = await fetch(`${world.peer.url}/mailing/feedback`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', method: 'call', params, id: 3 }) });
    expect(res.status).toBe(200);
    return z.object({ result: z.unknown() }).parse(await res.json()).result;
  }

  it('shows the reasons given on the campaign and on the subscriber, the one given without a reason last', async () => {
    const created = await sendToVips(world, 'VIP reasons', 'unsub-reason-0001');
    const mails = delivered.filter((m) => m.xMarkketCampaignId === created.campaign_id);
    expect(mails.length).toBeGreaterThan(4);
    const [tooMany, other, silent, late] = mails as [OutgoingMail, OutgoingMail, OutgoingMail, OutgoingMail];
    world.clock.set(new Date(TODAY.getTime() + 3_600_000));
    for (const mail of [tooMany, other, silent, late]) expect((await fetch(unsubscribeLink(mail))).status).toBe(200);

    // The page's checks, as Odoo's controller makes them: no reason, no token or a wrong one.
    expect(await giveFeedback(tooMany, {})).toBe('error');
    expect(await giveFeedback(tooMany, { opt_out_reason_id: 2 }, '')).toBe('error');
    expect(await giveFeedback(tooMany, { opt_out_reason_id: 2 }, '0'.repeat(64))).toBe('unauthorized');
    expect(await giveFeedback(tooMany, { opt_out_reason_id: 2 })).toBe(true);
    expect(await giveFeedback(other, { opt_out_reason_id: 4, feedback: '  I moved abroad.  ' })).toBe(true);
    // Only opt-outs of the last ten minutes take a reason: this one's page was left open too long.
    world.clock.set(new Date(TODAY.getTime() + 3_600_000 + 11 * 60_000));
    expect(await giveFeedback(late, { opt_out_reason_id: 3 })).toBe(true);

    const campaign = await world.run('marketing.campaigns.get', { storeId, campaignId: created.campaign_id });
    expect(campaign.stats.unsubscribed).toBe(4);
    expect(campaign.unsubscribe_reasons).toEqual([
      { reason: TOO_MANY, count: 1 },
      { reason: 'Other', count: 1 },
      { reason: null, count: 2 },
    ]);

    const drawer = await world.run('marketing.subscribers.get', { storeId, id: tooMany.resId });
    expect(drawer.lists.find((l) => l.id === world.storeListId)).toMatchObject({ opted_out: true, opted_out_reason: TOO_MANY });
    const quiet = await world.run('marketing.subscribers.get', { storeId, id: silent.resId });
    expect(quiet.lists.find((l) => l.id === world.storeListId)).toMatchObject({ opted_out: true, opted_out_reason: null });

    // The text written under "Other" is logged on the contact, as Odoo's message_post does.
    const messages = z.array(z.object({ body: z.string() })).parse(await world.odoo.searchRead('mail.message', [['model', '=', 'mailing.contact'], ['res_id', '=', other.resId]], ['body']));
    expect(messages.map((m) => m.body)).toEqual([`<p>Feedback from ${unsubscribeLink(other).searchParams.get('email')}<br>I moved abroad.</p>`]);
  });
});
