import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createMarketing, type MarketingService } from '../../../src/main/core/marketing';
import type { OdooClient } from '../../../src/main/core/odoo';
import { marketingHandlers } from '../../../src/main/host/handlers/marketing';
import { isAppError } from '../../../src/shared/errors';
import { abOps } from '../../../src/shared/ops/ab';
import { marketingOps } from '../../../src/shared/ops/marketing';
import type { CallContext } from '../../../src/shared/rpc';
import { DEMO_STORE, NO_SENDGRID_ACK, startMarketingWorld, TODAY, writeBody, type MarketingWorld } from './harness';

/**
 * Issue 17: the calendar's move. A campaign dragged to another day gets that day at the same time;
 * the only field the console writes on each mailing is schedule_date, on Odoo 18 and 19.
 */
const storeId = DEMO_STORE.id;
const DAY = 86_400_000;
const odooDate = (iso: string) => iso.slice(0, 19).replace('T', ' ');

interface Write { model: string; ids: number[]; fields: string[] }

/** The marketing service over a client that notes every write: which records, which fields. */
function recordingMarketing(world: MarketingWorld): { marketing: MarketingService; writes: Write[] } {
  const writes: Write[] = [];
  const inner = world.calls.client;
  const odoo: OdooClient = {
    ...inner,
    write: (model, ids, values, ...rest) => {
      writes.push({ model, ids: [...ids], fields: Object.keys(values).sort() });
      return inner.write(model, ids, values, ...rest);
    },
  };
  const marketing = createMarketing({ odoo, now: world.clock.now, newId: () => 'movetest01', stores: [DEMO_STORE] });
  return { marketing, writes };
}

const noContext: CallContext = { emit: () => undefined, signal: new AbortController().signal };
const moveOp = marketingOps['marketing.campaigns.move'];

/** The move as the transports run it: the contract's input and output schemas around the handler. */
async function move(marketing: MarketingService, input: z.input<typeof moveOp.input>) {
  const out = await marketingHandlers['marketing.campaigns.move'](moveOp.input.parse(input), { marketing }, noContext);
  return moveOp.output.parse(out);
}

async function refusal(p: Promise<unknown>): Promise<{ code: string; message: string; problems: string[] }> {
  try {
    await p;
  } catch (error) {
    if (isAppError(error)) return { code: error.code, message: error.message, problems: ((error.details as { problems?: { code: string }[] } | undefined)?.problems ?? []).map((x) => x.code) };
    throw error;
  }
  throw new Error('expected a refusal');
}

/** A draft on a new store list of 40 subscribers, whose email the person wrote. */
async function draft(world: MarketingWorld, subject: string) {
  const listId = await world.odoo.create('mailing.list', { name: `${subject} list`, x_markket_store_id: storeId });
  await world.odoo.createMany('mailing.contact', Array.from({ length: 40 }, (_, i) => ({ name: `Reader ${i}`, email: `reader${i}.${listId}@example.org`, list_ids: [[4, listId]] })));
  const made = await world.run('marketing.campaigns.create', { storeId, subject, sendgrid_template_id: 'd-move', list_id: listId, segment: 'all' });
  await writeBody(world, made.odoo_campaign_id);
  return made;
}

const Dated = z.array(z.object({ id: z.number(), state: z.string(), schedule_type: z.string(), schedule_date: z.union([z.string(), z.literal(false)]) }));
async function held(world: MarketingWorld, ids: number[]) {
  return Dated.parse(await world.odoo.read('mailing.mailing', ids, ['state', 'schedule_type', 'schedule_date'])).map(({ id, ...rest }) => ({ id, ...rest }));
}

