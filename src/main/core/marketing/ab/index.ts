import type { z } from 'zod';
import { AppError } from '../../../../shared/errors';
import type { AbTest, PickWinnerInput, SaveAbTestInput } from '../../../../shared/schemas/ab';
import { toOdooDatetime, type OdooClient } from '../../odoo';
import { CAMPAIGN_FIELD, madeInOdoo, madeInOdooError } from '../mailings';
import { createPickMemo, readAbState, versionCampaignId, type AbMailing, type AbState, type Label } from './records';
import { abView } from './view';
import type { SendgridService } from '../../sendgrid';
import { checkMailing, requireSendable } from '../precheck';

export interface AbDeps {
  odoo: OdooClient;
  now: () => Date;
  sendgrid?: () => SendgridService | undefined;
}

type Out = z.infer<typeof AbTest>;
const ODOO_SELECTION = { opens: 'opened_ratio', clicks: 'clicks_ratio', manual: 'manual' } as const;

/** Each version's ab_testing_pc: the test share split evenly, the first versions taking what does not divide. */
export function splitShare(share: number, versions: number): number[] {
  const base = Math.floor(share / versions);
  return Array.from({ length: versions }, (_, i) => base + (i < share % versions ? 1 : 0));
}

/** `"Name" <address>` with version A's address: a sender-name version changes only the name people see. */
export function withSenderName(emailFrom: string, name: string): string {
  const address = /<([^>]+)>/.exec(emailFrom)?.[1] ?? emailFrom.trim();
  return `"${name.replace(/"/g, "'")}" <${address}>`;
}

function invalid(field: string, problem: string, message: string): AppError {
  return new AppError('input.invalid', message, { fields: [{ field, problem }] });
}

function requireEditable(state: AbState, what: string): void {
  if (madeInOdoo(state.main)) throw madeInOdooError(state.main, what);
  const started = state.versions.find(({ mailing }) => mailing.state !== 'draft');
  if (started || state.winner) {
    throw new AppError('conflict', 'The A/B test is already under way: its versions can no longer change. Cancel the scheduled versions first, or duplicate the campaign for a new test.', {
      odoo_campaign_id: (started?.mailing ?? state.main).id, state: (started?.mailing ?? state.main).state,
    });
  }
}

