import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseRecords } from '../../../src/main/core/odoo';
import { createSendgrid } from '../../../src/main/core/sendgrid';
import { DEMO_STORE } from '../../../src/main/sandbox/odoo';
import { SENDGRID_DEMO_API_KEY, startSendgridPeer, type SendgridPeer } from '../../../src/main/sandbox/sendgrid';
import { extensionsHarness, NOW, odooPeerAndClient, storeListId, WELCOME_TEMPLATE, WELCOME_WARNINGS } from './helpers';


const Mailing = z.object({
  id: z.number(),
  state: z.string(),
  subject: z.string(),
  schedule_type: z.string(),
  schedule_date: z.union([z.string(), z.literal(false)]),
  x_markket_campaign_id: z.union([z.string(), z.literal(false)]),
  contact_list_ids: z.array(z.number()),
});

/**
 * The spec's one-time campaign record ("Backend creates extension (one-time campaign)") and its Send
 * button: the record is made inactive with campaign_id null; sending it makes the mailing in Odoo,
 * launches or schedules it, and fills meta as the spec's handler does.
 */
describe('the spec’s one-time campaign record, sent', () => {
  let env: Awaited<ReturnType<typeof odooPeerAndClient>>;
  let sendgridPeer: SendgridPeer;
  let h: Awaited<ReturnType<typeof extensionsHarness>>;
  let listId: number;

  beforeAll(async () => {
    env = await odooPeerAndClient();
    sendgridPeer = await startSendgridPeer({ now: () => NOW, randomSeed: 5 });
    h = await extensionsHarness(env.odoo, { sendgrid: createSendgrid({ apiKey: SENDGRID_DEMO_API_KEY, baseUrl: sendgridPeer.url }) });
    listId = await storeListId(env.odoo, DEMO_STORE.id);
  });
  afterAll(async () => {
    await env.close();
    await sendgridPeer.close();
    await h.remove();
  });

  /** The record exactly as the spec writes it, on the demo store's list. */
  const oneTime = (subject: string, scheduled_date: string | null) => ({
    key: 'markket:odoo:campaign',
    triggers: [],
    credentials: { use_default: true },
    config: { campaign_id: null, mailing_list_id: listId, subject, sendgrid_template_id: WELCOME_TEMPLATE, segment: 'all', status: 'draft', scheduled_date },
    active: false,
  });
  const pressSend = async (id: string) => h.runner.runById(id, 'trigger:manual', { action: 'send', acknowledge: WELCOME_WARNINGS });
  const mailing = async (id: unknown) =>
    parseRecords(Mailing, await env.odoo.read('mailing.mailing', [Number(id)], ['state', 'subject', 'schedule_type', 'schedule_date', 'x_markket_campaign_id', 'contact_list_ids']), 'mailing.mailing')[0]!;

  it('makes the mailing in Odoo, launches it and fills meta as the spec’s handler does', async () => {
    const record = await h.registry.add(DEMO_STORE.id, oneTime('New Product Launch', null));
    const outcome = await pressSend(record.id);
    expect(outcome.error).toBeUndefined();
    const odooId = outcome.meta['odoo_campaign_id'];
    const sent = await mailing(odooId);
    expect(sent).toMatchObject({ subject: 'New Product Launch', contact_list_ids: [listId] });
    expect(sent.state).not.toBe('draft');
    expect(outcome.meta).toMatchObject({ odoo_campaign_id: sent.id, sendgrid_batch_id: null, sent_count: expect.any(Number) });
    expect(outcome.meta['sent_count']).toBeGreaterThan(0);
    const saved = await h.registry.get(record.id);
    expect(saved!.meta.execution_log.at(-1)).toMatchObject({ timestamp: NOW.toISOString(), status: 'sent', recipients: outcome.meta['sent_count'] });
    // campaign_id "will be set after Odoo creates it": the record now names the mailing it made.
    expect(saved!.config).toMatchObject({ campaign_id: sent.x_markket_campaign_id, status: 'sending' });
  });

  it('schedules the mailing for the record’s scheduled_date', async () => {
    const record = await h.registry.add(DEMO_STORE.id, oneTime('Holiday Sale', '2025-12-05T10:00:00Z'));
    const outcome = await pressSend(record.id);
    expect(outcome.error).toBeUndefined();
    expect(await mailing(outcome.meta['odoo_campaign_id'])).toMatchObject({ state: 'in_queue', schedule_type: 'scheduled', schedule_date: '2025-12-05 10:00:00' });
    expect((await h.registry.get(record.id))!.meta.execution_log.at(-1)).toMatchObject({ status: 'scheduled', recipients: outcome.meta['sent_count'] });
  });

  it('does not make or launch a second mailing when Send is pressed again', async () => {
    const record = await h.registry.add(DEMO_STORE.id, oneTime('Pressed twice', null));
    const first = await pressSend(record.id);
    const second = await pressSend(record.id);
    expect(second.meta).toMatchObject({ odoo_campaign_id: first.meta['odoo_campaign_id'], already_launched: true });
    expect(await env.odoo.search('mailing.mailing', [['subject', '=', 'Pressed twice']])).toHaveLength(1);
  });

  it('refuses to send to nobody, and a second press makes no second mailing', async () => {
    const record = await h.registry.add(DEMO_STORE.id, { ...oneTime('Nobody to read it', null), config: { ...oneTime('Nobody to read it', null).config, segment: 'tag:nosuch' } });
    const refused = await pressSend(record.id);
    const again = await pressSend(record.id);
    expect([refused.error?.code, again.error?.code]).toEqual(['precheck.failed', 'precheck.failed']);
    const made = await env.odoo.search('mailing.mailing', [['subject', '=', 'Nobody to read it']]);
    expect(made).toHaveLength(1);
    expect((await mailing(made[0])).state).toBe('draft');
  });

  it('asks which campaign when the store’s campaign record is told to send without one', async () => {
    const record = await h.registry.add(DEMO_STORE.id, { key: 'markket:odoo:campaign', triggers: [], config: { mailing_list_id: listId, campaigns: [] } });
    const outcome = await h.runner.runById(record.id, 'trigger:manual', { action: 'send' });
    expect(outcome.error).toMatchObject({ code: 'input.invalid', message: expect.stringContaining('which campaign') });
  });
});
