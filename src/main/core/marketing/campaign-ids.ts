import { createHash } from 'node:crypto';

/**
 * The same store and client request id always give the same campaign id, so a retried create
 * finds the mailing the first attempt made instead of making a second one.
 */
export function campaignIdFor(storeId: string, clientRequestId: string): string {
  return 'camp_' + createHash('sha256').update(`${storeId}\n${clientRequestId}`).digest('base64url').slice(0, 24);
}

/**
 * A mailing made in Odoo itself has no x_markket_campaign_id. It still belongs in the store's
 * campaigns, under an id derived from the mailing's own: stable, matching the CampaignId pattern
 * (camp_ + at least 6 characters, hence the "odoo_" prefix even for mailing 1), and resolvable
 * back to the mailing. Our own ids are random base64url or a 24-character hash, so they never take
 * this "odoo_<digits>" form by accident in practice.
 */
const ODOO_PREFIX = 'camp_odoo_';
const ODOO_ID = /^camp_odoo_([1-9]\d{0,15})$/;

export const odooCampaignId = (mailingId: number): string => `${ODOO_PREFIX}${mailingId}`;

/** The mailing id inside a derived id, or null for a campaign the console created. */
export function odooMailingIdOf(campaignId: string): number | null {
  const match = ODOO_ID.exec(campaignId);
  return match?.[1] ? Number(match[1]) : null;
}
