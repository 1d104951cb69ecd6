import type { Draft } from '../../../../shared/schemas/drafts';

/**
 * A draft saved on this computer and the Odoo mailing it became are one campaign. Once Odoo holds
 * the mailing (the draft knows its Odoo id), the campaign list's row for that mailing carries the
 * draft's sync state, and "Drafts on this computer" no longer lists it: one row per campaign.
 */
export function draftsByCampaign(drafts: readonly Draft[]): Map<string, Draft> {
  const linked = new Map<string, Draft>();
  for (const d of drafts) if (d.campaignId && d.sync.odooId !== undefined && !linked.has(d.campaignId)) linked.set(d.campaignId, d);
  return linked;
}

/**
 * The drafts "Drafts on this computer" lists: those Odoo does not hold yet, and those in Odoo whose
 * changes need the person (a conflict, a refusal) when their row is not on the page shown, so none is
 * forgotten and none is shown twice.
 */
export function draftsOnlyHere(drafts: readonly Draft[], shownCampaignIds: ReadonlySet<string>): Draft[] {
  return drafts.filter((d) => {
    if (d.sync.odooId === undefined || !d.campaignId) return true;
    const needsAttention = d.sync.state === 'conflict' || d.sync.state === 'error';
    return needsAttention && !shownCampaignIds.has(d.campaignId);
  });
}
