import { validationError, valueError } from '../errors';
import { copyRecord } from '../orm/copy-record';
import { create, ensureExist, search, searchCount, write } from '../orm/crud';
import type { Env } from '../orm/env';
import type { MethodSpec, ModelSpec } from '../orm/model';
import type { Rec, StoredValue } from '../orm/types';
import { formatDatetime } from '../orm/values';
import { mailingStats } from './mailing-stats';

/**
 * mass_mailing's A/B testing, as addons/mass_mailing/models/mailing.py and utm_campaign.py do it
 * (Odoo 17–19):
 * - the versions of a test are the mailings with ab_testing_enabled sharing one utm.campaign; a
 *   mailing enabled without a campaign gets a new one, "A/B Test: <subject>"
 *   (_create_ab_testing_utm_campaigns);
 * - ab_testing_schedule_datetime and ab_testing_winner_selection are related fields of that
 *   campaign (readonly=False): reading them reads the campaign, writing them writes it;
 * - each version mails ab_testing_pc % of the domain, drawn at random among the contacts no
 *   version of the campaign has mailed yet (_get_recipients);
 * - the winner is a copy of the best version with ab_testing_pc 100 (action_select_as_winner),
 *   recorded as the campaign's ab_testing_winner_mailing_id; it mails everyone no version of the
 *   campaign has a trace for (_get_remaining_recipients);
 * - the A/B cron picks and launches it once the campaign's date has passed
 *   (_cron_process_mass_mailing_ab_testing).
 */

const DAY_MS = 86_400_000;
export const AB_WINNER_SELECTIONS = ['manual', 'opened_ratio', 'clicks_ratio', 'replied_ratio'] as const;
/** Field definitions on mailing.mailing that are the campaign's (related, readonly=False). */
export const AB_RELATED_FIELDS = ['ab_testing_schedule_datetime', 'ab_testing_winner_selection'] as const;

const campaignOf = (env: Env, mailing: Rec): Rec | undefined =>
  typeof mailing.campaign_id === 'number' ? env.browse('utm.campaign', mailing.campaign_id) : undefined;

/** _get_ab_testing_siblings_mailings: the campaign's mail mailings with A/B testing enabled. */
export function abSiblings(env: Env, mailing: Rec): Rec[] {
  const campaign = campaignOf(env, mailing);
  return campaign ? campaignAbMailings(env, campaign) : [];
}

function campaignAbMailings(env: Env, campaign: Rec): Rec[] {
  // mailing_mail_ids follows mailing.mailing's _order (calendar_date desc, id desc).
  const ids = search(env.sudo(), 'mailing.mailing', [['campaign_id', '=', campaign.id], ['mailing_type', '=', 'mail'], ['ab_testing_enabled', '=', true]], { order: 'calendar_date desc, id desc' });
  return ids.map((id) => env.browse('mailing.mailing', id) as Rec);
}

export const isWinnerMailing = (env: Env, mailing: Rec): boolean => campaignOf(env, mailing)?.ab_testing_winner_mailing_id === mailing.id;

/**
 * The mailing's own A/B defaults. The related fields' defaults (tomorrow, opened_ratio) are the
 * campaign's: a new A/B campaign takes them when the create does not say (newAbCampaign), and a
 * mailing without a campaign reads them as empty, like a related field of an empty record.
 */
export const abDefaults = {
  ab_testing_enabled: (): StoredValue => false,
  ab_testing_pc: (): StoredValue => 10,
};

export const campaignAbDefaults = {
  ab_testing_schedule_datetime: (env: Env): StoredValue => formatDatetime(new Date(env.services.now().getTime() + DAY_MS)),
  ab_testing_winner_selection: (): StoredValue => 'opened_ratio',
};

/** CHECK(ab_testing_pc >= 0 AND ab_testing_pc <= 100): the constraint's own message. */
export function checkPercentage(vals: Record<string, unknown>): void {
  const pc = vals.ab_testing_pc;
  if (typeof pc === 'number' && (pc < 0 || pc > 100)) throw validationError('The A/B Testing Percentage needs to be between 0 and 100%');
}

