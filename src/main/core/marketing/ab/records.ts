import { z } from 'zod';
import { many2one, odooDatetimeField, parseRecords, toOdooDatetime, type OdooClient } from '../../odoo';
import { campaignIdFor } from '../campaign-ids';
import { BODY_FIELDS, BodyRecord } from '../body';
import { CAMPAIGN_FIELD, campaignIdOf, findMailing, MAILING_FIELDS, MailingRecord, unknownCampaign } from '../mailings';

/**
 * What the console reads of an A/B test in Odoo (mailing.py, utm_campaign.py). The versions of a
 * test are the mailings with ab_testing_enabled on one utm.campaign; the campaign holds the winner
 * selection, the winner date and, once sent, the winner (a copy of the best version).
 */

export const AB_MAILING_FIELDS = [...new Set([...MAILING_FIELDS, ...BODY_FIELDS, 'email_from', 'campaign_id', 'ab_testing_enabled', 'ab_testing_pc'])];

export const AbMailing = MailingRecord.extend(BodyRecord.omit({ subject: true }).shape).extend({
  email_from: z.union([z.string(), z.literal(false)]).transform((v) => v || ''),
  campaign_id: many2one,
  ab_testing_enabled: z.boolean(),
  ab_testing_pc: z.number().int(),
});
export type AbMailing = z.infer<typeof AbMailing>;

export const AbCampaign = z.object({
  id: z.number().int().positive(),
  ab_testing_winner_selection: z.union([z.enum(['manual', 'opened_ratio', 'clicks_ratio', 'replied_ratio']), z.literal(false)]),
  ab_testing_schedule_datetime: odooDatetimeField,
  ab_testing_winner_mailing_id: many2one,
});
export type AbCampaign = z.infer<typeof AbCampaign>;

export const LABELS = ['A', 'B', 'C'] as const;
export type Label = (typeof LABELS)[number];

/** The console's id of version B or C: derived from the campaign, so a retried save finds the version it made. */
export const versionCampaignId = (storeId: string, campaignId: string, label: Label): string =>
  label === 'A' ? campaignId : campaignIdFor(storeId, `${campaignId}\nab-version\n${label}`);

export interface AbState {
  /** Version A: the campaign itself. */
  main: AbMailing;
  /** A, then B and C when they exist, by label. */
  versions: { label: Label; mailing: AbMailing }[];
  campaign: AbCampaign | null;
  /** The winner Odoo copied for the rest, when it did. */
  winner: AbMailing | null;
  /**
   * Per version, the traces opened (or clicked, by the test's rule) before the winner was made:
   * what Odoo's rule saw when the winner was picked. Null without a winner or a rule to check.
   */
  measuredAtPick: Partial<Record<Label, number>> | null;
}

const AT_PICK_FIELD = { opened_ratio: 'open_datetime', clicks_ratio: 'links_click_datetime' } as const;

/**
 * What each version measured when its test's winner was made, kept per winner: only events before
 * the winner's creation count, so the answer stays what it was, and the stats view, which polls
 * the test, asks Odoo for it once (a read and a count per version). The newest `limit` winners are
 * kept; one memo serves one Odoo connection (winner ids are that database's).
 */
export interface PickMemo {
  get(key: string): AbState['measuredAtPick'] | undefined;
  set(key: string, value: NonNullable<AbState['measuredAtPick']>): void;
}

export function createPickMemo(limit = 200): PickMemo {
  const kept = new Map<string, NonNullable<AbState['measuredAtPick']>>();
  return {
    get: (key) => kept.get(key),
    set(key, value) {
      kept.delete(key);
      kept.set(key, value);
      for (const oldest of kept.keys()) {
        if (kept.size <= limit) break;
        kept.delete(oldest);
      }
    },
  };
}

