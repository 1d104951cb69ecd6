import { z } from 'zod';
import type { CampaignAbSummary } from '../../../../shared/schemas/marketing';
import { many2one, parseRecords } from '../../odoo';
import { groupAbTests } from '../list/ab-groups';
import type { MailingRecord } from '../mailings';
import { STAT_FIELDS, type MailingStats } from '../stats';

/** What tells a mailing is a version (or the winner) of an A/B test: read in the same search_read as its figures. */
export const AB_MARK_FIELDS = ['campaign_id', 'ab_testing_enabled', 'ab_testing_is_winner_mailing'] as const;

const AbMark = z.object({
  id: z.number().int().positive(),
  state: z.string(),
  campaign_id: many2one,
  ab_testing_enabled: z.boolean(),
  ab_testing_is_winner_mailing: z.boolean(),
});

export interface AbCampaigns {
  /** Each mailing that is not part of a test, and each test once, as its first version with the whole test's figures. */
  mailings: MailingRecord[];
  tests: Map<number, z.infer<typeof CampaignAbSummary>>;
}

function sumStats(members: readonly MailingRecord[]): MailingStats {
  return Object.fromEntries(STAT_FIELDS.map((f) => [f, members.reduce((n, m) => n + m[f], 0)])) as MailingStats;
}

/**
 * An A/B test is one campaign to a marketer: its versions and Odoo's winner copy (grouped as the
 * campaign list groups them, ab-groups.ts) count once, at its first version's place, with the
 * figures of every mail the test sent (each contact gets one mail of the campaign: Odoo's
 * _get_recipients leaves out who a version already mailed), so its rates are over everyone it reached.
 */
export function abTestsAsCampaigns(mailings: readonly MailingRecord[], rows: unknown): AbCampaigns {
  const marks = parseRecords(AbMark, rows, 'mailing.mailing').filter((m) => m.ab_testing_enabled && m.campaign_id);
  const groups = groupAbTests(marks);
  const hidden = new Set(groups.hidden);
  const campaignOf = new Map(marks.map((m) => [m.id, m.campaign_id?.id]));
  const byId = new Map(mailings.map((m) => [m.id, m]));
  const out = mailings.flatMap((m) => {
    if (hidden.has(m.id)) return [];
    if (!groups.tests.has(m.id)) return [m];
    const members = marks.filter((x) => x.campaign_id?.id === campaignOf.get(m.id)).flatMap((x) => byId.get(x.id) ?? []);
    return [{ ...m, ...sumStats(members) }];
  });
  return { mailings: out, tests: groups.tests };
}