/** create(): an enabled mailing without a campaign gets its A/B campaign from the values it is created with. */
export function abBeforeCreate(env: Env, vals: Record<string, unknown>): void {
  checkPercentage(vals);
  if (!vals.ab_testing_enabled || vals.campaign_id) return;
  vals.campaign_id = newAbCampaign(env, vals);
}

/** _get_default_ab_testing_campaign_values. */
function newAbCampaign(env: Env, vals: Record<string, unknown>): number {
  const subject = typeof vals.subject === 'string' && vals.subject ? vals.subject : formatDatetime(env.services.now());
  return create(env, 'utm.campaign', [{
    name: `A/B Test: ${subject}`,
    ab_testing_schedule_datetime: vals.ab_testing_schedule_datetime ?? campaignAbDefaults.ab_testing_schedule_datetime(env),
    ab_testing_winner_selection: vals.ab_testing_winner_selection ?? 'opened_ratio',
    user_id: typeof vals.user_id === 'number' ? vals.user_id : env.uid,
  }])[0] as number;
}

/** write(): removing the campaign of an enabled mailing is refused; enabling one gives it a campaign. */
export function abBeforeWrite(env: Env, recs: Rec[], vals: Record<string, unknown>): void {
  checkPercentage(vals);
  if (vals.campaign_id === false && recs.some((r) => r.ab_testing_enabled) && !('ab_testing_enabled' in vals)) {
    throw validationError('A campaign should be set when A/B test is enabled');
  }
}

export function abAfterWrite(env: Env, recs: Rec[], vals: Record<string, unknown>): void {
  if (!vals.ab_testing_enabled) return;
  for (const rec of recs) {
    if (rec.campaign_id) continue;
    const values = { subject: rec.subject, user_id: rec.user_id };
    env.store('mailing.mailing').update(rec, { campaign_id: newAbCampaign(env, values) });
  }
}

/** Writers of the related fields: the value lands on the campaign (none yet: nothing to write, as in Odoo). */
export const abWriters = Object.fromEntries(AB_RELATED_FIELDS.map((name) => [name, (env: Env, rec: Rec, value: unknown) => {
  const campaign = campaignOf(env, rec);
  if (campaign) write(env, 'utm.campaign', [campaign.id], { [name]: value });
}]));

export function abComputes(): NonNullable<ModelSpec['computes']> {
  const related = (name: string) => (env: Env, rec: Rec): StoredValue => (campaignOf(env, rec)?.[name] as StoredValue) ?? (name === 'ab_testing_completed' ? false : null);
  return {
    ab_testing_schedule_datetime: related('ab_testing_schedule_datetime'),
    ab_testing_winner_selection: related('ab_testing_winner_selection'),
    ab_testing_completed: (env, rec) => Boolean(campaignOf(env, rec)?.ab_testing_winner_mailing_id),
    ab_testing_mailings_count: (env, rec) => {
      const campaign = campaignOf(env, rec);
      return campaign ? campaignAbMailings(env, campaign).length : 0;
    },
    ab_testing_is_winner_mailing: (env, rec) => isWinnerMailing(env, rec),
    is_ab_test_sent: (env, rec) => abSiblings(env, rec).some((m) => m.state === 'done'),
    // Odoo renders the QWeb template mass_mailing.ab_testing_description here; the peer has no
    // recording of its markup, so it answers as for a mailing without A/B testing.
    ab_testing_description: () => false,
  };
}

/** _compute_total: an A/B version counts only its share of the domain, at least one. */
export function abTotal(rec: Rec, total: number): number {
  const pc = typeof rec.ab_testing_pc === 'number' ? rec.ab_testing_pc : 10;
  if (total && rec.ab_testing_enabled && pc < 100) return Math.max(Math.trunc((total / 100) * pc), 1);
  return total;
}

/** copy_data: an A/B version's copy keeps the campaign's date (and, copy=True, its winner selection). */
export function abCopyValues(env: Env, rec: Rec): Record<string, unknown> {
  if (!rec.ab_testing_enabled) return {};
  const campaign = campaignOf(env, rec);
  return campaign ? { ab_testing_schedule_datetime: campaign.ab_testing_schedule_datetime ?? false, ab_testing_winner_selection: campaign.ab_testing_winner_selection ?? 'opened_ratio' } : {};
}

