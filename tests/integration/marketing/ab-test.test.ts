import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isAppError } from '../../../src/shared/errors';
import { abOps } from '../../../src/shared/ops/ab';
import { createMarketing } from '../../../src/main/core/marketing';
import { createOdooClient } from '../../../src/main/core/odoo';
import { DEMO_API_KEY, DEMO_DATABASE, DEMO_LOGIN } from '../../../src/main/sandbox/odoo';
import { roundTripCounter } from '../../support/round-trips';
import { DEMO_STORE, NO_SENDGRID_ACK, startMarketingWorld, TODAY, writeBody, type MarketingWorld } from './harness';

/**
 * Issue 17: A/B tests on Odoo's own A/B testing. The console makes the versions, Odoo (here the
 * peer, on 18 over JSON-RPC and 19 over JSON-2) draws each version's share and its cron sends the
 * winner to everyone else.
 */
const storeId = DEMO_STORE.id;
const DAY = 86_400_000;
type AbOps = typeof abOps;

function ab<K extends keyof AbOps>(world: MarketingWorld, name: K, input: z.input<AbOps[K]['input']>): Promise<z.infer<AbOps[K]['output']>> {
  const parsed = abOps[name].input.parse(input) as never;
  const calls = {
    'marketing.campaigns.ab.get': () => world.marketing.ab.get(storeId, (parsed as { campaignId: string }).campaignId),
    'marketing.campaigns.ab.save': () => world.marketing.ab.save(parsed),
    'marketing.campaigns.ab.remove': () => world.marketing.ab.remove(storeId, (parsed as { campaignId: string }).campaignId),
    'marketing.campaigns.ab.winner': () => world.marketing.ab.winner(parsed),
  };
  return calls[name]().then((out) => abOps[name].output.parse(out) as never);
}

/** A store list of `count` new subscribers, and a draft on it whose email the person wrote. */
async function draftOnList(world: MarketingWorld, count: number, subject = 'Spring sale') {
  const listId = await world.odoo.create('mailing.list', { name: `Spring list ${count}`, x_markket_store_id: storeId });
  await world.odoo.createMany('mailing.contact', Array.from({ length: count }, (_, i) => ({ name: `Reader ${i}`, email: `reader${i}.${count}@example.org`, list_ids: [[4, listId]] })));
  const made = await world.run('marketing.campaigns.create', { storeId, subject, sendgrid_template_id: 'd-spring', list_id: listId, segment: 'all' });
  await writeBody(world, made.odoo_campaign_id);
  return made;
}

const winnerAt = () => new Date(TODAY.getTime() + DAY).toISOString();