/** A/B tests on Odoo's own A/B testing: versions on one utm.campaign, Odoo's cron sends the winner. */
export function createAbTests({ odoo, now, sendgrid }: AbDeps) {
  const memo = createPickMemo();
  const view = async (storeId: string, campaignId: string): Promise<Out> => abView(await readAbState(odoo, storeId, campaignId, memo), now());

  /** Writes only what differs from what Odoo holds (a retried save writes nothing). */
  async function writeChanged(m: AbMailing, wanted: Record<string, unknown>): Promise<void> {
    const current: Record<string, unknown> = { ...m };
    const changed = Object.fromEntries(Object.entries(wanted).filter(([k, v]) => current[k] !== v));
    if (Object.keys(changed).length > 0) await odoo.write('mailing.mailing', [m.id], changed);
  }

  async function save(input: z.infer<typeof SaveAbTestInput>): Promise<Out> {
    const state = await readAbState(odoo, input.storeId, input.campaignId, memo);
    requireEditable(state, 'tested');
    const count = input.versions.length + 1;
    if (input.test_share_pc < count) throw invalid('test_share_pc', `must be at least ${count}`, `With ${count} versions the test share must be at least ${count} % (1 % a version).`);
    const winnerAt = new Date(input.send_winner_at);
    if (winnerAt.getTime() <= now().getTime()) throw invalid('send_winner_at', 'is in the past', 'The winner date is in the past. Pick a time after the test goes out.');
    const shares = splitShare(input.test_share_pc, count);
    const { main } = state;
    await writeChanged(main, { ab_testing_enabled: true, ab_testing_pc: shares[0] });
    // Enabling gives the mailing its "A/B Test" campaign; the winner settings are that campaign's
    // (related fields), written once it exists.
    const fresh = main.campaign_id ? state : await readAbState(odoo, input.storeId, input.campaignId, memo);
    const campaign = fresh.campaign;
    const selection = ODOO_SELECTION[input.winner_selection];
    const at = toOdooDatetime(winnerAt);
    const campaignAt = campaign?.ab_testing_schedule_datetime ? toOdooDatetime(campaign.ab_testing_schedule_datetime) : null;
    const settings = { ...(campaign?.ab_testing_winner_selection !== selection ? { ab_testing_winner_selection: selection } : {}), ...(campaignAt !== at ? { ab_testing_schedule_datetime: at } : {}) };
    if (Object.keys(settings).length > 0) await odoo.write('mailing.mailing', [main.id], settings);

    const labels: Label[] = ['B', 'C'];
    for (const [i, spec] of input.versions.entries()) {
      const label = labels[i] as Label;
      const wanted = {
        subject: spec.subject ?? main.subject ?? '',
        email_from: spec.sender_name ? withSenderName(main.email_from, spec.sender_name) : main.email_from,
        ab_testing_pc: shares[i + 1] as number,
      };
      const existing = fresh.versions.find((v) => v.label === label)?.mailing;
      if (existing) await writeChanged(existing, wanted);
      // A copy keeps the campaign (and with it the test), the lists, the domain and the email.
      else await odoo.copy('mailing.mailing', main.id, { ...wanted, [CAMPAIGN_FIELD]: versionCampaignId(input.storeId, input.campaignId, label) });
    }
    const dropped = fresh.versions.filter((v) => v.label !== 'A' && labels.indexOf(v.label) >= input.versions.length).map((v) => v.mailing.id);
    if (dropped.length > 0) await odoo.unlink('mailing.mailing', dropped);
    return view(input.storeId, input.campaignId);
  }

  async function remove(storeId: string, campaignId: string): Promise<Out> {
    const state = await readAbState(odoo, storeId, campaignId, memo);
    requireEditable(state, 'changed');
    const others = state.versions.filter((v) => v.label !== 'A').map((v) => v.mailing.id);
    if (others.length > 0) await odoo.unlink('mailing.mailing', others);
    if (state.main.ab_testing_enabled) await odoo.write('mailing.mailing', [state.main.id], { ab_testing_enabled: false });
    return view(storeId, campaignId);
  }

  /**
   * The winner goes to everyone the test did not reach: the email it copies passes the same
   * pre-send check as any send (its body, the audience, SendGrid's suppressions), its state aside.
   * Without a named version Odoo picks among the sent ones, so each of them is checked.
   */
  async function checkWinner(candidates: AbState['versions'], acknowledge: readonly string[]): Promise<void> {
    for (const { label, mailing } of candidates) {
      const check = await checkMailing(odoo, sendgrid?.(), { ...mailing, state: 'draft', ab_testing_enabled: false }, now());
      const issues = check.issues.map((i) => ({ ...i, message: `Version ${label}: ${i.message}` }));
      requireSendable({ ...check, issues }, acknowledge);
    }
  }

  /**
   * Sends the winner now: the version named (action_select_as_winner), or the one Odoo's winner
   * selection picks among the sent versions (action_send_winner_mailing, what its cron runs). A
   * test that already has its winner is answered as it is, so a retry never sends twice.
   */
  async function winner(input: z.infer<typeof PickWinnerInput>): Promise<Out> {
    const state = await readAbState(odoo, input.storeId, input.campaignId, memo);
    if (!state.main.ab_testing_enabled || !state.campaign) throw new AppError('conflict', 'This campaign is not an A/B test.', { campaign_id: input.campaignId });
    if (state.winner) return abView(state, now());
    const sent = state.versions.filter((v) => v.mailing.state === 'done');
    if (sent.length === 0) throw new AppError('conflict', 'No version of this test has been sent yet: send the test first, then pick the winner once people have opened it.', { campaign_id: input.campaignId });
    const candidates = input.version ? sent.filter((v) => v.label === input.version) : sent;
    await checkWinner(candidates, input.acknowledge ?? []);
    if (input.version) {
      const chosen = state.versions.find((v) => v.label === input.version);
      if (!chosen) throw invalid('version', 'does not exist', `This test has no version ${input.version}.`);
      if (chosen.mailing.state !== 'done') throw new AppError('conflict', `Version ${input.version} has not been sent yet, so it cannot be judged.`, { version: input.version });
      await odoo.call('mailing.mailing', 'action_select_as_winner', [chosen.mailing.id]);
    } else {
      if (state.campaign.ab_testing_winner_selection === 'manual') throw invalid('version', 'is required', 'This test picks its winner by hand: name the version to send to everyone else.');
      await odoo.call('mailing.mailing', 'action_send_winner_mailing', state.versions.map((v) => v.mailing.id));
    }
    return view(input.storeId, input.campaignId);
  }

  return { get: view, save, remove, winner };
}

export type AbTests = ReturnType<typeof createAbTests>;
