import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { OutgoingMail } from '../../../src/main/sandbox/odoo';
import { DEMO_STORE, NO_SENDGRID_ACK, startMarketingWorld, TODAY, writeBody, type MarketingWorld } from './harness';
import { collectDelivered } from '../../support/delivered-mails';

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

  /** The unsubscribe link Odoo wrote into a recipient's mail. */
  function linkOf(mail: OutgoingMail): URL {
    const href = /href="([^"]*\/mailing\/\d+\/unsubscribe\?[^"]*)"/.exec(mail.bodyHtml)?.[1];
    if (!href) throw new Error(`no unsubscribe link in the mail to ${mail.emailTo}`);
    return new URL(href.replace(/&amp;/g, '&'));
  }

  /** What the unsubscribe page's reason form posts, with the link's own credentials. */
  async function giveFeedback(mail: OutgoingMail, extra: Record<string, unknown>, token?: string): Promise<unknown> {
    const link = linkOf(mail);
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
    const created = await world.run('marketing.campaigns.create', { storeId, subject: 'VIP reasons', sendgrid_template_id: 'd-vip', list_id: world.storeListId, segment: 'tag:vip', schedule: null, client_request_id: 'unsub-reason-0001' });
    await writeBody(world, created.odoo_campaign_id);
    await world.run('marketing.campaigns.send', { storeId, campaignId: created.campaign_id, acknowledge: [...NO_SENDGRID_ACK] });
    await world.peer.processQueue();
    const mails = delivered.filter((m) => m.xMarkketCampaignId === created.campaign_id);
    expect(mails.length).toBeGreaterThan(4);
    const [tooMany, other, silent, late] = mails as [OutgoingMail, OutgoingMail, OutgoingMail, OutgoingMail];
    world.clock.set(new Date(TODAY.getTime() + 3_600_000));
    for (const mail of [tooMany, other, silent, late]) expect((await fetch(linkOf(mail))).status).toBe(200);

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
    expect(messages.map((m) => m.body)).toEqual([`<p>Feedback from ${linkOf(other).searchParams.get('email')}<br>I moved abroad.</p>`]);
  });
});