async function refusal(p: Promise<unknown>): Promise<{ code: string; problems: { code: string }[] }> {
  try {
    await p;
  } catch (error) {
    if (isAppError(error)) return { code: error.code, problems: ((error.details as { problems?: { code: string }[] } | undefined)?.problems) ?? [] };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe.each(['18.0', '19.0'] as const)('an A/B test on Odoo %s', (version) => {
  let world: MarketingWorld;
  afterEach(() => world?.close());

  it('tests two subjects on 30 % of 1,000 subscribers, and Odoo\'s cron sends the one with more opens to the other 700, once each', async () => {
    world = await startMarketingWorld({ version });
    const made = await draftOnList(world, 1000);
    const saved = await ab(world, 'marketing.campaigns.ab.save', { storeId, campaignId: made.campaign_id, versions: [{ subject: 'Spring sale: 20% off everything' }], test_share_pc: 30, winner_selection: 'opens', send_winner_at: winnerAt() });
    expect(saved.versions.map((v) => [v.label, v.subject, v.share_pc, v.recipients])).toEqual([['A', 'Spring sale', 15, 150], ['B', 'Spring sale: 20% off everything', 15, 150]]);
    expect(saved).toMatchObject({ enabled: true, test_share_pc: 30, winner_selection: 'opens', send_winner_at: winnerAt(), winner: null });

    const sent = await world.run('marketing.campaigns.send', { storeId, campaignId: made.campaign_id, acknowledge: NO_SENDGRID_ACK });
    expect(sent.status).toBe('sending');
    await world.peer.processQueue();
    const tested = await ab(world, 'marketing.campaigns.ab.get', { storeId, campaignId: made.campaign_id });
    expect(tested.versions.map((v) => [v.label, v.status, v.recipients, v.delivered])).toEqual([['A', 'sent', 150, 150], ['B', 'sent', 150, 150]]);

    // Version B's subject is opened by 60 people, A's by 30.
    const [a, b] = [tested.versions[0]!, tested.versions[1]!];
    const traceIds = (mailingId: number) => world.odoo.search('mailing.trace', [['mass_mailing_id', '=', mailingId]], { order: 'id asc' });
    for (const id of (await traceIds(a.odoo_campaign_id)).slice(0, 30)) world.peer.tracking.open(id);
    for (const id of (await traceIds(b.odoo_campaign_id)).slice(0, 60)) world.peer.tracking.open(id);
    const compared = await ab(world, 'marketing.campaigns.ab.get', { storeId, campaignId: made.campaign_id });
    expect(compared.versions.map((v) => v.open_rate)).toEqual([0.2, 0.4]);
    expect(compared.comparison).toMatchObject({ metric: 'open_rate', leader: 'B', difference: 20, significant: true });

    world.clock.set(new Date(TODAY.getTime() + DAY + 1000));
    await world.peer.processQueue();
    const done = await ab(world, 'marketing.campaigns.ab.get', { storeId, campaignId: made.campaign_id });
    expect(done.winner).toMatchObject({ from_label: 'B', status: 'sent', recipients: 700, chosen_by: 'opens' });
    const rows = z.array(z.object({ res_id: z.number() })).parse(await world.odoo.searchRead('mailing.trace', [['mass_mailing_id', 'in', [a.odoo_campaign_id, b.odoo_campaign_id, done.winner!.odoo_campaign_id]]], ['res_id']));
    const perContact = new Map<number, number>();
    for (const r of rows) perContact.set(r.res_id, (perContact.get(r.res_id) ?? 0) + 1);
    expect(perContact.size).toBe(1000);
    expect([...perContact.values()].every((n) => n === 1)).toBe(true);

    // Asking for the winner again answers the winner Odoo already sent: nothing goes out twice.
    const again = await ab(world, 'marketing.campaigns.ab.winner', { storeId, campaignId: made.campaign_id });
    expect(again.winner?.odoo_campaign_id).toBe(done.winner!.odoo_campaign_id);
  });

  it('says a winner was picked by hand when a person sent the version the opens did not favour, whatever opens come later', async () => {
    world = await startMarketingWorld({ version });
    const traceIds = (mailingId: number) => world.odoo.search('mailing.trace', [['mass_mailing_id', '=', mailingId]], { order: 'id asc' });
    async function sentTest(subject: string) {
      const made = await draftOnList(world, 100, subject);
      await ab(world, 'marketing.campaigns.ab.save', { storeId, campaignId: made.campaign_id, versions: [{ subject: `${subject}: last days` }], test_share_pc: 40, winner_selection: 'opens', send_winner_at: winnerAt() });
      await world.run('marketing.campaigns.send', { storeId, campaignId: made.campaign_id, acknowledge: [...NO_SENDGRID_ACK, 'ab_small_test'] });
      await world.peer.processQueue();
      const tested = await ab(world, 'marketing.campaigns.ab.get', { storeId, campaignId: made.campaign_id });
      // 20 people got each version: B's are opened by 10, A's by 2.
      for (const id of (await traceIds(tested.versions[0]!.odoo_campaign_id)).slice(0, 2)) world.peer.tracking.open(id);
      for (const id of (await traceIds(tested.versions[1]!.odoo_campaign_id)).slice(0, 10)) world.peer.tracking.open(id);
      return { campaignId: made.campaign_id, a: tested.versions[0]!.odoo_campaign_id };
    }

    // A person sends A to everyone else although B had five times its opens: Odoo's rule would not have.
    const against = await sentTest('Autumn sale');
    const picked = await ab(world, 'marketing.campaigns.ab.winner', { storeId, campaignId: against.campaignId, version: 'A', acknowledge: NO_SENDGRID_ACK });
    expect(picked.winner).toMatchObject({ from_label: 'A', chosen_by: 'manual' });

    // A person sends B, the version the opens favour: Odoo keeps nothing that tells this from its rule.
    const along = await sentTest('Winter sale');
    expect((await ab(world, 'marketing.campaigns.ab.winner', { storeId, campaignId: along.campaignId, version: 'B', acknowledge: NO_SENDGRID_ACK })).winner).toMatchObject({ from_label: 'B', chosen_by: 'opens' });

    // Opens of A arriving later make A lead on both tests; neither winner's reason changes.
    world.clock.set(new Date(TODAY.getTime() + 60 * 60_000));
    for (const id of (await traceIds(against.a)).slice(2, 18)) world.peer.tracking.open(id);
    for (const id of (await traceIds(along.a)).slice(2, 18)) world.peer.tracking.open(id);
    const later = await Promise.all([against, along].map((t) => ab(world, 'marketing.campaigns.ab.get', { storeId, campaignId: t.campaignId })));
    expect(later.map((t) => t.comparison?.leader)).toEqual(['A', 'A']);
    expect(later.map((t) => [t.winner?.from_label, t.winner?.chosen_by])).toEqual([['A', 'manual'], ['B', 'opens']]);
  });

  it('asks Odoo once what the versions measured when the winner was made: the stats view\'s next look reuses it', async () => {
    world = await startMarketingWorld({ version });
    const made = await draftOnList(world, 100, 'Summer sale');
    await ab(world, 'marketing.campaigns.ab.save', { storeId, campaignId: made.campaign_id, versions: [{ subject: 'Summer sale: last days' }], test_share_pc: 40, winner_selection: 'opens', send_winner_at: winnerAt() });
    await world.run('marketing.campaigns.send', { storeId, campaignId: made.campaign_id, acknowledge: [...NO_SENDGRID_ACK, 'ab_small_test'] });
    await world.peer.processQueue();
    const tested = await ab(world, 'marketing.campaigns.ab.get', { storeId, campaignId: made.campaign_id });
    for (const id of (await world.odoo.search('mailing.trace', [['mass_mailing_id', '=', tested.versions[1]!.odoo_campaign_id]])).slice(0, 5)) world.peer.tracking.open(id);
    await ab(world, 'marketing.campaigns.ab.winner', { storeId, campaignId: made.campaign_id, version: 'B', acknowledge: NO_SENDGRID_ACK });

    const inner = createOdooClient({ url: world.peer.url, database: DEMO_DATABASE, login: DEMO_LOGIN, apiKey: DEMO_API_KEY });
    await inner.connect();
    try {
      const counter = roundTripCounter(inner);
      const marketing = createMarketing({ odoo: counter.client, now: world.clock.now, stores: [DEMO_STORE] });
      const pickQuestions = () => counter.questions().filter((q) => q.includes('["create_date"]') || q.startsWith('searchCount ["mailing.trace"'));
      const first = await marketing.ab.get(storeId, made.campaign_id);
      expect(first.winner).toMatchObject({ from_label: 'B', chosen_by: 'opens' });
      expect(pickQuestions()).toHaveLength(3);
      counter.reset();
      const second = await marketing.ab.get(storeId, made.campaign_id);
      expect(second.winner).toEqual(first.winner);
      expect(pickQuestions()).toEqual([]);
      expect(counter.questions().length).toBeGreaterThan(0);
    } finally {
      await inner.close();
    }
  });

  it('refuses to send versions that are the same email, or a version without an email of its own, on the server', async () => {
    world = await startMarketingWorld({ version });
    const made = await draftOnList(world, 1000);
    // A body version starts as a copy of A: until its email is edited it is the same email.
    await ab(world, 'marketing.campaigns.ab.save', { storeId, campaignId: made.campaign_id, versions: [{}], test_share_pc: 30, winner_selection: 'clicks', send_winner_at: winnerAt() });
    const identical = await refusal(world.run('marketing.campaigns.send', { storeId, campaignId: made.campaign_id, acknowledge: NO_SENDGRID_ACK }));
    expect(identical).toMatchObject({ code: 'precheck.failed' });
    expect(identical.problems.map((p) => p.code)).toContain('ab_versions_identical');

    const test = await ab(world, 'marketing.campaigns.ab.get', { storeId, campaignId: made.campaign_id });
    const versionB = test.versions[1]!;
    await world.odoo.write('mailing.mailing', [versionB.odoo_campaign_id], { body_html: '<p></p>' });
    const empty = await refusal(world.run('marketing.campaigns.send', { storeId, campaignId: made.campaign_id, acknowledge: NO_SENDGRID_ACK }));
    expect(empty.problems.map((p) => p.code)).toContain('ab_version_problem');
    // Sending version B by its own id is checked the same way.
    const viaB = await refusal(world.run('marketing.campaigns.send', { storeId, campaignId: versionB.campaign_id, acknowledge: NO_SENDGRID_ACK }));
    expect(viaB.code).toBe('precheck.failed');
    const states = z.array(z.object({ state: z.string() })).parse(await world.odoo.read('mailing.mailing', [made.odoo_campaign_id, versionB.odoo_campaign_id], ['state']));
    expect(states.map((s) => s.state)).toEqual(['draft', 'draft']);
  });

  it('warns that a test share of a small list cannot tell the versions apart', async () => {
    world = await startMarketingWorld({ version });
    const made = await draftOnList(world, 200);
    await ab(world, 'marketing.campaigns.ab.save', { storeId, campaignId: made.campaign_id, versions: [{ sender_name: 'Ada from Store A' }], test_share_pc: 20, winner_selection: 'manual', send_winner_at: winnerAt() });
    const check = await world.run('marketing.campaigns.precheck', { storeId, campaignId: made.campaign_id });
    const small = check.issues.find((i) => i.code === 'ab_small_test');
    expect(small).toMatchObject({ severity: 'warning', details: { per_version: [20, 20], audience: 200 } });
    const refused = await refusal(world.run('marketing.campaigns.send', { storeId, campaignId: made.campaign_id, acknowledge: NO_SENDGRID_ACK }));
    expect(refused.problems.map((p) => p.code)).toEqual(['ab_small_test']);
    await world.run('marketing.campaigns.send', { storeId, campaignId: made.campaign_id, acknowledge: [...NO_SENDGRID_ACK, 'ab_small_test'] });
    await world.peer.processQueue();
    const picked = await ab(world, 'marketing.campaigns.ab.winner', { storeId, campaignId: made.campaign_id, version: 'B', acknowledge: NO_SENDGRID_ACK });
    await world.peer.processQueue();
    const after = await ab(world, 'marketing.campaigns.ab.get', { storeId, campaignId: made.campaign_id });
    expect(picked.winner?.from_label).toBe('B');
    expect(after.versions[1]?.sender).toBe('Ada from Store A');
    expect(after.winner).toMatchObject({ from_label: 'B', status: 'sent', recipients: 160, chosen_by: 'manual' });
  });

  it('checks the winner\'s email before it goes to everyone else, as any send', async () => {
    world = await startMarketingWorld({ version });
    const made = await draftOnList(world, 1000);
    await ab(world, 'marketing.campaigns.ab.save', { storeId, campaignId: made.campaign_id, versions: [{ subject: 'Spring sale: last days' }], test_share_pc: 30, winner_selection: 'manual', send_winner_at: winnerAt() });
    await world.run('marketing.campaigns.send', { storeId, campaignId: made.campaign_id, acknowledge: NO_SENDGRID_ACK });
    await world.peer.processQueue();
    const test = await ab(world, 'marketing.campaigns.ab.get', { storeId, campaignId: made.campaign_id });
    // Someone removed the unsubscribe link from version B in Odoo after the test went out.
    await world.odoo.write('mailing.mailing', [test.versions[1]!.odoo_campaign_id], { body_html: '<p>Spring sale, last days: everything 20 % off.</p>' });
    const refused = await refusal(ab(world, 'marketing.campaigns.ab.winner', { storeId, campaignId: made.campaign_id, version: 'B', acknowledge: NO_SENDGRID_ACK }));
    expect(refused).toMatchObject({ code: 'precheck.failed', problems: [{ code: 'no_unsubscribe_link' }] });
    // A warning is acknowledged as for a send: without it, nothing goes.
    const unacknowledged = await refusal(ab(world, 'marketing.campaigns.ab.winner', { storeId, campaignId: made.campaign_id, version: 'A' }));
    expect(unacknowledged.problems.map((p) => p.code)).toEqual(['suppressions_unchecked']);
    expect((await ab(world, 'marketing.campaigns.ab.get', { storeId, campaignId: made.campaign_id })).winner).toBeNull();
    const picked = await ab(world, 'marketing.campaigns.ab.winner', { storeId, campaignId: made.campaign_id, version: 'A', acknowledge: NO_SENDGRID_ACK });
    expect(picked.winner).toMatchObject({ from_label: 'A', chosen_by: 'manual' });
  });

  it('moves a scheduled test as a whole to a new date, under the same checks as scheduling it', async () => {
    world = await startMarketingWorld({ version });
    const made = await draftOnList(world, 1000);
    await ab(world, 'marketing.campaigns.ab.save', { storeId, campaignId: made.campaign_id, versions: [{ subject: 'Second subject' }], test_share_pc: 30, winner_selection: 'opens', send_winner_at: new Date(TODAY.getTime() + 3 * DAY).toISOString() });
    await world.run('marketing.campaigns.send', { storeId, campaignId: made.campaign_id, schedule: new Date(TODAY.getTime() + DAY).toISOString(), acknowledge: NO_SENDGRID_ACK });
    const later = new Date(TODAY.getTime() + 2 * DAY).toISOString();
    const moved = await world.run('marketing.campaigns.send', { storeId, campaignId: made.campaign_id, schedule: later, acknowledge: NO_SENDGRID_ACK });
    expect(moved).toMatchObject({ status: 'scheduled', scheduled_for: later });
    const dates = z.array(z.object({ state: z.string(), schedule_date: z.string() })).parse(await world.odoo.searchRead('mailing.mailing', [['campaign_id', '!=', false], ['subject', 'in', ['Spring sale', 'Second subject']]], ['state', 'schedule_date']));
    expect(dates).toEqual([{ state: 'in_queue', schedule_date: later.slice(0, 19).replace('T', ' ') }, { state: 'in_queue', schedule_date: later.slice(0, 19).replace('T', ' ') }]);
    // After the winner's date the test would have no time to be opened: refused, and nothing moves.
    const tooLate = await refusal(world.run('marketing.campaigns.send', { storeId, campaignId: made.campaign_id, schedule: new Date(TODAY.getTime() + 4 * DAY).toISOString(), acknowledge: NO_SENDGRID_ACK }));
    expect(tooLate.problems.map((p) => p.code)).toEqual(['ab_winner_date_past']);
    expect((await ab(world, 'marketing.campaigns.ab.get', { storeId, campaignId: made.campaign_id })).versions.map((v) => v.status)).toEqual(['scheduled', 'scheduled']);
  });

  it('cancels a scheduled test as a whole and ends it back to one email', async () => {
    world = await startMarketingWorld({ version });
    const made = await draftOnList(world, 1000);
    await ab(world, 'marketing.campaigns.ab.save', { storeId, campaignId: made.campaign_id, versions: [{ subject: 'Second subject' }, { subject: 'Third subject' }], test_share_pc: 30, winner_selection: 'opens', send_winner_at: new Date(TODAY.getTime() + 3 * DAY).toISOString() });
    const at = new Date(TODAY.getTime() + DAY).toISOString();
    await world.run('marketing.campaigns.send', { storeId, campaignId: made.campaign_id, schedule: at, acknowledge: NO_SENDGRID_ACK });
    const scheduled = await ab(world, 'marketing.campaigns.ab.get', { storeId, campaignId: made.campaign_id });
    expect(scheduled.versions.map((v) => [v.label, v.status, v.share_pc])).toEqual([['A', 'scheduled', 10], ['B', 'scheduled', 10], ['C', 'scheduled', 10]]);
    await world.run('marketing.campaigns.cancel', { storeId, campaignId: made.campaign_id });
    const canceled = await ab(world, 'marketing.campaigns.ab.get', { storeId, campaignId: made.campaign_id });
    expect(canceled.versions.map((v) => v.status)).toEqual(['draft', 'draft', 'draft']);
    const single = await ab(world, 'marketing.campaigns.ab.remove', { storeId, campaignId: made.campaign_id });
    expect(single).toMatchObject({ enabled: false, versions: [] });
    expect(await world.odoo.searchCount('mailing.mailing', [['subject', 'in', ['Second subject', 'Third subject']]])).toBe(0);
  });
});
