import { z } from 'zod';
import { AppError } from '../../../../shared/errors';
import type { Condition, SegmentRule } from '../../../../shared/schemas/segments';
import { parseRecords, toOdooDatetime, type Domain, type OdooClient } from '../../odoo';
import { activitiesOf, activityOp, type ResolvedActivity } from './builder';

type Activity = Extract<Condition, { type: 'activity' }>;
const Trace = z.object({ res_id: z.number().int() });

/**
 * The traces an activity condition reads, on mailing.contact only. "Opened" is trace_status open or
 * reply (a click opens too: odoo18-wire/122); "clicked" has links_click_datetime; "did not open" a
 * campaign is received and never opened: pending (Sent) or sent (Delivered), odoo18-wire/024.
 * "Any campaign in the last N days" is any of the store's mailings, by the open or click time.
 */
function traceDomain(c: Activity, storeListIds: readonly number[], since: string): Domain {
  const scope: Domain = c.odoo_campaign_id !== undefined
    ? [['mass_mailing_id', '=', c.odoo_campaign_id]]
    : [['mass_mailing_id.contact_list_ids', 'in', [...storeListIds]]];
  const base: Domain = [['model', '=', 'mailing.contact'], ...scope];
  if (c.action === 'clicked') return [...base, ['links_click_datetime', c.odoo_campaign_id !== undefined ? '!=' : '>=', c.odoo_campaign_id !== undefined ? false : since]];
  if (c.odoo_campaign_id === undefined) return [...base, ['open_datetime', '>=', since]];
  return [...base, ['trace_status', 'in', c.action === 'opened' ? ['open', 'reply'] : ['pending', 'sent']]];
}

async function requireStoreCampaign(odoo: OdooClient, mailingId: number, storeListIds: readonly number[]): Promise<void> {
  const found = await odoo.searchCount('mailing.mailing', [['id', '=', mailingId], ['contact_list_ids', 'in', [...storeListIds]]]);
  if (found === 0) {
    throw new AppError('input.invalid', `The campaign ${mailingId} is not one of this store's campaigns. Pick a campaign from the list.`, {
      fields: [{ field: 'odoo_campaign_id', problem: "is not one of the store's campaigns" }],
      odoo_campaign_id: mailingId,
    });
  }
}

/** Who an activity condition names now, from Odoo's traces (one search per condition, run together). */
export async function resolveActivities(odoo: OdooClient, rule: SegmentRule, storeListIds: readonly number[], now: Date): Promise<Map<number, ResolvedActivity>> {
  const wanted = activitiesOf(rule);
  const resolved = await Promise.all(wanted.map(async ({ index, condition }) => {
    if (condition.odoo_campaign_id !== undefined) await requireStoreCampaign(odoo, condition.odoo_campaign_id, storeListIds);
    const since = toOdooDatetime(new Date(now.getTime() - (condition.days ?? 0) * 86_400_000));
    const rows = await odoo.searchRead('mailing.trace', traceDomain(condition, storeListIds, since), ['res_id']);
    const ids = [...new Set(parseRecords(Trace, rows, 'mailing.trace').map((t) => t.res_id))].sort((a, b) => a - b);
    return [index, { op: activityOp(condition), ids }] as const;
  }));
  return new Map(resolved);
}
