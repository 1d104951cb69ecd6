import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure, startLocalHarness, storeListId, STORE_ID, until, type LocalHarness } from './harness';

let h: LocalHarness;
let listId: number;
beforeEach(async () => {
  h = await startLocalHarness();
  listId = await storeListId(h);
});
afterEach(() => h.close());

const BODY = '<p>Spring plants are in.</p><p><a href="/unsubscribe_from_list">Unsubscribe</a></p>';

/** A manual A/B test of two subjects on the store's list, sent and delivered by the peer. */
async function sentTest() {
  const made = await h.api.call('marketing.campaigns.create', { storeId: STORE_ID, subject: 'Spring plants', sendgrid_template_id: 'd-spring', list_id: listId });
  await h.odoo.write('mailing.mailing', [made.odoo_campaign_id], { body_html: BODY });
  await h.api.call('marketing.campaigns.ab.save', { storeId: STORE_ID, campaignId: made.campaign_id, versions: [{ subject: 'Spring plants: 20 % off' }], test_share_pc: 50, winner_selection: 'manual', send_winner_at: '2025-03-05T10:00:00Z' });
  const check = await h.api.call('marketing.campaigns.precheck', { storeId: STORE_ID, campaignId: made.campaign_id });
  const acknowledge = check.issues.filter((i) => i.severity === 'warning').map((i) => i.code);
  await h.api.call('marketing.campaigns.send', { storeId: STORE_ID, campaignId: made.campaign_id, acknowledge });
  await until(() => h.api.call('marketing.campaigns.ab.get', { storeId: STORE_ID, campaignId: made.campaign_id }), (t) => t.versions.every((v) => v.status === 'sent'));
  return { campaignId: made.campaign_id, acknowledge: acknowledge.filter((c) => c !== 'ab_small_test') };
}

describe('sending the winner of an A/B test', () => {
  it('is refused while Odoo cannot be reached, like any send, and nothing is sent', async () => {
    const { campaignId, acknowledge } = await sentTest();
    await h.stopPeer();
    const error = await failure(h.api.call('marketing.campaigns.ab.winner', { storeId: STORE_ID, campaignId, version: 'B', acknowledge }));
    expect(error.code).toBe('offline');
    await h.restartPeer();
    expect((await h.api.call('marketing.campaigns.ab.get', { storeId: STORE_ID, campaignId })).winner).toBeNull();
  });

  it('writes the winner send to the audit log: which campaign, which version, who picked it', async () => {
    const { campaignId, acknowledge } = await sentTest();
    const test = await h.api.call('marketing.campaigns.ab.winner', { storeId: STORE_ID, campaignId, version: 'B', acknowledge });
    const { entries } = await h.api.call('audit.list', { limit: 20 });
    const sends = entries.filter((e) => e.action === 'campaign.sent');
    expect(sends[0]?.details).toMatchObject({ storeId: STORE_ID, campaignId, abWinner: 'B', winnerOdooId: test.winner?.odoo_campaign_id, chosenBy: 'manual' });
  });
});
