import { afterEach, describe, expect, it } from 'vitest';
import { startOdooPeer, type OdooPeer } from '../../../../src/main/sandbox/odoo';
import { executeKw } from './helpers';

const START = new Date('2026-03-01T10:00:00Z');
const FINAL_AT = '2026-03-02 10:00:00';

async function call<T>(peer: OdooPeer, model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}): Promise<T> {
  const answer = await executeKw(peer, model, method, args, kwargs);
  if (answer.error) throw new Error(`${answer.error.data.name}: ${answer.error.data.message}`);
  return answer.result as T;
}

interface Trace { id: number; res_id: number; trace_status: string; mass_mailing_id: [number, string] }

/** A list of 1,000 contacts and an A/B test of two subjects on it, 15 % each (a 30 % test), as Odoo's form makes one. */
async function abTestOnThousand(peer: OdooPeer): Promise<{ listId: number; a: number; b: number; campaignId: number }> {
  const listId = await call<number>(peer, 'mailing.list', 'create', [{ name: 'Newsletter' }]);
  await call(peer, 'mailing.contact', 'create', [Array.from({ length: 1000 }, (_, i) => ({ name: `C${i}`, email: `c${i}@example.com`, list_ids: [[4, listId]] }))]);
  const common = { contact_list_ids: [[6, 0, [listId]]], body_html: '<p>Sale <a href="/unsubscribe_from_list">unsubscribe</a></p>', ab_testing_enabled: true, ab_testing_pc: 15, ab_testing_winner_selection: 'opened_ratio', ab_testing_schedule_datetime: FINAL_AT };
  const a = await call<number>(peer, 'mailing.mailing', 'create', [{ ...common, subject: 'Spring sale' }]);
  const [row] = await call<{ campaign_id: [number, string] }[]>(peer, 'mailing.mailing', 'read', [[a], ['campaign_id']]);
  const campaignId = row?.campaign_id[0] ?? 0;
  // The second version joins the first one's campaign, which is what makes them one test.
  const b = await call<number>(peer, 'mailing.mailing', 'create', [{ ...common, subject: 'Spring sale: 20% off everything', campaign_id: campaignId }]);
  return { listId, a, b, campaignId };
}

const tracesOf = (peer: OdooPeer, mailingIds: number[]) =>
  call<Trace[]>(peer, 'mailing.trace', 'search_read', [[['mass_mailing_id', 'in', mailingIds]]], { fields: ['res_id', 'trace_status', 'mass_mailing_id'], order: 'id asc' });

