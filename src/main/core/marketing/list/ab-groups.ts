import { z } from 'zod';
import type { CampaignAbSummary } from '../../../../shared/schemas/marketing';
import { many2one, parseRecords, type OdooClient } from '../../odoo';
import { storeMailings } from '../mailings';

/**
 * mass_mailing's A/B tests as one campaign each. In Odoo the versions of a test are the mailings
 * with ab_testing_enabled sharing one utm.campaign (mailing.py, _get_ab_testing_siblings_mailings),
 * and the winner is a copy of the best version recorded as the campaign's
 * ab_testing_winner_mailing_id (ab_testing_is_winner_mailing on the copy, odoo18-wire/023). Odoo's
 * own list shows each of them; the console shows the test once, as its first version (the one the
 * others were copied from, so the lowest id), whether the test was made here or in Odoo.
 */

const AbRow = z.object({
  id: z.number().int().positive(),
  campaign_id: many2one,
  state: z.string(),
  ab_testing_is_winner_mailing: z.boolean(),
});

export interface AbGroups {
  /** Versions after the first and winners: not rows of their own. */
  hidden: number[];
  /** The test's summary, by its first version's mailing id. */
  tests: Map<number, z.infer<typeof CampaignAbSummary>>;
  /** The first version's mailing id, by winner mailing id. */
  winnerOf: Map<number, number>;
}

export function groupAbTests(rows: z.infer<typeof AbRow>[]): AbGroups {
  const byCampaign = new Map<number, z.infer<typeof AbRow>[]>();
  for (const row of rows) if (row.campaign_id) byCampaign.set(row.campaign_id.id, [...(byCampaign.get(row.campaign_id.id) ?? []), row]);
  const out: AbGroups = { hidden: [], tests: new Map(), winnerOf: new Map() };
  for (const members of byCampaign.values()) {
    const versions = members.filter((m) => !m.ab_testing_is_winner_mailing).sort((a, b) => a.id - b.id);
    const winner = members.find((m) => m.ab_testing_is_winner_mailing);
    const [first] = versions;
    // One enabled mailing alone is not a test yet (Odoo's form before the first copy).
    if (!first || members.length < 2) continue;
    out.hidden.push(...members.filter((m) => m.id !== first.id).map((m) => m.id));
    out.tests.set(first.id, { versions: versions.length, winner: winner ? (winner.state === 'done' ? 'sent' : 'sending') : null });
    if (winner) out.winnerOf.set(winner.id, first.id);
  }
  return out;
}

/** The store's A/B mailings, grouped by test: one call, whatever the page. */
export async function readAbGroups(odoo: OdooClient, storeId: string): Promise<AbGroups> {
  const rows = await odoo.searchRead('mailing.mailing', [...storeMailings(storeId), ['ab_testing_enabled', '=', true], ['campaign_id', '!=', false]], ['id', 'campaign_id', 'state', 'ab_testing_is_winner_mailing'], { order: 'id asc' });
  return groupAbTests(parseRecords(AbRow, rows, 'mailing.mailing'));
}
