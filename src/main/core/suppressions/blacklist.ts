import { z } from 'zod';
import { AppError, isAppError } from '../../../shared/errors';
import { parseRecords, type OdooClient } from '../odoo';

/**
 * Odoo's mail.blacklist is one list for the whole Odoo: on Markket's shared Odoo, every store's.
 * Email Marketing users get create, read, write and delete on it (mass_mailing's
 * ir.model.access: access_mail_blacklist_mass_mailing_user). "Isolate stores" narrows that for
 * store owners with a record rule on read, write and delete that no entry satisfies, and leaves
 * create alone: an owner's key can add an address (a spam report, a SendGrid suppression) but not
 * read the list, take an address off it or put back one someone archived. Odoo's create answers
 * the existing entry for an address already listed (mail_blacklist.py), so adding twice is harmless.
 * Whether an address is blacklisted stays readable on the owner's contacts (is_blacklisted).
 */

const Entry = z.object({ id: z.number(), email: z.string(), active: z.boolean() });

/** Reworded AccessError for the blacklist: it is Markket's, not the store's. */
export function blacklistDenied(error: unknown, what: string): unknown {
  if (!isAppError(error) || error.code !== 'odoo.access_denied') return error;
  return new AppError('odoo.access_denied', `Odoo's blacklist is shared by every store on Markket's Odoo, and your key may not ${what}. Ask Markket's Odoo administrator to do it.`, { ...(error.details ?? {}), model: 'mail.blacklist' });
}

/**
 * True when this key reads the whole blacklist (Markket staff, a store's own Odoo); false for a
 * store owner's key (res.users.x_markket_store_id set), which Odoo lets add entries only. An Odoo
 * without the field has no store owners.
 */
export async function blacklistReadable(odoo: OdooClient): Promise<boolean> {
  const { uid } = await odoo.connect();
  try {
    const [user] = parseRecords(z.object({ x_markket_store_id: z.union([z.string(), z.literal(false)]) }).loose(), await odoo.read('res.users', [uid], ['x_markket_store_id']), 'res.users');
    return !user?.x_markket_store_id;
  } catch (error) {
    // Odoo answers ValueError "Invalid field" for a field setup has not made yet.
    if (isAppError(error) && error.code === 'odoo.validation') return true;
    throw error;
  }
}

export interface BlacklistResult {
  /** false: a store owner's key, which may add to the blacklist but not read it (see ownerBlacklist). */
  readable: boolean;
  added: string[];
  revived: string[];
  already: number;
  /** Owner keys: the store's addresses an administrator took off the blacklist; Odoo keeps them off. */
  keptOff: string[];
  /** Owner keys: addresses of no contact of the store, handed to Odoo; whether they were new there the key cannot see. */
  unconfirmed: number;
}

const StoreContact = z.object({ email_normalized: z.union([z.string(), z.literal(false)]), is_blacklisted: z.boolean() });

/**
 * An owner's key cannot read mail.blacklist, but it reads whether its own store's contacts are
 * blacklisted (mailing.contact.is_blacklisted, computed by Odoo as the superuser). So, for the
 * addresses of the store's contacts, what they were before and after the create tells what was
 * already there, what was added, and what Odoo kept off (its create answers an archived entry as it
 * is). Other addresses are handed over all the same and counted as unconfirmed, not as added.
 */
async function ownerBlacklist(odoo: OdooClient, emails: string[]): Promise<BlacklistResult> {
  const blacklisted = async (): Promise<Map<string, boolean>> => {
    const rows = parseRecords(StoreContact, await odoo.searchRead('mailing.contact', [['email_normalized', 'in', emails]], ['email_normalized', 'is_blacklisted'], { context: { active_test: false } }), 'mailing.contact');
    const out = new Map<string, boolean>();
    for (const row of rows) if (row.email_normalized) out.set(row.email_normalized, (out.get(row.email_normalized) ?? false) || row.is_blacklisted);
    return out;
  };
  const before = await blacklisted();
  await odoo.createMany('mail.blacklist', emails.map((email) => ({ email })));
  const after = await blacklisted();
  const ofStore = emails.filter((e) => before.has(e));
  return {
    readable: false,
    added: ofStore.filter((e) => !before.get(e) && after.get(e)),
    revived: [],
    already: ofStore.filter((e) => before.get(e)).length,
    keptOff: ofStore.filter((e) => !after.get(e)),
    unconfirmed: emails.length - ofStore.length,
  };
}

/**
 * Puts addresses (already normalized) on the blacklist: a staff key creates the missing entries
 * and revives archived ones, one search, one create and one write; an owner's key hands them all
 * to create, which keeps one entry per address, and reads its own contacts before and after.
 */
export async function blacklistAddresses(odoo: OdooClient, emails: string[]): Promise<BlacklistResult> {
  if (emails.length === 0) return { readable: true, added: [], revived: [], already: 0, keptOff: [], unconfirmed: 0 };
  try {
    if (!(await blacklistReadable(odoo))) return await ownerBlacklist(odoo, emails);
    const existing = parseRecords(Entry, await odoo.searchRead('mail.blacklist', [['email', 'in', emails]], ['email', 'active'], { context: { active_test: false } }), 'mail.blacklist');
    const known = new Set(existing.map((e) => e.email.toLowerCase()));
    const archived = existing.filter((e) => !e.active);
    const missing = emails.filter((e) => !known.has(e));
    if (archived.length > 0) await odoo.write('mail.blacklist', archived.map((e) => e.id), { active: true });
    if (missing.length > 0) await odoo.createMany('mail.blacklist', missing.map((email) => ({ email })));
    return { readable: true, added: missing, revived: archived.map((e) => e.email), already: existing.length - archived.length, keptOff: [], unconfirmed: 0 };
  } catch (error) {
    throw blacklistDenied(error, 'add addresses to it');
  }
}
