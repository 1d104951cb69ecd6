import { z } from 'zod';
import { IsoDateTime, PositiveId, QueryInt, StoreId } from './common';

/**
 * The segment builder (issue 17): conditions on a store's subscribers, combined with all/any and
 * written as a mailing.contact domain that Odoo evaluates itself (audience/builder.ts). Field names
 * follow the API's snake_case.
 */
const Text = (max: number) => z.string().trim().min(1, 'is required').max(max);
/** A calendar day, read in UTC like Odoo's stored datetimes. */
const Day = z.iso.date();

export const Condition = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('tag'), has: z.boolean(), tag: Text(100) }),
  z.strictObject({ type: z.literal('list'), list_id: PositiveId }),
  z.strictObject({ type: z.literal('subscribed'), when: z.enum(['before', 'after']), date: Day }),
  /** One campaign (its Odoo mailing id), or any campaign in the last `days` days: exactly one of the two. */
  z.strictObject({
    type: z.literal('activity'),
    action: z.enum(['opened', 'clicked', 'not_opened']),
    odoo_campaign_id: PositiveId.optional(),
    days: z.number().int().min(1).max(3650).optional(),
  }).refine((c) => (c.odoo_campaign_id === undefined) !== (c.days === undefined), { message: 'give either odoo_campaign_id or days', path: ['days'] }),
  z.strictObject({ type: z.literal('bounced') }),
  /** ISO 3166 codes, as Odoo's res.country.code holds them. */
  z.strictObject({ type: z.literal('country'), codes: z.array(z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter country code')).min(1).max(50) }),
  z.strictObject({ type: z.literal('contains'), field: z.enum(['name', 'email']), text: Text(100) }),
  z.strictObject({ type: z.literal('buyer'), is: z.boolean() }),
]);
export type Condition = z.infer<typeof Condition>;

export const SegmentRule = z.strictObject({
  match: z.enum(['all', 'any']),
  conditions: z.array(Condition).min(1, 'needs at least one condition').max(20),
});
export type SegmentRule = z.infer<typeof SegmentRule>;

export const CountSegmentInput = z.strictObject({ storeId: StoreId, list_id: PositiveId, rule: SegmentRule });
export const CountSegmentResult = z.object({
  /** Odoo's search_count of the whole segment's domain (opted-out and blacklisted left out). */
  count: z.number().int().nonnegative(),
  /** Each condition on its own over the list, in the order given. */
  conditions: z.array(z.object({ count: z.number().int().nonnegative() })),
  /** The mailing_domain the builder writes (a Python literal). */
  domain: z.string(),
  /** When Odoo counted. */
  counted_at: IsoDateTime,
});

/** A saved segment: an Odoo mailing.filter on mailing.contact whose domain the builder wrote for this store's list. */
export const SavedSegment = z.object({
  id: PositiveId,
  name: z.string(),
  list_id: PositiveId,
  rule: SegmentRule,
  domain: z.string(),
  /** Odoo's count when the list was read. */
  recipients: z.number().int().nonnegative(),
  saved_by: z.string().nullable(),
});
/** Offline: the last answer, `stale` and `as_of` when (marketing.ts's Freshness; not imported, marketing.ts imports this file). */
export const SegmentsResult = z.object({ segments: z.array(SavedSegment), counted_at: IsoDateTime, stale: z.literal(true).optional(), as_of: IsoDateTime.optional() });
export const SaveSegmentInput = z.strictObject({
  storeId: StoreId,
  /** Absent: a new segment; present: that saved segment is changed. */
  id: PositiveId.optional(),
  name: Text(100),
  list_id: PositiveId,
  rule: SegmentRule,
});
/** The id arrives as text in the REST route (…/segments/:id) and as a number over IPC. */
export const SegmentRef = z.strictObject({ storeId: StoreId, id: QueryInt(1, Number.MAX_SAFE_INTEGER) });
export const DeleteSegmentResult = z.object({ deleted: z.literal(true), id: PositiveId });