/** The ratio a winner selection sorts by (_compute_statistics / _compute_clicks_ratio). */
function ratio(env: Env, mailing: Rec, by: string): number {
  const stats = mailingStats(env, mailing.id);
  const value = stats[by as keyof typeof stats];
  return typeof value === 'number' ? value : 0;
}

/** action_send_winner_mailing: the best sent version (or, manual, the one asked) becomes the winner. */
export function sendWinnerMailing(env: Env, ids: number[]): unknown {
  const mailings = ensureExist(env, 'mailing.mailing', ids);
  const campaigns = new Set(mailings.map((m) => m.campaign_id).filter((c) => typeof c === 'number'));
  if (campaigns.size !== 1) throw valueError('To send the winner mailing the same campaign should be used by the mailings');
  if (mailings.some((m) => Boolean(campaignOf(env, m)?.ab_testing_winner_mailing_id))) throw valueError('To send the winner mailing the campaign should not have been completed.');
  let final = mailings[0] as Rec;
  const sortedBy = String(campaignOf(env, final)?.ab_testing_winner_selection ?? 'opened_ratio');
  if (sortedBy !== 'manual') {
    // recordset.sorted(key, reverse=True) is a stable sort: equal ratios keep the campaign's order.
    const sent = abSiblings(env, final).filter((m) => m.state === 'done');
    const best = sent.map((m, i) => ({ m, i, r: ratio(env, m, sortedBy) })).sort((a, b) => b.r - a.r || a.i - b.i)[0];
    if (!best) throw validationError('No mailing for this A/B testing campaign has been sent yet! Send one first and try again later.');
    final = best.m;
  }
  return selectAsWinner(env, [final.id]);
}

/** action_select_as_winner: copy the version for everyone else, record it as the winner, launch it. */
export function selectAsWinner(env: Env, ids: number[]): unknown {
  if (ids.length !== 1) throw valueError(`Expected singleton: mailing.mailing(${ids.join(', ')}${ids.length === 1 ? ',' : ''})`);
  const [mailing] = ensureExist(env, 'mailing.mailing', ids) as [Rec];
  if (!mailing.ab_testing_enabled) throw valueError('A/B test option has not been enabled');
  const finalId = copyRecord(env, 'mailing.mailing', mailing, { ab_testing_pc: 100, name: ` ${String(mailing.name ?? '')} (final)` });
  const campaign = campaignOf(env, mailing);
  if (campaign) write(env, 'utm.campaign', [campaign.id], { ab_testing_winner_mailing_id: finalId });
  write(env, 'mailing.mailing', [finalId], { schedule_type: 'now' });
  write(env, 'mailing.mailing', [finalId], { state: 'in_queue' });
  env.services.triggerQueue();
  // Odoo answers mass_mailing.action_ab_testing_open_winner_mailing with res_id set to the winner.
  return { type: 'ir.actions.act_window', res_model: 'mailing.mailing', res_id: finalId, view_mode: 'form', views: [[false, 'form']], target: 'current', context: {} };
}

/** action_compare_versions: the window action over the campaign's versions. */
function compareVersions(env: Env, ids: number[]): unknown {
  if (ids.length !== 1) throw valueError(`Expected singleton: mailing.mailing(${ids.join(', ')})`);
  const [mailing] = ensureExist(env, 'mailing.mailing', ids) as [Rec];
  if (!mailing.campaign_id) throw valueError('No mailing campaign has been found');
  return {
    name: 'A/B Tests',
    type: 'ir.actions.act_window',
    view_mode: 'list,kanban,form,calendar,graph',
    res_model: 'mailing.mailing',
    domain: ['&', '&', ['campaign_id', '=', mailing.campaign_id], ['ab_testing_enabled', '=', true], ['mailing_type', '=', mailing.mailing_type ?? 'mail']],
  };
}

const button = (run: MethodSpec['run']): MethodSpec => ({ kind: 'records', params: [], run });

export const abMethods: Record<string, MethodSpec> = {
  action_send_winner_mailing: button((env, ids) => sendWinnerMailing(env, ids)),
  action_select_as_winner: button((env, ids) => selectAsWinner(env, ids)),
  action_compare_versions: button((env, ids) => compareVersions(env, ids)),
};