describe.each(['18.0', '19.0'] as const)('A/B testing on the Odoo %s peer', (version) => {
  let peer: OdooPeer | undefined;
  afterEach(async () => peer?.close());

  it('gives the first version an "A/B Test" campaign that the second shares, and counts each version\'s share', async () => {
    peer = await startOdooPeer({ version, autoProcessQueue: false, now: () => START });
    const { a, b, campaignId } = await abTestOnThousand(peer);
    const [campaign] = await call<Record<string, unknown>[]>(peer, 'utm.campaign', 'read', [[campaignId], ['name', 'ab_testing_mailings_count', 'ab_testing_winner_selection', 'ab_testing_schedule_datetime', 'ab_testing_completed']]);
    expect(campaign).toMatchObject({ name: 'A/B Test: Spring sale', ab_testing_mailings_count: 2, ab_testing_winner_selection: 'opened_ratio', ab_testing_schedule_datetime: FINAL_AT, ab_testing_completed: false });
    const versions = await call<Record<string, unknown>[]>(peer, 'mailing.mailing', 'read', [[a, b], ['total', 'ab_testing_mailings_count', 'is_ab_test_sent', 'ab_testing_is_winner_mailing']]);
    expect(versions.map((v) => v.total)).toEqual([150, 150]);
    expect(versions.every((v) => v.ab_testing_mailings_count === 2 && v.is_ab_test_sent === false && v.ab_testing_is_winner_mailing === false)).toBe(true);
  });

  it('mails 150 different contacts with each subject, then the cron sends the version with more opens to the other 700, each contact once', async () => {
    let now = START;
    peer = await startOdooPeer({ version, autoProcessQueue: false, now: () => now });
    const { a, b, campaignId } = await abTestOnThousand(peer);
    await call(peer, 'mailing.mailing', 'action_launch', [[a, b]]);
    await peer.processQueue();

    const tested = await tracesOf(peer, [a, b]);
    const ofA = tested.filter((t) => t.mass_mailing_id[0] === a);
    const ofB = tested.filter((t) => t.mass_mailing_id[0] === b);
    expect([ofA.length, ofB.length]).toEqual([150, 150]);
    expect(new Set(tested.map((t) => t.res_id)).size).toBe(300);
    expect(tested.every((t) => t.trace_status === 'sent')).toBe(true);

    // The second subject is opened by 60 people, the first by 30.
    for (const t of ofA.slice(0, 30)) peer.tracking.open(t.id);
    for (const t of ofB.slice(0, 60)) peer.tracking.open(t.id);

    // Before its date the cron leaves the test alone.
    await peer.processQueue();
    expect((await tracesOf(peer, [a, b])).length).toBe(300);
    expect(await call<number>(peer, 'mailing.mailing', 'search_count', [[['campaign_id', '=', campaignId]]])).toBe(2);

    now = new Date('2026-03-02T10:00:01Z');
    await peer.processQueue();
    const [campaign] = await call<{ ab_testing_winner_mailing_id: [number, string] | false; ab_testing_completed: boolean }[]>(peer, 'utm.campaign', 'read', [[campaignId], ['ab_testing_winner_mailing_id', 'ab_testing_completed']]);
    expect(campaign?.ab_testing_completed).toBe(true);
    const winnerId = campaign?.ab_testing_winner_mailing_id ? campaign.ab_testing_winner_mailing_id[0] : 0;
    const [winner] = await call<Record<string, unknown>[]>(peer, 'mailing.mailing', 'read', [[winnerId], ['subject', 'state', 'ab_testing_pc', 'ab_testing_is_winner_mailing', 'campaign_id']]);
    expect(winner).toMatchObject({ subject: 'Spring sale: 20% off everything', state: 'done', ab_testing_pc: 100, ab_testing_is_winner_mailing: true });

    const all = await tracesOf(peer, [a, b, winnerId]);
    expect(all.filter((t) => t.mass_mailing_id[0] === winnerId).length).toBe(700);
    const perContact = new Map<number, number>();
    for (const t of all) perContact.set(t.res_id, (perContact.get(t.res_id) ?? 0) + 1);
    expect(perContact.size).toBe(1000);
    expect([...perContact.values()].every((n) => n === 1)).toBe(true);

    // Later runs find the campaign completed: no second winner, no second mail.
    now = new Date('2026-03-03T10:00:00Z');
    await peer.processQueue();
    expect((await tracesOf(peer, [a, b, winnerId])).length).toBe(1000);
    expect(await call<number>(peer, 'mailing.mailing', 'search_count', [[['campaign_id', '=', campaignId]]])).toBe(3);
  });

  it('leaves a manual test to the person, whose chosen version goes to the rest once', async () => {
    let now = START;
    peer = await startOdooPeer({ version, autoProcessQueue: false, now: () => now });
    const { a, b, campaignId } = await abTestOnThousand(peer);
    await call(peer, 'mailing.mailing', 'write', [[a], { ab_testing_winner_selection: 'manual' }]);
    const [sibling] = await call<{ ab_testing_winner_selection: string }[]>(peer, 'mailing.mailing', 'read', [[b], ['ab_testing_winner_selection']]);
    expect(sibling?.ab_testing_winner_selection).toBe('manual');
    await call(peer, 'mailing.mailing', 'action_launch', [[a, b]]);
    await peer.processQueue();
    now = new Date('2026-03-05T10:00:00Z');
    await peer.processQueue();
    expect(await call<number>(peer, 'mailing.mailing', 'search_count', [[['campaign_id', '=', campaignId]]])).toBe(2);

    const action = await call<{ res_id: number }>(peer, 'mailing.mailing', 'action_select_as_winner', [[a]]);
    await peer.processQueue();
    const [winner] = await call<{ subject: string }[]>(peer, 'mailing.mailing', 'read', [[action.res_id], ['subject']]);
    expect(winner?.subject).toBe('Spring sale');
    expect((await tracesOf(peer, [action.res_id])).length).toBe(700);
    const again = await executeKw(peer, 'mailing.mailing', 'action_send_winner_mailing', [[a, b]]);
    expect(again.error?.data.message).toBe('To send the winner mailing the campaign should not have been completed.');
  });

  it('refuses a percentage outside 0–100 and an enabled version losing its campaign, with Odoo\'s messages', async () => {
    peer = await startOdooPeer({ version, autoProcessQueue: false, now: () => START });
    const { a } = await abTestOnThousand(peer);
    expect((await executeKw(peer, 'mailing.mailing', 'write', [[a], { ab_testing_pc: 120 }])).error?.data.message).toBe('The A/B Testing Percentage needs to be between 0 and 100%');
    expect((await executeKw(peer, 'mailing.mailing', 'write', [[a], { campaign_id: false }])).error?.data.message).toBe('A campaign should be set when A/B test is enabled');
  });
});
