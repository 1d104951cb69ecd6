import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaignIdFor } from '../../../src/main/core/marketing';
import type { Fault } from '../../support/fault-proxy';
import { failure, startFaultHarness, STORE_ID, type FaultHarness } from './harness';

/**
 * The fault matrix (issue 13): each scenario puts one fault between the console and Odoo, then
 * checks what Odoo holds (exactly once, or nothing) and the words the user gets.
 */
const AFTER_ODOO_RAN: Fault[] = ['drop-after', '5xx-after', 'garbled-after', 'truncated-after'];
const BEFORE_ODOO: Fault[] = ['reset-before', '5xx-before'];
const MAY_OR_MAY_NOT = 'may or may not have been saved';

let h: FaultHarness;
let listId: number;
let serial = 0;
const nextRequestId = () => `fault-matrix-${++serial}-request`;

beforeAll(async () => {
  h = await startFaultHarness();
  listId = (await h.api.call('marketing.lists', { storeId: STORE_ID })).lists[0]!.id;
}, 60_000);
afterAll(async () => h?.close());

const createInput = (requestId?: string) => ({
  storeId: STORE_ID,
  subject: `Fault matrix ${serial}`,
  sendgrid_template_id: 'd-fault-matrix',
  list_id: listId,
  ...(requestId ? { client_request_id: requestId } : {}),
});

describe('creating a campaign with a request id when the create meets a fault', () => {
  it.each([...BEFORE_ODOO, ...AFTER_ODOO_RAN])('%s: says it may or may not be saved, offers the same request id, and the retry makes exactly one', async (fault) => {
    await h.calm();
    const requestId = nextRequestId();
    const campaignId = campaignIdFor(STORE_ID, requestId);
    h.proxy.inject(fault, { model: 'mailing.mailing', method: 'create' });
    const error = await failure(h.api.call('marketing.campaigns.create', createInput(requestId)));
    expect(error.message).toContain(MAY_OR_MAY_NOT);
    expect(error.message).toContain(`Retry with the same request id ("${requestId}")`);
    expect(error.details).toMatchObject({ outcome: 'unknown', retry: { client_request_id: requestId } });
    expect(await h.mailingsOf(campaignId)).toHaveLength(BEFORE_ODOO.includes(fault) ? 0 : 1);

    await h.calm();
    const retried = await h.api.call('marketing.campaigns.create', createInput(requestId));
    expect(retried.campaign_id).toBe(campaignId);
    expect(await h.mailingsOf(campaignId)).toHaveLength(1);
  });
});

describe('creating a campaign without a request id when the answer is lost', () => {
  it.each(['drop-after', '5xx-after'] as Fault[])('%s: says to look in the campaign list before trying again, and Odoo holds the one campaign', async (fault) => {
    await h.calm();
    const before = await h.odoo.searchCount('mailing.mailing', []);
    h.proxy.inject(fault, { model: 'mailing.mailing', method: 'create' });
    const error = await failure(h.api.call('marketing.campaigns.create', createInput()));
    expect(error.message).toContain(MAY_OR_MAY_NOT);
    expect(error.message).toContain('Look for it in the campaign list before trying again');
    expect(await h.odoo.searchCount('mailing.mailing', [])).toBe(before + 1);
  });
});

/**
 * A campaign the pre-send check lets through: a body written for it (as the editor saves it into
 * Odoo) with an unsubscribe link. This profile has no SendGrid, so its suppressions are not checked:
 * the sender acknowledges that warning.
 */
async function sendableCampaign(): Promise<string> {
  const created = await h.api.call('marketing.campaigns.create', createInput(nextRequestId()));
  await h.odoo.write('mailing.mailing', [created.odoo_campaign_id], { body_html: '<p>Our spring collection is here.</p><p><a href="/unsubscribe_from_list">Unsubscribe</a></p>' });
  return created.campaign_id;
}
const sendInput = (campaignId: string) => ({ storeId: STORE_ID, campaignId, acknowledge: ['suppressions_unchecked' as const] });

describe('sending a campaign when the launch meets a fault', () => {
  it.each([...BEFORE_ODOO, ...AFTER_ODOO_RAN])('%s: says it may or may not be saved, and the retried send launches it exactly once', async (fault) => {
    await h.calm();
    const campaignId = await sendableCampaign();
    const launchesBefore = h.ran('mailing.mailing', 'action_launch');
    h.proxy.inject(fault, { model: 'mailing.mailing', method: 'action_launch' });
    const error = await failure(h.api.call('marketing.campaigns.send', sendInput(campaignId)));
    expect(error.message).toContain(MAY_OR_MAY_NOT);
    const [afterFault] = await h.mailingsOf(campaignId);
    expect(afterFault?.state).toBe(BEFORE_ODOO.includes(fault) ? 'draft' : 'in_queue');

    await h.calm();
    const sent = await h.api.call('marketing.campaigns.send', sendInput(campaignId));
    expect(sent.status).toBe('sending');
    expect(h.ran('mailing.mailing', 'action_launch') - launchesBefore).toBe(1);
  });

  it('refused: answers that nothing was sent or queued, and the campaign stays a draft in Odoo', async () => {
    await h.calm();
    const campaignId = await sendableCampaign();
    await h.proxy.refuse();
    try {
      const error = await failure(h.api.call('marketing.campaigns.send', sendInput(campaignId)));
      expect({ code: error.code, message: error.message }).toEqual({
        code: 'offline',
        message: 'Sending needs a live connection to Odoo, and Odoo cannot be reached right now. Your campaign was not sent or queued; try again when you are back online.',
      });
    } finally {
      await h.proxy.accept();
    }
    expect((await h.mailingsOf(campaignId))[0]?.state).toBe('draft');
  });
});

