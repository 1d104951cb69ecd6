import { afterEach, describe, expect, it } from 'vitest';
import { startOdooPeer, type OdooPeer } from '../../../../src/main/sandbox/odoo';
import { executeKw } from './helpers';

/**
 * A big mass mailing waits in Odoo's mail queue and leaves in batches: each call of
 * mail.mail.process_email_queue sends at most mail.mail.queue.batch.size mails, the cron worker
 * repeats it up to ten times and reschedules itself while mails remain, and "Run Manually" sends one batch.
 */
const NOW = new Date('2026-03-01T10:00:00Z');
const MAIL_QUEUE_CRON = 3;
const MASS_MAILING_CRON = 17;

let peer: OdooPeer | undefined;
afterEach(async () => peer?.close());

async function queuedMailing(contacts: number, batchSize: number): Promise<{ peer: OdooPeer; id: number }> {
  const p = await startOdooPeer({ autoProcessQueue: false, now: () => NOW });
  const listId = (await executeKw(p, 'mailing.list', 'create', [{ name: 'Big list' }])).result as number;
  await executeKw(p, 'mailing.contact', 'create', [Array.from({ length: contacts }, (_, i) => ({ name: `C${i}`, email: `c${i}@example.com`, list_ids: [[4, listId]] }))]);
  // Above mail.mail.force.send.limit the mails wait for the queue (odoo18-wire/180-183); 0 queues every mail.
  await executeKw(p, 'ir.config_parameter', 'set_param', ['mail.mail.force.send.limit', '0']);
  await executeKw(p, 'ir.config_parameter', 'set_param', ['mail.mail.queue.batch.size', String(batchSize)]);
  const id = (await executeKw(p, 'mailing.mailing', 'create', [{ subject: 'Big send', contact_list_ids: [[6, 0, [listId]]], body_html: '<p>Hello</p>' }])).result as number;
  await executeKw(p, 'mailing.mailing', 'action_launch', [[id]]);
  await executeKw(p, 'ir.cron', 'method_direct_trigger', [[MASS_MAILING_CRON]]);
  return { peer: p, id };
}

const figures = async (p: OdooPeer, id: number) => ((await executeKw(p, 'mailing.mailing', 'read', [[id]], { fields: ['state', 'expected', 'scheduled', 'sent'] })).result as Record<string, unknown>[])[0];
const nextcall = async (p: OdooPeer) => ((await executeKw(p, 'ir.cron', 'read', [[MAIL_QUEUE_CRON]], { fields: ['nextcall', 'interval_number', 'interval_type'] })).result as { nextcall: string }[])[0]?.nextcall;

describe('the mail queue cron', () => {
  it('sends one batch each time it is run by hand, and leaves its next run where it was', async () => {
    const setup = await queuedMailing(25, 10);
    peer = setup.peer;
    expect(await figures(peer, setup.id)).toMatchObject({ state: 'done', expected: 25, scheduled: 25, sent: 0 });
    const before = await nextcall(peer);
    await executeKw(peer, 'ir.cron', 'method_direct_trigger', [[MAIL_QUEUE_CRON]]);
    expect(await figures(peer, setup.id)).toMatchObject({ scheduled: 15, sent: 10 });
    await executeKw(peer, 'ir.cron', 'method_direct_trigger', [[MAIL_QUEUE_CRON]]);
    expect(await figures(peer, setup.id)).toMatchObject({ scheduled: 5, sent: 20 });
    expect(await nextcall(peer)).toBe(before);
  });

  it('runs up to ten batches when it comes due and reschedules itself at once while mails remain', async () => {
    const setup = await queuedMailing(25, 2);
    peer = setup.peer;
    await peer.processQueue();
    expect(await figures(peer, setup.id)).toMatchObject({ scheduled: 5, sent: 20 });
    expect(await nextcall(peer)).toBe('2026-03-01 10:00:00');
    await peer.processQueue();
    expect(await figures(peer, setup.id)).toMatchObject({ scheduled: 0, sent: 25 });
    // Nothing left: the next run is an interval (one hour) after now.
    expect(await nextcall(peer)).toBe('2026-03-01 11:00:00');
  });
});
