import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_STORE, NO_SENDGRID_ACK, startMarketingWorld, writeBody, type MarketingWorld } from './harness';

/**
 * A big send on Odoo goes out in batches behind Odoo's queues: the campaign shows how many of its
 * mails are out, failed or still waiting, which queue they wait in and when it runs next, and an
 * Odoo administrator can run that queue now with Odoo's own "Run Manually".
 */
const storeId = DEMO_STORE.id;

// Odoo 18 (JSON-RPC) and Odoo 19 (JSON-2): the traces, the mailing's state and the cron read the same.
describe.each(['18.0', '19.0'] as const)('a big send’s progress from Odoo %s', (version) => {
  let world: MarketingWorld;
  let campaignId = '';

  beforeAll(async () => {
    world = await startMarketingWorld({ version });
    // Odoo's own setting for the size of a mail queue batch (1000 by default), smaller for a small demo list.
    await world.odoo.call('ir.config_parameter', 'set_param', [], { key: 'mail.mail.queue.batch.size', value: '500' });
    const created = await world.run('marketing.campaigns.create', { storeId, subject: 'Everyone: winter sale', sendgrid_template_id: 'd-winter', list_id: world.storeListId, segment: 'all', schedule: null, client_request_id: 'progress-0001' });
    campaignId = created.campaign_id;
    await writeBody(world, created.odoo_campaign_id);
    await world.run('marketing.campaigns.send', { storeId, campaignId, acknowledge: [...NO_SENDGRID_ACK] });
  });
  afterAll(() => world.close());

  const detail = () => world.run('marketing.campaigns.get', { storeId, campaignId });

  it('waits for Odoo’s mailing queue first, with nothing out yet', async () => {
    const { status, progress, audience } = await detail();
    expect(status).toBe('sending');
    expect(progress).toMatchObject({ sent: 0, failed: 0, waiting_for: 'mailing_queue', expected: audience.recipients, queued: audience.recipients });
  });

  it('then waits in Odoo’s mail queue, whose next run it names, and goes out one batch per run', async () => {
    await world.run('marketing.campaigns.process_queue', { storeId, campaignId });
    const made = (await detail()).progress;
    const [cron] = await world.odoo.read('ir.cron', [3], ['nextcall']);
    expect(made).toMatchObject({ sent: 0, waiting_for: 'mail_queue', can_process_now: true, next_batch_at: new Date(`${String(cron?.nextcall)}Z`).toISOString() });
    expect(made?.queued).toBe(made?.expected);
    expect(made?.expected).toBeGreaterThan(1000);

    const first = await world.run('marketing.campaigns.process_queue', { storeId, campaignId });
    expect(first.progress).toMatchObject({ sent: 500, queued: (made?.expected ?? 0) - 500, waiting_for: 'mail_queue' });
    const row = (await world.run('marketing.campaigns.list', { storeId, status: 'sending', limit: 20 })).campaigns.find((c) => c.campaign_id === campaignId);
    expect(row?.progress).toMatchObject({ sent: 500, queued: (made?.expected ?? 0) - 500 });

    // Odoo's cron worker, when it comes due, sends batch after batch until the queue is empty.
    await world.peer.processQueue();
    const done = await detail();
    expect(done.status).toBe('sent');
    expect(done.progress).toBeUndefined();
    expect(done.stats.sent).toBe(made?.expected);
  });
});
