import { z } from 'zod';
import { op } from '../rpc';
import { PositiveId, StoreId } from '../schemas/common';
import { SubscriberDetail } from '../schemas/marketing-views';

const TagName = z.string().trim().min(1).max(100);

export const SubscriberUpdate = z.strictObject({
  storeId: StoreId,
  id: PositiveId,
  name: z.string().trim().max(200).optional(),
  email: z.string().trim().min(3).max(254).optional(),
  tags: z.strictObject({ add: z.array(TagName).max(50).default([]), remove: z.array(TagName).max(50).default([]) }).optional(),
  /** Store lists to subscribe to (or resubscribe after an opt-out) and to opt out of. */
  lists: z.strictObject({ subscribe: z.array(PositiveId).max(50).default([]), unsubscribe: z.array(PositiveId).max(50).default([]) }).optional(),
  /** On Odoo's blacklist: no mailing of any list reaches the address. */
  blacklisted: z.boolean().optional(),
});

export const SubscriberDelete = z.strictObject({
  storeId: StoreId,
  id: PositiveId,
  /** The subscriber's address typed again: a deletion cannot be undone, so it is never one click. */
  confirm_email: z.string().trim().min(1).max(254),
  /** Also clear the address from the campaign traces (what Odoo keeps of each email sent), GDPR-style. */
  forget: z.boolean().default(false),
});

/** Changing one subscriber from the drawer; every change is recorded in the profile's audit log. */
export const subscriberEditOps = {
  'marketing.subscribers.update': op({
    summary: "Changes a subscriber's name, address (refused when another of the store's subscribers has it), tags, list subscriptions or blacklisting; only what is given is written.",
    input: SubscriberUpdate,
    output: z.object({ changed: z.array(z.enum(['name', 'email', 'tags', 'lists', 'blacklist'])), subscriber: SubscriberDetail }),
  }),
  'marketing.subscribers.delete': op({
    summary: "Deletes a subscriber from Odoo; with forget, also clears their address from the traces of the campaigns they received.",
    input: SubscriberDelete,
    output: z.object({ deleted: z.literal(true), traces_cleared: z.number().int().nonnegative() }),
  }),
};
