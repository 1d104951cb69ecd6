import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseRecords } from '../../../src/main/core/odoo';
import { createSendgrid } from '../../../src/main/core/sendgrid';
import { DEMO_STORE } from '../../../src/main/sandbox/odoo';
import { SENDGRID_DEMO_API_KEY, startSendgridPeer, type SendgridPeer } from '../../../src/main/sandbox/sendgrid';
import type { RunOutcome } from '../../../src/main/core/extensions';
import { createAbTests } from '../../../src/main/core/marketing/ab';
import { extensionsHarness, NOW, odooPeerAndClient, storeListId, WELCOME_TEMPLATE, WELCOME_WARNINGS } from './helpers';

const LAUNCH_TEMPLATE = 'd-7b3e9d1a2c4f4e8b9a6d0c5e1f2a3b47';
/** "Seasonal sale": asks for {{ends_on}} and {{discount_code}}, the same for every recipient. */
const SALE_TEMPLATE = 'd-2c8a6f4e1b9d4a7c8e3f0b5d6a1c9e26';

const Mailing = z.object({
  id: z.number(),
  state: z.string(),
  subject: z.string(),
  body_html: z.string(),
  schedule_type: z.string(),
  schedule_date: z.union([z.string(), z.literal(false)]),
  x_markket_campaign_id: z.union([z.string(), z.literal(false)]),
  x_sendgrid_template_id: z.union([z.string(), z.literal(false)]),
  contact_list_ids: z.array(z.number()),
});

