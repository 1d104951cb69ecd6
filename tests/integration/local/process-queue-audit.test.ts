import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure, startLocalHarness, storeListId, STORE_ID, until, type LocalHarness } from './harness';

/**
 * "Process the queue now" makes or sends a campaign's mails, so it is kept like a send: refused
 * while Odoo cannot be reached, and written to the audit log (which queue, how far the send got).
 */
let h: LocalHarness;
beforeEach(async () => {
  h = await startLocalHarness();
});
afterEach(() => h.close());

const BODY = '<p>Our winter sale starts today.</p><p><a href="/unsubscribe_from_list">Unsubscribe</a></p>';

/** A send bigger than Odoo's force-send limit, left waiting in Odoo's mail queue. */
async function queuedSend(): Promise<{ campaignId: string; expected: number }> {
  // Odoo's own settings, smaller for the harness's 40 contacts: send at once up to 10, then batches of 10.
  await h.odoo.call('ir.config_parameter', 'set_param', [], { key: 'mail.mail.force.send.limit', value: '10' });
  await h.odoo.call('ir.config_parameter', 'set_param', [], { key: 'mail.mail.queue.batch.size', value: '10' });
  // The mail queue cron's next run is an hour away, so only "Process the queue now" moves the send.
  const [cronId] = await h.odoo.search('ir.cron', [['code', 'ilike', 'process_email_queue']]);
  await h.odoo.write('ir.cron', [cronId as number], { nextcall: '2025-03-01 11:00:00' });
  const made = await h.api.call('marketing.campaigns.create', { storeId: STORE_ID, subject: 'Winter sale', sendgrid_template_id: 'd-winter', list_id: await storeListId(h), client_request_id: 'queue-audit-0001' });
  await h.odoo.write('mailing.mailing', [made.odoo_campaign_id], { body_html: BODY, body_arch: BODY });
  const check = await h.api.call('marketing.campaigns.precheck', { storeId: STORE_ID, campaignId: made.campaign_id });
  await h.api.call('marketing.campaigns.send', { storeId: STORE_ID, campaignId: made.campaign_id, acknowledge: check.issues.filter((i) => i.severity === 'warning').map((i) => i.code) });
  const waiting = await until(() => h.api.call('marketing.campaigns.get', { storeId: STORE_ID, campaignId: made.campaign_id }), (c) => c.progress?.waiting_for === 'mail_queue');
  return { campaignId: made.campaign_id, expected: waiting.progress?.expected ?? 0 };
}

describe('running Odoo’s queue by hand', () => {
  it('writes the run to the audit log: the campaign, the queue and how many mails are out after it', async () => {
    const { campaignId, expected } = await queuedSend();
    expect(expected).toBeGreaterThan(10);
    const run = await h.api.call('marketing.campaigns.process_queue', { storeId: STORE_ID, campaignId });
    expect(run).toMatchObject({ ran: 'mail_queue', progress: { sent: 10, queued: expected - 10 } });

    const { entries } = await h.api.call('audit.list', { limit: 20 });
    const runs = entries.filter((e) => e.action === 'campaign.queue_processed');
    expect(runs).toHaveLength(1);
    expect(runs[0]?.details).toEqual({ storeId: STORE_ID, campaignId, queue: 'mail_queue', sent: 10, failed: 0, queued: expected - 10, expected });
    expect(entries.find((e) => e.action === 'campaign.sent')?.details).toMatchObject({ campaignId });
  });

  it('is refused while Odoo cannot be reached, and nothing is written to the log', async () => {
    const { campaignId } = await queuedSend();
    await h.stopPeer();
    expect((await failure(h.api.call('marketing.campaigns.process_queue', { storeId: STORE_ID, campaignId }))).code).toBe('offline');
    await h.restartPeer();
    const { entries } = await h.api.call('audit.list', { limit: 20 });
    expect(entries.filter((e) => e.action === 'campaign.queue_processed')).toEqual([]);
    expect((await h.api.call('marketing.campaigns.get', { storeId: STORE_ID, campaignId })).progress).toMatchObject({ sent: 0, waiting_for: 'mail_queue' });
  });
});
