import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { OutgoingMail } from '../../../src/main/sandbox/odoo';
import { DEMO_STORE, sendToVips, startMarketingWorld, TODAY, type MarketingWorld } from './harness';
import { collectDelivered, unsubscribeLink } from '../../support/delivered-mails';

/**
 * A campaign's "Unsubscribed" counts the people its own unsubscribe link (or List-Unsubscribe
 * header) took off the list, as Odoo records them, and never an opt-out made in the console.
 */
const storeId = DEMO_STORE.id;

// Odoo 18 (JSON-RPC) and Odoo 19 (JSON-2) both opt the address out as their public user.
describe.each(['18.0', '19.0'] as const)('on Odoo %s', (version) => {
  let world: MarketingWorld;
  let delivered: OutgoingMail[] = [];

  beforeAll(async () => {
    world = await startMarketingWorld({ version });
    delivered = collectDelivered(world.peer);
  });
  afterAll(() => world.close());

  const sendCampaign = async (subject: string, requestId: string): Promise<string> => (await sendToVips(world, subject, requestId)).campaign_id;

  const unsubscribed = async (campaignId: string) => (await world.run('marketing.campaigns.get', { storeId, campaignId })).stats.unsubscribed;

  describe('unsubscribes credited to a campaign', () => {
    it('counts an unsubscribe through the campaign’s own link, and not a bulk opt-out made in the console', async () => {
      const campaignId = await sendCampaign('VIP early access', 'unsub-credit-0001');
      const mails = delivered.filter((m) => m.xMarkketCampaignId === campaignId);
      expect(mails.length).toBeGreaterThan(4);
      world.clock.set(new Date(TODAY.getTime() + 3_600_000));

      // One recipient follows the link in their mail: Odoo takes them off the list.
      const follower = mails[0] as OutgoingMail;
      const page = await fetch(unsubscribeLink(follower));
      expect(page.status).toBe(200);

      // The owner unsubscribes three others in bulk from the console.
      const others = mails.slice(1, 4).map((m) => m.resId);
      const bulk = await world.marketing.bulkSubscribers({ storeId, ids: others, action: 'unsubscribe' });
      expect(bulk.changed).toBe(3);

      expect(await unsubscribed(campaignId)).toBe(1);
      // Odoo holds all four opt-outs on the list; only the link's belongs to the campaign.
      const optedOut = z.array(z.object({ id: z.number() })).parse(await world.odoo.searchRead('mailing.subscription', [['list_id', '=', world.storeListId], ['contact_id', 'in', [follower.resId, ...others]], ['opt_out', '=', true]], ['id']));
      expect(optedOut).toHaveLength(4);
    });

    it('credits a link followed after a later campaign went out to the later campaign the mail came from', async () => {
      const first = await sendCampaign('VIP spring preview', 'unsub-credit-0002');
      world.clock.set(new Date(TODAY.getTime() + 7_200_000));
      const second = await sendCampaign('VIP summer preview', 'unsub-credit-0003');
      const mail = delivered.find((m) => m.xMarkketCampaignId === second) as OutgoingMail;
      world.clock.set(new Date(TODAY.getTime() + 10_800_000));
      expect((await fetch(unsubscribeLink(mail), { method: 'GET' })).status).toBe(200);
      expect(await unsubscribed(second)).toBe(1);
      expect(await unsubscribed(first)).toBe(0);
    });

    it('refuses a link whose token was altered, and changes nothing', async () => {
      const mail = delivered[delivered.length - 1] as OutgoingMail;
      const forged = unsubscribeLink(mail).href.replace(/hash_token=[0-9a-f]{4}/, 'hash_token=0000');
      expect((await fetch(forged)).status).toBe(401);
      const [subscription] = z.array(z.object({ opt_out: z.boolean() })).parse(await world.odoo.searchRead('mailing.subscription', [['list_id', '=', world.storeListId], ['contact_id', '=', mail.resId]], ['opt_out']));
      expect(subscription?.opt_out).toBe(false);
    });
  });
});