/** Counts each sent version's opens (or clicks) recorded up to the moment the winner mailing was created. */
async function readMeasuredAtPick(odoo: OdooClient, versions: AbState['versions'], campaign: AbCampaign | null, winner: AbMailing | null, memo?: PickMemo): Promise<AbState['measuredAtPick']> {
  const rule = campaign?.ab_testing_winner_selection;
  if (!winner || (rule !== 'opened_ratio' && rule !== 'clicks_ratio')) return null;
  const key = `${winner.id} ${rule} ${versions.map(({ label, mailing }) => `${label}${mailing.id}`).join(' ')}`;
  const known = memo?.get(key);
  if (known) return known;
  const measured = await countAtPick(odoo, versions, rule, winner);
  if (measured) memo?.set(key, measured);
  return measured;
}

async function countAtPick(odoo: OdooClient, versions: AbState['versions'], rule: keyof typeof AT_PICK_FIELD, winner: AbMailing): Promise<AbState['measuredAtPick']> {
  const [row] = parseRecords(z.object({ create_date: odooDatetimeField }), await odoo.read('mailing.mailing', [winner.id], ['create_date'], { context: { active_test: false } }), 'mailing.mailing');
  const at = row?.create_date;
  if (!at) return null;
  const when = toOdooDatetime(at);
  const counts = await Promise.all(versions.map(({ mailing }) => odoo.searchCount('mailing.trace', [['mass_mailing_id', '=', mailing.id], [AT_PICK_FIELD[rule], '<=', when]])));
  return Object.fromEntries(versions.map(({ label }, i) => [label, counts[i] ?? 0]));
}

export async function readAbMailing(odoo: OdooClient, storeId: string, campaignId: string): Promise<AbMailing> {
  const found = await findMailing(odoo, storeId, campaignId);
  if (!found) throw unknownCampaign(storeId, campaignId);
  const rows = await odoo.read('mailing.mailing', [found.id], AB_MAILING_FIELDS, { context: { active_test: false } });
  const [mailing] = parseRecords(AbMailing, rows, 'mailing.mailing');
  if (!mailing) throw unknownCampaign(storeId, campaignId);
  return mailing;
}

/** The test as Odoo holds it: version A, the other versions the console made, the campaign and its winner. */
export async function readAbState(odoo: OdooClient, storeId: string, campaignId: string, memo?: PickMemo): Promise<AbState> {
  const main = await readAbMailing(odoo, storeId, campaignId);
  if (!main.campaign_id) return { main, versions: [{ label: 'A', mailing: main }], campaign: null, winner: null, measuredAtPick: null };
  const ids = { B: versionCampaignId(storeId, campaignId, 'B'), C: versionCampaignId(storeId, campaignId, 'C') };
  const [siblingRows, campaignRows] = await Promise.all([
    odoo.searchRead('mailing.mailing', [['campaign_id', '=', main.campaign_id.id], ['id', '!=', main.id]], AB_MAILING_FIELDS, { order: 'id asc', context: { active_test: false } }),
    odoo.read('utm.campaign', [main.campaign_id.id], ['id', 'ab_testing_winner_selection', 'ab_testing_schedule_datetime', 'ab_testing_winner_mailing_id']),
  ]);
  const siblings = parseRecords(AbMailing, siblingRows, 'mailing.mailing');
  const campaign = parseRecords(AbCampaign, campaignRows, 'utm.campaign')[0] ?? null;
  const versions: AbState['versions'] = [{ label: 'A', mailing: main }];
  for (const label of ['B', 'C'] as const) {
    const mailing = siblings.find((m) => m[CAMPAIGN_FIELD] === ids[label]);
    if (mailing) versions.push({ label, mailing });
  }
  const winnerId = campaign?.ab_testing_winner_mailing_id?.id;
  const winner = siblings.find((m) => m.id === winnerId) ?? null;
  return { main, versions, campaign, winner, measuredAtPick: await readMeasuredAtPick(odoo, versions, campaign, winner, memo) };
}

/** Which version the winner copies: Odoo copies subject, sender and body as they are. */
export function winnerSource(state: AbState): Label | null {
  const w = state.winner;
  if (!w) return null;
  const same = state.versions.find(({ mailing: m }) => m.subject === w.subject && m.email_from === w.email_from && m.body_html === w.body_html);
  return same?.label ?? null;
}

export { campaignIdOf };