describe('editing a draft when the write meets a fault after Odoo ran it', () => {
  it.each(['drop-after', '5xx-after', 'truncated-after'] as Fault[])('%s: says it may or may not be saved; Odoo holds the edit, and the retry leaves one draft holding it', async (fault) => {
    await h.calm();
    const created = await h.api.call('marketing.campaigns.create', createInput(nextRequestId()));
    h.proxy.inject(fault, { model: 'mailing.mailing', method: 'write' });
    const error = await failure(h.api.call('marketing.campaigns.update', { storeId: STORE_ID, campaignId: created.campaign_id, subject: `Edited through ${fault}` }));
    expect(error.message).toContain(MAY_OR_MAY_NOT);
    expect((await h.mailingsOf(created.campaign_id))[0]?.subject).toBe(`Edited through ${fault}`);

    await h.calm();
    const retried = await h.api.call('marketing.campaigns.update', { storeId: STORE_ID, campaignId: created.campaign_id, subject: `Edited through ${fault}` });
    expect(retried.campaign_id).toBe(created.campaign_id);
    expect(await h.mailingsOf(created.campaign_id)).toMatchObject([{ subject: `Edited through ${fault}`, state: 'draft' }]);
  });
});

describe('reading while Odoo answers badly', () => {
  it.each(['5xx-before', 'reset-before', 'truncated-after'] as Fault[])('%s once: the read is retried and answers fresh figures', async (fault) => {
    await h.calm();
    h.proxy.inject(fault, { model: 'mailing.list', method: 'search_read' });
    const lists = await h.api.call('marketing.lists', { storeId: STORE_ID });
    expect(lists.stale).toBeUndefined();
    expect(lists.lists.map((l) => l.id)).toContain(listId);
    expect(h.proxy.faulted.at(-1)).toMatchObject({ model: 'mailing.list', fault });
  });

  it.each(['5xx-before', 'garbled-after', 'truncated-after', 'reset-before'] as Fault[])('%s on every call: answers from the offline cache "as of" its time, and the header stops saying online', async (fault) => {
    await h.calm();
    const fresh = await h.api.call('marketing.lists', { storeId: STORE_ID });
    h.proxy.inject(fault, { model: 'mailing.list' }, Number.MAX_SAFE_INTEGER);
    const stale = await h.api.call('marketing.lists', { storeId: STORE_ID });
    expect(stale).toMatchObject({ stale: true, as_of: expect.any(String) });
    expect(stale.lists).toEqual(fresh.lists);
    expect((await h.api.call('connectivity.status', {})).online).toBe(false);
  });

  it('refused: answers from the offline cache, and the header says offline', async () => {
    await h.calm();
    const fresh = await h.api.call('marketing.overview', { storeId: STORE_ID });
    await h.proxy.refuse();
    try {
      const stale = await h.api.call('marketing.overview', { storeId: STORE_ID });
      expect(stale).toMatchObject({ stale: true, subscribers: fresh.subscribers });
      expect((await h.api.call('connectivity.status', {})).online).toBe(false);
    } finally {
      await h.proxy.accept();
    }
  });
});

describe('slow replies', () => {
  it('a second create with the same request id while the first answer is slow makes one campaign, and both answer it', async () => {
    await h.calm();
    const requestId = nextRequestId();
    h.proxy.inject('hold', { model: 'mailing.mailing', method: 'create' });
    const first = h.api.call('marketing.campaigns.create', createInput(requestId));
    await h.proxy.held();
    const second = h.api.call('marketing.campaigns.create', createInput(requestId));
    h.proxy.release();
    const [a, b] = await Promise.all([first, second]);
    expect(a.campaign_id).toBe(b.campaign_id);
    expect(await h.mailingsOf(campaignIdFor(STORE_ID, requestId))).toHaveLength(1);
  });

  it('a slow read answers with fresh figures once Odoo replies, not an error', async () => {
    await h.calm();
    h.proxy.inject('hold', { model: 'mailing.list', method: 'search_read' });
    const pending = h.api.call('marketing.lists', { storeId: STORE_ID });
    await h.proxy.held();
    h.proxy.release();
    const lists = await pending;
    expect(lists.stale).toBeUndefined();
    expect(lists.lists.map((l) => l.id)).toContain(listId);
  });
});

describe('offline drafts pushed through the outbox when the push meets a fault', () => {
  it.each(['drop-after', '5xx-after', 'truncated-after'] as Fault[])('%s: the draft waits, and the next sync leaves exactly one mailing for it in Odoo', async (fault) => {
    await h.calm();
    const draft = await h.api.call('drafts.save', { storeId: STORE_ID, subject: `Outbox through ${fault}`, listId });
    h.proxy.inject(fault, { model: 'mailing.mailing', method: 'create' });
    const first = await h.api.call('drafts.sync', {});
    expect(first.stoppedBy?.message).toContain(MAY_OR_MAY_NOT);
    const waiting = await h.api.call('drafts.get', { id: draft.id });
    const campaignId = waiting.draft.campaignId as string;
    expect(await h.mailingsOf(campaignId)).toHaveLength(1);

    await h.calm();
    const second = await h.api.call('drafts.sync', {});
    expect(second.stoppedBy).toBeUndefined();
    expect(await h.mailingsOf(campaignId)).toHaveLength(1);
    expect((await h.api.call('drafts.get', { id: draft.id })).draft.sync.state).toBe('synced');
  });
});
