import { z } from 'zod';

/** A store's document id (the storefront's id, mapped to its Odoo list through x_markket_store_id). */
export const StoreId = z.string().trim().min(1, 'is required').max(128).regex(/^[A-Za-z0-9_.:-]+$/, 'may contain only letters, digits and _ . : -');
/** Our stable campaign id, stored on the mailing as x_markket_campaign_id. */
export const CampaignId = z.string().regex(/^camp_[A-Za-z0-9_-]{6,64}$/, 'must look like camp_… (the id the console gave the campaign)');
/** An ISO 8601 instant in UTC, as every date crosses our API (Odoo's 'YYYY-MM-DD HH:MM:SS' is converted at the edge). */
export const IsoDateTime = z.iso.datetime({ offset: true });
/**
 * A rate as the API answers it: a fraction 0–1, as the product spec writes `"open_rate": 0.417`.
 * The core's percentages are converted once, at the contract edge (host/handlers/rates.ts).
 */
export const Rate = z.number().min(0).max(1);
export const PositiveId = z.number().int().positive();

/** Query-string friendly integers: HTTP passes "50", IPC passes 50. */
export const QueryInt = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
