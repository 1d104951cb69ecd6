import type { z } from 'zod';
import type { AbComparison, AbTest, AbVersion } from '../../../../shared/schemas/ab';
import { campaignIdOf } from '../mailings';
import { attempted } from '../stats';
import { campaignStatus } from '../status';
import { type AbMailing, type AbState, type Label, winnerSource } from './records';

type Version = z.infer<typeof AbVersion>;
type Comparison = z.infer<typeof AbComparison>;

const SELECTION = { opened_ratio: 'opens', clicks_ratio: 'clicks', replied_ratio: 'replies', manual: 'manual' } as const;
type WinnerReason = NonNullable<z.infer<typeof AbTest>['winner']>['chosen_by'];
const fraction = (part: number, whole: number): number => (whole > 0 ? Math.round((10000 * part) / whole) / 10000 : 0);

/** The sender's display name: `"Store A" <news@a.example>` → Store A; a bare address is its own name. */
export function senderName(emailFrom: string): string {
  const quoted = /^\s*"?([^"<]*?)"?\s*<[^>]+>\s*$/.exec(emailFrom);
  return quoted?.[1]?.trim() || emailFrom.trim();
}

function version(label: Label, m: AbMailing, now: Date): Version {
  const sent = m.state === 'done' || m.state === 'sending';
  return {
    label,
    campaign_id: campaignIdOf(m),
    odoo_campaign_id: m.id,
    subject: m.subject ?? '',
    sender: senderName(m.email_from),
    status: campaignStatus(m, now),
    share_pc: m.ab_testing_pc,
    recipients: sent ? attempted(m) : m.total,
    delivered: m.delivered,
    opened: m.opened,
    clicked: m.clicked,
    open_rate: fraction(m.opened, m.delivered),
    click_rate: fraction(m.clicked, m.delivered),
  };
}

/**
 * Is the lead real? A two-proportion z-test between the two best versions at 95 % (|z| ≥ 1.96):
 * with a few hundred people per version a few points of difference is usually chance.
 */
export function compare(versions: Version[], metric: Comparison['metric']): Comparison | null {
  const measured = versions.filter((v) => v.delivered > 0);
  if (measured.length < 2) return null;
  const count = (v: Version) => (metric === 'open_rate' ? v.opened : v.clicked);
  const ranked = [...measured].sort((a, b) => b[metric] - a[metric]);
  const [first, second] = ranked as [Version, Version];
  const difference = Math.round(1000 * (first[metric] - second[metric])) / 10;
  const pooled = (count(first) + count(second)) / (first.delivered + second.delivered);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / first.delivered + 1 / second.delivered));
  const z = se > 0 ? (first[metric] - second[metric]) / se : 0;
  const significant = Math.abs(z) >= 1.96;
  const what = metric === 'open_rate' ? 'open rate' : 'click rate';
  if (difference === 0) return { metric, leader: null, difference, significant: false, note: `The versions have the same ${what} so far.` };
  const note = significant
    ? `Version ${first.label} leads by ${difference} points of ${what}; with ${first.delivered} and ${second.delivered} delivered, that is unlikely to be chance (95 % confidence).`
    : `Version ${first.label} leads by ${difference} points of ${what}, but with ${first.delivered} and ${second.delivered} delivered that is within noise: it may be chance.`;
  return { metric, leader: first.label, difference, significant, note };
}

/**
 * Why the winner won. Odoo records no reason: its cron and "Send winner now" take the first of the
 * sent versions with the best ratio (a stable sort), "select as winner" takes whichever version a
 * person names, and both leave the same record. So a test with a rule reads "by opens" (or clicks)
 * when the winner is the version the rule would have picked with the opens counted up to the
 * winner's creation (later opens do not rewrite history), and "manual" (picked by hand) when a
 * person chose another. A hand pick of the version the rule would have picked anyway reads as the
 * rule's: Odoo keeps nothing that tells them apart.
 */
function chosenBy(state: AbState, selection: WinnerReason | null): WinnerReason {
  if (selection === null || selection === 'manual') return 'manual';
  const source = winnerSource(state);
  const measured = state.measuredAtPick;
  if (!source || !measured || selection === 'replies') return selection;
  const sent = state.versions.filter(({ mailing }) => mailing.state === 'done');
  const rate = ({ label, mailing }: AbState['versions'][number]): number => fraction(measured[label] ?? 0, mailing.delivered);
  const best = sent.reduce<AbState['versions'][number] | undefined>((top, v) => (top === undefined || rate(v) > rate(top) ? v : top), undefined);
  return best?.label === source ? selection : 'manual';
}

export function abView(state: AbState, now: Date): z.infer<typeof AbTest> {
  const { main, campaign, winner } = state;
  const enabled = main.ab_testing_enabled && Boolean(campaign);
  const versions = enabled ? state.versions.map(({ label, mailing }) => version(label, mailing, now)) : [];
  const selection = campaign?.ab_testing_winner_selection ? SELECTION[campaign.ab_testing_winner_selection] : null;
  const winnerSelection = selection === 'replies' ? null : selection;
  return {
    campaign_id: campaignIdOf(main),
    enabled,
    test_share_pc: versions.reduce((sum, v) => sum + v.share_pc, 0),
    winner_selection: enabled ? winnerSelection : null,
    send_winner_at: enabled && campaign?.ab_testing_schedule_datetime ? campaign.ab_testing_schedule_datetime.toISOString() : null,
    versions,
    winner: enabled && winner ? {
      from_label: winnerSource(state),
      campaign_id: campaignIdOf(winner),
      odoo_campaign_id: winner.id,
      status: campaignStatus(winner, now),
      sent_date: winner.sent_date ? winner.sent_date.toISOString() : null,
      recipients: winner.state === 'done' || winner.state === 'sending' ? attempted(winner) : 0,
      chosen_by: chosenBy(state, selection),
    } : null,
    comparison: enabled ? compare(versions, selection === 'clicks' ? 'click_rate' : 'open_rate') : null,
  };
}