/** utm.campaign's A/B computes (ab_testing_completed is stored in Odoo, computed from the winner). */
export function campaignAbComputes(): NonNullable<ModelSpec['computes']> {
  return {
    ab_testing_completed: (_env, rec) => Boolean(rec.ab_testing_winner_mailing_id),
    ab_testing_mailings_count: (env, rec) => campaignAbMailings(env, rec).length,
  };
}

/**
 * _get_recipients for an A/B version that is not the winner: ab_testing_pc % of the domain's count
 * (at least one), drawn with random.sample from the sorted contacts the campaign has not mailed.
 */
export function abTestRecipients(env: Env, mailing: Rec, model: string, domainIds: number[], domain: unknown[]): number[] {
  const count = searchCount(env, model, domain);
  const pc = typeof mailing.ab_testing_pc === 'number' ? mailing.ab_testing_pc : 10;
  let topick = count ? Math.max(Math.trunc((count / 100) * pc), 1) : 0;
  const mailed = campaignRecipients(env, mailing);
  const remaining = domainIds.filter((id) => !mailed.has(id)).sort((a, b) => a - b);
  if (topick > remaining.length || (remaining.length > 0 && topick === 0)) topick = remaining.length;
  return sample(remaining, topick, env.services.random);
}

/** utm.campaign._get_mailing_recipients: every res_id a trace of the campaign's mailings names. */
function campaignRecipients(env: Env, mailing: Rec): Set<number> {
  if (typeof mailing.campaign_id !== 'number') return new Set();
  const traces = env.store('mailing.trace');
  const out = new Set<number>();
  for (const sibling of env.store('mailing.mailing').lookup('campaign_id', mailing.campaign_id) ?? []) {
    for (const id of traces.lookup('mass_mailing_id', sibling) ?? []) out.add(traces.records.get(id)?.res_id as number);
  }
  return out;
}

/** The trace res_ids _get_remaining_recipients leaves out: all the versions' for the winner, its own otherwise. */
export function alreadyMailed(env: Env, mailing: Rec, model: string): Set<number> {
  const mailings = mailing.ab_testing_enabled && isWinnerMailing(env, mailing) ? abSiblings(env, mailing).map((m) => m.id) : [mailing.id];
  const traces = env.store('mailing.trace');
  const out = new Set<number>();
  for (const id of mailings) for (const t of traces.lookup('mass_mailing_id', id) ?? []) {
    const trace = traces.records.get(t);
    if (trace && trace.model === model) out.add(trace.res_id as number);
  }
  return out;
}

/** _get_seen_list of an A/B version: the addresses any trace of its campaign has (mailed once per campaign). */
export function campaignSeenEmails(env: Env, mailing: Rec): Set<string> {
  const out = new Set<string>();
  if (!mailing.ab_testing_enabled || typeof mailing.campaign_id !== 'number') return out;
  const traces = env.store('mailing.trace');
  for (const sibling of env.store('mailing.mailing').lookup('campaign_id', mailing.campaign_id) ?? []) {
    for (const id of traces.lookup('mass_mailing_id', sibling) ?? []) {
      const email = traces.records.get(id)?.email;
      if (typeof email === 'string' && email) out.add(email);
    }
  }
  return out;
}

/** Python's random.sample: a partial Fisher–Yates over a copy, driven by the peer's seeded random. */
function sample(population: number[], k: number, random: () => number): number[] {
  const pool = population.slice();
  const out: number[] = [];
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j] as number, pool[i] as number];
    out.push(pool[i] as number);
  }
  return out;
}

/**
 * _cron_process_mass_mailing_ab_testing: campaigns whose date has passed, not manual, not
 * completed, with at least one version sent, get their winner sent.
 */
export function processAbTestingCron(env: Env): number[] {
  const now = formatDatetime(env.services.now());
  const due = [...env.store('utm.campaign').records.values()].filter((c) =>
    typeof c.ab_testing_schedule_datetime === 'string' && c.ab_testing_schedule_datetime <= now && c.ab_testing_winner_selection !== 'manual' && !c.ab_testing_winner_mailing_id,
  ).sort((a, b) => a.id - b.id);
  for (const campaign of due) {
    const versions = campaignAbMailings(env, campaign);
    if (!versions.some((m) => m.state === 'done')) continue;
    sendWinnerMailing(env, versions.map((m) => m.id));
  }
  return due.map((c) => c.id);
}