describe.each(['18.0', '19.0'] as const)('moving a campaign on the calendar, Odoo %s', (version) => {
  let world: MarketingWorld;
  afterEach(() => world?.close());

  it('moves a scheduled campaign two days on at the same time, writing only its schedule_date', async () => {
    world = await startMarketingWorld({ version });
    const made = await draft(world, 'Winter sale');
    const first = new Date(TODAY.getTime() + DAY + 3 * 3_600_000).toISOString();
    await world.run('marketing.campaigns.send', { storeId, campaignId: made.campaign_id, schedule: first, acknowledge: NO_SENDGRID_ACK });
    const { marketing, writes } = recordingMarketing(world);
    const later = new Date(new Date(first).getTime() + 2 * DAY).toISOString();

    const moved = await move(marketing, { storeId, campaignId: made.campaign_id, schedule: later, acknowledge: NO_SENDGRID_ACK });

    expect(moved).toMatchObject({ status: 'scheduled', scheduled_for: later, changed: true });
    expect(writes).toEqual([{ model: 'mailing.mailing', ids: [made.odoo_campaign_id], fields: ['schedule_date'] }]);
    expect(await held(world, [made.odoo_campaign_id])).toEqual([{ id: made.odoo_campaign_id, state: 'in_queue', schedule_type: 'scheduled', schedule_date: odooDate(later) }]);
    // The calendar reads it back on its new day (the list's from/to on Odoo's calendar_date).
    const day = await world.run('marketing.campaigns.list', { storeId, from: new Date(new Date(later).getTime() - 3_600_000).toISOString(), to: new Date(new Date(later).getTime() + 3_600_000).toISOString() });
    expect(day.campaigns.map((c) => [c.campaign_id, c.status, c.scheduled_for])).toEqual([[made.campaign_id, 'scheduled', later]]);
  });

  it('moves a dated draft without scheduling it, writing only its schedule_date', async () => {
    world = await startMarketingWorld({ version });
    const made = await draft(world, 'Spring preview');
    await world.run('marketing.campaigns.update', { storeId, campaignId: made.campaign_id, schedule: new Date(TODAY.getTime() + 5 * DAY).toISOString() });
    const { marketing, writes } = recordingMarketing(world);
    const later = new Date(TODAY.getTime() + 9 * DAY).toISOString();

    expect(await move(marketing, { storeId, campaignId: made.campaign_id, schedule: later })).toMatchObject({ status: 'draft', scheduled_for: later, changed: true });
    expect(writes).toEqual([{ model: 'mailing.mailing', ids: [made.odoo_campaign_id], fields: ['schedule_date'] }]);
    expect(await held(world, [made.odoo_campaign_id])).toEqual([{ id: made.odoo_campaign_id, state: 'draft', schedule_type: 'scheduled', schedule_date: odooDate(later) }]);
  });

  it('refuses a move into the past and the move of a sent campaign, and writes nothing', async () => {
    world = await startMarketingWorld({ version });
    const made = await draft(world, 'Autumn sale');
    const first = new Date(TODAY.getTime() + DAY).toISOString();
    await world.run('marketing.campaigns.send', { storeId, campaignId: made.campaign_id, schedule: first, acknowledge: NO_SENDGRID_ACK });
    const sent = (await world.run('marketing.campaigns.list', { storeId, status: 'sent', limit: 1 })).campaigns[0]!;
    const { marketing, writes } = recordingMarketing(world);

    const past = await refusal(move(marketing, { storeId, campaignId: made.campaign_id, schedule: new Date(TODAY.getTime() - DAY).toISOString(), acknowledge: NO_SENDGRID_ACK }));
    expect(past).toMatchObject({ code: 'input.invalid', message: 'A campaign cannot be moved into the past. Pick a day and time still ahead.' });
    const gone = await refusal(move(marketing, { storeId, campaignId: sent.campaign_id, schedule: new Date(TODAY.getTime() + 2 * DAY).toISOString() }));
    expect(gone).toMatchObject({ code: 'conflict', message: 'This campaign was sent, so it stays on the day it went out. Duplicate it to send it again on another day.' });
    expect(writes).toEqual([]);
    expect(await held(world, [made.odoo_campaign_id])).toEqual([{ id: made.odoo_campaign_id, state: 'in_queue', schedule_type: 'scheduled', schedule_date: odooDate(first) }]);
  });

  it('moves a scheduled A/B test as a whole, one schedule_date per version, under the winner-date check', async () => {
    world = await startMarketingWorld({ version });
    const made = await draft(world, 'Test subjects');
    const winnerAt = new Date(TODAY.getTime() + 3 * DAY).toISOString();
    const saved = abOps['marketing.campaigns.ab.save'].input.parse({ storeId, campaignId: made.campaign_id, versions: [{ subject: 'Other subject' }], test_share_pc: 30, winner_selection: 'opens', send_winner_at: winnerAt });
    await world.marketing.ab.save(saved);
    const ack = [...NO_SENDGRID_ACK, 'ab_small_test' as const];
    await world.run('marketing.campaigns.send', { storeId, campaignId: made.campaign_id, schedule: new Date(TODAY.getTime() + DAY).toISOString(), acknowledge: ack });
    const versions = (await world.odoo.search('mailing.mailing', [['subject', 'in', ['Test subjects', 'Other subject']]], { order: 'id asc' }));
    const { marketing, writes } = recordingMarketing(world);
    const later = new Date(TODAY.getTime() + 2 * DAY).toISOString();

    await move(marketing, { storeId, campaignId: made.campaign_id, schedule: later, acknowledge: ack });

    expect(writes).toEqual(versions.map((id) => ({ model: 'mailing.mailing', ids: [id], fields: ['schedule_date'] })));
    expect((await held(world, versions)).map((m) => [m.state, m.schedule_date])).toEqual(versions.map(() => ['in_queue', odooDate(later)]));
    // Past the winner's date the test would have no time to be opened: refused, nothing written.
    writes.length = 0;
    const tooLate = await refusal(move(marketing, { storeId, campaignId: made.campaign_id, schedule: new Date(TODAY.getTime() + 4 * DAY).toISOString(), acknowledge: ack }));
    expect(tooLate).toMatchObject({ code: 'precheck.failed', problems: ['ab_winner_date_past'] });
    expect(writes).toEqual([]);
  });
});
