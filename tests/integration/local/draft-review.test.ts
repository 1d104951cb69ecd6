import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLocalHarness, storeListId, STORE_ID, until, type LocalHarness } from './harness';

let h: LocalHarness;
let listId: number;
beforeEach(async () => {
  h = await startLocalHarness();
  listId = await storeListId(h);
});
afterEach(() => h.close());

const body = '<p>Spring is here</p><p><a href="/unsubscribe_from_list">Unsubscribe</a></p>';
const synced = (id: string) => until(() => h.api.call('drafts.get', { id }), (d) => d.draft.sync.state === 'synced');

/** What the editor's Review step does with a local draft: push it, look at it, run the pre-send check. */
async function review(id: string): Promise<string> {
  await h.api.call('drafts.sync', {});
  const { draft } = await h.api.call('drafts.get', { id });
  const campaignId = String(draft.campaignId);
  await h.api.call('marketing.campaigns.precheck', { storeId: STORE_ID, campaignId });
  return campaignId;
}

describe('a local draft reviewed for sending', () => {
  it('reaches Odoo with its sender, template and segment, so the review needs no other write', async () => {
    const draft = await h.api.call('drafts.save', { storeId: STORE_ID, subject: 'Spring', emailFrom: 'Juniper <news@juniper.example>', templateId: 'd-spring', listId, segment: 'buyers', body });
    const campaignId = await review(draft.id);
    const { draft: after } = await synced(draft.id);
    const [mailing] = await h.odoo.read('mailing.mailing', [Number(after.sync.odooId)], ['x_sendgrid_template_id', 'email_from', 'total']);
    const estimate = await h.api.call('marketing.campaigns.estimate', { storeId: STORE_ID, list_id: listId, segment: 'buyers' });
    expect(mailing).toMatchObject({ x_sendgrid_template_id: 'd-spring', email_from: 'Juniper <news@juniper.example>', total: estimate.estimated_recipients });
    const shown = await h.api.call('marketing.campaigns.get', { storeId: STORE_ID, campaignId });
    expect(shown).toMatchObject({ campaign_id: campaignId, sendgrid_template_id: 'd-spring' });
  });

  it('takes an edit made after the review as ours, not as a change made in Odoo', async () => {
    const draft = await h.api.call('drafts.save', { storeId: STORE_ID, subject: 'Spring', templateId: 'd-spring', listId, segment: 'buyers', body });
    await review(draft.id);
    const reviewed = await synced(draft.id);
    // The review wrote nothing after the push: Odoo's write_date is still the one the draft noted.
    const [seen] = await h.odoo.read('mailing.mailing', [Number(reviewed.draft.sync.odooId)], ['write_date']);
    expect(seen?.write_date).toBe(reviewed.draft.sync.odooWriteDate);
    // Odoo's write_date has one-second resolution: the next push lands a minute later.
    h.peerClock.now = new Date(h.peerClock.now.getTime() + 60_000);

    const current = await h.api.call('drafts.get', { id: draft.id });
    await h.api.call('drafts.save', { id: draft.id, baseVersion: current.draft.version, storeId: STORE_ID, subject: 'Spring, second look', templateId: 'd-spring', listId, segment: 'all', body });
    await h.api.call('drafts.sync', {});
    const { draft: after, outbox } = await synced(draft.id);
    expect(outbox).toEqual([]);
    const [mailing] = await h.odoo.read('mailing.mailing', [Number(after.sync.odooId)], ['subject']);
    expect(mailing?.subject).toBe('Spring, second look');
  });
});