describe('markket:odoo:campaign against the Odoo and SendGrid peers', () => {
  let env: Awaited<ReturnType<typeof odooPeerAndClient>>;
  let sendgridPeer: SendgridPeer;
  let h: Awaited<ReturnType<typeof extensionsHarness>>;
  let extensionId: string;
  let listId: number;

  beforeAll(async () => {
    env = await odooPeerAndClient();
    sendgridPeer = await startSendgridPeer({ now: () => NOW, randomSeed: 3 });
    const sendgrid = createSendgrid({ apiKey: SENDGRID_DEMO_API_KEY, baseUrl: sendgridPeer.url });
    h = await extensionsHarness(env.odoo, { sendgrid });
    listId = await storeListId(env.odoo, DEMO_STORE.id);
    extensionId = (await h.registry.add(DEMO_STORE.id, { key: 'markket:odoo:campaign', config: { mailing_list_id: listId } })).id;
  });
  beforeEach(() => env.peer.faults.clear());
  afterAll(async () => {
    await env.close();
    await sendgridPeer.close();
    await h.remove();
  });

  async function act(entity: unknown): Promise<RunOutcome & { meta: Record<string, unknown> }> {
    const record = await h.registry.get(extensionId);
    return h.runner.run(record!, 'trigger:manual', entity);
  }
  async function mailing(id: unknown) {
    const rows = await env.odoo.read('mailing.mailing', [Number(id)], ['state', 'subject', 'body_html', 'schedule_type', 'schedule_date', 'x_markket_campaign_id', 'x_sendgrid_template_id', 'contact_list_ids']);
    return parseRecords(Mailing, rows, 'mailing.mailing')[0]!;
  }
  async function created(template = LAUNCH_TEMPLATE, extra: Record<string, unknown> = {}) {
    const outcome = await act({ action: 'create', sendgrid_template_id: template, ...extra });
    expect(outcome.success).toBe(true);
    return outcome.meta as { campaign_id: string; odoo_campaign_id: number; unmapped_fields: string[] };
  }

  it('creates a draft whose body is the template with its fields mapped to Odoo placeholders', async () => {
    const made = await created(WELCOME_TEMPLATE, { subject: 'Welcome aboard' });
    const m = await mailing(made.odoo_campaign_id);
    expect(m).toMatchObject({ state: 'draft', subject: 'Welcome aboard', x_markket_campaign_id: made.campaign_id, x_sendgrid_template_id: WELCOME_TEMPLATE, contact_list_ids: [listId] });
    expect(m.body_html).toContain('<t t-out="object.name"/>');
    expect(m.body_html).toContain('/unsubscribe_from_list');
    expect(m.body_html).not.toContain('{{first_name}}');
  });

  it('reports the template fields Odoo has no equivalent for before anything is sent', async () => {
    const made = await created(LAUNCH_TEMPLATE);
    expect(made.unmapped_fields).toEqual(expect.arrayContaining(['product_name', 'price']));
    expect((await mailing(made.odoo_campaign_id)).state).toBe('draft');
  });

  it('takes the subject from the template when none is given', async () => {
    const made = await created(WELCOME_TEMPLATE);
    expect((await mailing(made.odoo_campaign_id)).subject).toBe('Welcome to Juniper & Pine, {{first_name}}');
  });

  it('fails with sendgrid.not_found for a template that does not exist and creates nothing', async () => {
    const before = await env.odoo.searchCount('mailing.mailing', []);
    const outcome = await act({ action: 'create', sendgrid_template_id: 'd-00000000000000000000000000000000' });
    expect(outcome).toMatchObject({ success: false, error: { code: 'sendgrid.not_found' } });
    expect(await env.odoo.searchCount('mailing.mailing', [])).toBe(before);
  });

  it('names the field when the request is invalid', async () => {
    const outcome = await act({ action: 'schedule', campaign_id: 'camp_abcdefgh' });
    expect(outcome.error).toMatchObject({ code: 'input.invalid', message: expect.stringContaining('schedule') });
  });

  it('updates a draft: new subject and another template', async () => {
    const made = await created(LAUNCH_TEMPLATE);
    const outcome = await act({ action: 'update', campaign_id: made.campaign_id, subject: 'Changed', sendgrid_template_id: WELCOME_TEMPLATE });
    // Every field of the welcome template maps (its preferences link goes to Odoo's unsubscribe page).
    expect(outcome.meta['unmapped_fields']).toEqual([]);
    const m = await mailing(made.odoo_campaign_id);
    expect(m).toMatchObject({ subject: 'Changed', x_sendgrid_template_id: WELCOME_TEMPLATE });
    expect(m.body_html).toContain('Welcome,');
  });

  it('sends a draft and returns the Odoo id and the number of recipients', async () => {
    const made = await created(WELCOME_TEMPLATE);
    const outcome = await act({ action: 'send', campaign_id: made.campaign_id, acknowledge: WELCOME_WARNINGS });
    expect(outcome.success).toBe(true);
    expect(outcome.meta).toMatchObject({ odoo_campaign_id: made.odoo_campaign_id, status: 'sending', already_launched: false });
    expect(outcome.meta['sent_count']).toBeGreaterThan(0);
    expect((await mailing(made.odoo_campaign_id)).state).not.toBe('draft');
    const record = await h.registry.get(extensionId);
    expect(record!.meta.execution_log.at(-1)).toMatchObject({ status: 'success', trigger: 'trigger:manual' });
  });

  it('refuses to edit a campaign that was sent', async () => {
    const made = await created(WELCOME_TEMPLATE);
    await act({ action: 'send', campaign_id: made.campaign_id, acknowledge: WELCOME_WARNINGS });
    const outcome = await act({ action: 'update', campaign_id: made.campaign_id, subject: 'Too late' });
    expect(outcome.error).toMatchObject({ code: 'conflict' });
  });

  it('schedules a draft for a future date', async () => {
    const made = await created(WELCOME_TEMPLATE);
    const outcome = await act({ action: 'schedule', campaign_id: made.campaign_id, schedule: '2025-04-03T09:00:00Z', acknowledge: WELCOME_WARNINGS });
    expect(outcome.meta).toMatchObject({ status: 'scheduled', scheduled_for: '2025-04-03T09:00:00.000Z' });
    expect(await mailing(made.odoo_campaign_id)).toMatchObject({ state: 'in_queue', schedule_type: 'scheduled', schedule_date: '2025-04-03 09:00:00' });
  });

  it('refuses a schedule in the past', async () => {
    const made = await created(WELCOME_TEMPLATE);
    const outcome = await act({ action: 'schedule', campaign_id: made.campaign_id, schedule: '2025-03-01T09:00:00Z', acknowledge: WELCOME_WARNINGS });
    expect(outcome.error).toMatchObject({ code: 'input.invalid', message: expect.stringContaining('past') });
  });

  it('cancels a scheduled campaign back to a draft, and a second cancel changes nothing', async () => {
    const made = await created(WELCOME_TEMPLATE);
    await act({ action: 'schedule', campaign_id: made.campaign_id, schedule: '2025-04-03T09:00:00Z', acknowledge: WELCOME_WARNINGS });
    expect((await act({ action: 'cancel', campaign_id: made.campaign_id })).summary).toMatch(/^Cancelled the campaign “/);
    expect(await mailing(made.odoo_campaign_id)).toMatchObject({ state: 'draft', schedule_date: false });
    expect((await act({ action: 'cancel', campaign_id: made.campaign_id })).summary).toMatch(/^The campaign “.*” is already a draft$/);
  });

  it('schedules an A/B test as a whole, and a cancel calls every version back', async () => {
    const made = await created(WELCOME_TEMPLATE, { subject: 'Welcome aboard' });
    const tests = createAbTests({ odoo: env.odoo, now: () => NOW });
    const test = await tests.save({ storeId: DEMO_STORE.id, campaignId: made.campaign_id, versions: [{ subject: 'Welcome, neighbour' }], test_share_pc: 30, winner_selection: 'opens', send_winner_at: '2025-04-05T09:00:00Z' });
    const versionB = test.versions[1]!.odoo_campaign_id;
    // The demo list is small: a share of it cannot tell the versions apart, which the person accepts.
    const outcome = await act({ action: 'schedule', campaign_id: made.campaign_id, schedule: '2025-04-03T09:00:00Z', acknowledge: ['ab_small_test'] });
    expect(outcome.meta).toMatchObject({ status: 'scheduled', scheduled_for: '2025-04-03T09:00:00.000Z' });
    for (const id of [made.odoo_campaign_id, versionB]) expect(await mailing(id)).toMatchObject({ state: 'in_queue', schedule_type: 'scheduled', schedule_date: '2025-04-03 09:00:00' });

    expect((await act({ action: 'cancel', campaign_id: made.campaign_id })).summary).toMatch(/^Cancelled the campaign “/);
    for (const id of [made.odoo_campaign_id, versionB]) expect(await mailing(id)).toMatchObject({ state: 'draft', schedule_date: false });
  });

  it('refuses to schedule an A/B test after the date its winner would be picked', async () => {
    const made = await created(WELCOME_TEMPLATE, { subject: 'Welcome again' });
    await createAbTests({ odoo: env.odoo, now: () => NOW }).save({ storeId: DEMO_STORE.id, campaignId: made.campaign_id, versions: [{ subject: 'Welcome again, neighbour' }], test_share_pc: 30, winner_selection: 'opens', send_winner_at: '2025-04-02T09:00:00Z' });
    const outcome = await act({ action: 'schedule', campaign_id: made.campaign_id, schedule: '2025-04-03T09:00:00Z', acknowledge: ['ab_small_test'] });
    expect(outcome.error).toMatchObject({ code: 'precheck.failed', message: expect.stringContaining('winner would be picked before anyone had time to open the test') });
    expect((await mailing(made.odoo_campaign_id)).state).toBe('draft');
  });

  it('duplicates a campaign into a new draft with its own campaign id', async () => {
    const made = await created(LAUNCH_TEMPLATE, { subject: 'Original' });
    const outcome = await act({ action: 'duplicate', campaign_id: made.campaign_id });
    const copyId = outcome.meta['odoo_campaign_id'];
    expect(copyId).not.toBe(made.odoo_campaign_id);
    const copy = await mailing(copyId);
    expect(copy).toMatchObject({ state: 'draft', subject: 'Original', x_sendgrid_template_id: LAUNCH_TEMPLATE, x_markket_campaign_id: outcome.meta['campaign_id'] });
    expect(outcome.meta['campaign_id']).not.toBe(made.campaign_id);
  });

  it('refuses to send or schedule a campaign whose body was emptied in Odoo, listing the problem', async () => {
    const made = await created(WELCOME_TEMPLATE);
    await env.odoo.write('mailing.mailing', [made.odoo_campaign_id], { body_html: '<p> </p>' });
    for (const request of [{ action: 'send' }, { action: 'schedule', schedule: '2025-04-03T09:00:00Z' }]) {
      const outcome = await act({ ...request, campaign_id: made.campaign_id, acknowledge: WELCOME_WARNINGS });
      expect(outcome.error).toMatchObject({ code: 'precheck.failed', message: expect.stringContaining('no content') });
    }
    expect((await mailing(made.odoo_campaign_id)).state).toBe('draft');
  });

  it('refuses a send while a campaign-wide value of its template is empty, naming each one', async () => {
    const made = await created(SALE_TEMPLATE, { subject: 'Spring sale' });
    const outcome = await act({ action: 'send', campaign_id: made.campaign_id, acknowledge: ['unmapped_template_fields', 'suppressions_unchecked', 'suppressed_recipients'] });
    expect(outcome.error).toMatchObject({ code: 'precheck.failed', message: expect.stringContaining("Fill 'ends_on'") });
    expect(outcome.error?.message).toContain("Fill 'discount_code'");
    expect((await mailing(made.odoo_campaign_id)).state).toBe('draft');
  });

  it('refuses a send whose template has fields Odoo cannot fill, even when told to send anyway', async () => {
    const made = await created(LAUNCH_TEMPLATE);
    const outcome = await act({ action: 'send', campaign_id: made.campaign_id, acknowledge: ['unmapped_template_fields'] });
    expect(outcome.error).toMatchObject({ code: 'precheck.failed', message: expect.stringContaining('product_name') });
    expect((await mailing(made.odoo_campaign_id)).state).toBe('draft');
  });

  it('answers not_found for a campaign the store does not have', async () => {
    const outcome = await act({ action: 'send', campaign_id: 'camp_doesnotexist' });
    expect(outcome.error).toMatchObject({ code: 'not_found' });
  });

  it('does not launch a second mailing when the send is retried after a dropped connection', async () => {
    const made = await created(WELCOME_TEMPLATE);
    const launchesBefore = env.peer.calls.filter((c) => c.model === 'mailing.mailing' && c.method === 'action_launch').length;
    env.peer.faults.dropAfter('mailing.mailing', 'action_launch');
    const first = await act({ action: 'send', campaign_id: made.campaign_id, acknowledge: WELCOME_WARNINGS });
    const retry = await act({ action: 'send', campaign_id: made.campaign_id, acknowledge: WELCOME_WARNINGS });
    expect(first.success).toBe(true);
    expect(retry.meta).toMatchObject({ already_launched: true, odoo_campaign_id: made.odoo_campaign_id });
    const launches = env.peer.calls.filter((c) => c.model === 'mailing.mailing' && c.method === 'action_launch').length - launchesBefore;
    expect(launches).toBe(1);
    await env.peer.whenIdle();
    // Launched once: every recipient has exactly one trace.
    const traces = await env.odoo.searchRead('mailing.trace', [['mass_mailing_id', '=', made.odoo_campaign_id]], ['res_id']);
    expect(traces.length).toBeGreaterThan(0);
    expect(new Set(traces.map((t) => t['res_id'])).size).toBe(traces.length);
  });
});
