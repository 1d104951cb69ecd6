import type { z } from 'zod';
import type { PrecheckIssue } from '../../../../shared/schemas/marketing-views';
import { parseRecords, type OdooClient } from '../../odoo';
import { readBody } from '../body';
import { AB_MAILING_FIELDS, AbMailing } from './records';
import { senderName } from './view';

type Issue = z.infer<typeof PrecheckIssue>;

/**
 * Below this many people per version, open and click rates differ by chance more than by the
 * email (a 5-point lead needs roughly 300 a version to mean anything at 95 %).
 */
export const SMALL_TEST_PER_VERSION = 100;
const UNSUBSCRIBE = /\/unsubscribe_from_list|unsubscribe_url/;

export interface AbCheckTarget {
  id: number;
  campaign_id: { id: number } | null;
}

/**
 * The A/B part of the pre-send check (issue 17), run on whichever version is sent, on every send
 * path: every version's subject and body (a version is a whole email of its own), the versions
 * must differ, their shares must fit in the audience and be large enough to tell them apart, and
 * an automatic winner's date must still be ahead.
 */
export async function abIssues(odoo: OdooClient, target: AbCheckTarget, audience: number, now: Date | undefined, sendAt?: Date): Promise<Issue[]> {
  if (!target.campaign_id) return [];
  const [rows, campaigns] = await Promise.all([
    odoo.searchRead('mailing.mailing', [['campaign_id', '=', target.campaign_id.id], ['ab_testing_enabled', '=', true]], AB_MAILING_FIELDS, { order: 'id asc' }),
    odoo.read('utm.campaign', [target.campaign_id.id], ['ab_testing_winner_selection', 'ab_testing_schedule_datetime', 'ab_testing_winner_mailing_id']),
  ]);
  const versions = parseRecords(AbMailing, rows, 'mailing.mailing').filter((m) => m.ab_testing_pc < 100);
  const issues: Issue[] = [];
  const issue = (code: Issue['code'], severity: Issue['severity'], message: string, details: Record<string, unknown> = {}) => issues.push({ code, severity, message, details });
  const name = (m: AbMailing) => `Version ${String.fromCharCode(65 + versions.indexOf(m))}`;

  if (versions.length < 2) issue('ab_single_version', 'error', 'An A/B test needs at least two versions: add a version with another subject, sender name or email, or turn the test off.');
  for (const m of versions) {
    if (m.id === target.id) continue; // the version sent is checked by the ordinary check
    if (!(m.subject ?? '').trim()) issue('ab_version_problem', 'error', `${name(m)} has no subject.`, { odoo_campaign_id: m.id });
    const verdict = readBody({ ...m, subject: m.subject ?? '' });
    if (!verdict.own) issue('ab_version_problem', 'error', `${name(m)}: ${verdict.problem ?? 'the email has no content you wrote.'}`, { odoo_campaign_id: m.id, body_kind: verdict.kind });
    else if (!UNSUBSCRIBE.test(m.body_html)) issue('ab_version_problem', 'error', `${name(m)} has no unsubscribe link.`, { odoo_campaign_id: m.id });
  }
  const seen = new Map<string, AbMailing>();
  for (const m of versions) {
    const key = JSON.stringify([(m.subject ?? '').trim(), senderName(m.email_from), m.body_html]);
    const twin = seen.get(key);
    if (twin) issue('ab_versions_identical', 'error', `${name(twin)} and ${name(m)} are the same email: change the subject, the sender name or the email of one of them, or the test measures nothing.`, { odoo_campaign_ids: [twin.id, m.id] });
    else seen.set(key, m);
  }
  const share = versions.reduce((sum, m) => sum + m.ab_testing_pc, 0);
  if (share > 100) issue('ab_share_too_large', 'error', `The versions together take ${share} % of the audience; at most 100 % can be tested.`, { test_share_pc: share });
  const perVersion = versions.map((m) => (audience ? Math.max(Math.trunc((audience * m.ab_testing_pc) / 100), 1) : 0));
  const smallest = Math.min(...perVersion);
  if (versions.length >= 2 && smallest < SMALL_TEST_PER_VERSION) {
    issue('ab_small_test', 'warning', `Each version reaches only about ${smallest} of ${audience} people: differences that small are mostly chance, so the winner may not really be better. Test a larger share, or a larger list.`, { per_version: perVersion, audience });
  }
  const campaign = campaigns[0] as { ab_testing_winner_selection?: unknown; ab_testing_schedule_datetime?: unknown } | undefined;
  const at = typeof campaign?.ab_testing_schedule_datetime === 'string' ? new Date(`${campaign.ab_testing_schedule_datetime.replace(' ', 'T')}Z`) : null;
  // The test goes out at `sendAt` when scheduled (or moved on the calendar), else now.
  const testAt = sendAt ?? now;
  if (testAt && campaign?.ab_testing_winner_selection !== 'manual' && at && at.getTime() <= testAt.getTime()) {
    issue('ab_winner_date_past', 'error', 'The winner would be picked before anyone had time to open the test: set the winner date after the test goes out.', { send_winner_at: at.toISOString() });
  }
  return issues;
}
