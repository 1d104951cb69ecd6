import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type { SubscriberDelete, SubscriberUpdate } from '../../../shared/ops/subscriber-edit';
import { isSystemTag } from '../../../shared/tags';
import { normalizeEmail } from '../extensions/handlers/email';
import { ensureTags } from '../extensions/handlers/newsletter';
import { parseRecords, subscriptionModel, type OdooClient } from '../odoo';
import { blacklistDenied, blacklistReadable } from '../suppressions/blacklist';
import { STORE_FIELD, storeLists } from './stores';
import { unknownSubscriber } from './subscriber-detail';

/**
 * Changes to one subscriber from the drawer. Only what the person changed is written: a field
 * equal to Odoo's value is left alone, and each kind of change is one write. The contact must be
 * one of the store's (ids are never a way into another store's data).
 */
type Change = 'name' | 'email' | 'tags' | 'lists' | 'blacklist';

const Contact = z.object({
  id: z.number().int(),
  name: z.union([z.string(), z.literal(false)]),
  email: z.union([z.string(), z.literal(false)]),
  email_normalized: z.union([z.string(), z.literal(false)]),
  tag_ids: z.array(z.number().int()),
});
const Subscription = z.object({ id: z.number().int(), list_id: z.tuple([z.number().int(), z.string()]), opt_out: z.boolean() });
const Blacklisted = z.object({ id: z.number().int(), active: z.boolean() });

async function storeContact(odoo: OdooClient, storeId: string, id: number): Promise<z.infer<typeof Contact>> {
  const [contact] = parseRecords(Contact, await odoo.searchRead('mailing.contact', [['id', '=', id], [`list_ids.${STORE_FIELD}`, '=', storeId]], ['name', 'email', 'email_normalized', 'tag_ids']), 'mailing.contact');
  if (!contact) {
    await storeLists(odoo, storeId);
    throw unknownSubscriber(storeId, id);
  }
  return contact;
}

const invalid = (field: string, message: string) => new AppError('input.invalid', message, { fields: [{ field, problem: message }] });

/** Odoo keeps one address per store in our lists: a second contact with it would get every campaign twice over in reports. */
async function checkAddress(odoo: OdooClient, storeId: string, id: number, raw: string): Promise<string> {
  const normalized = normalizeEmail(raw);
  if (!normalized) throw invalid('email', `"${raw}" is not a valid email address.`);
  const [other] = await odoo.search('mailing.contact', [['email_normalized', '=', normalized], ['id', '!=', id], [`list_ids.${STORE_FIELD}`, '=', storeId]], { limit: 1 });
  if (other !== undefined) throw new AppError('conflict', `Another subscriber of this store already has the address ${normalized}. Open that subscriber instead, or delete one of the two first.`, { field: 'email', otherId: other });
  return normalized;
}

async function tagCommands(odoo: OdooClient, storeId: string, contact: z.infer<typeof Contact>, tags: { add: string[]; remove: string[] }): Promise<unknown[]> {
  const system = [...tags.add, ...tags.remove].find(isSystemTag);
  if (system) throw invalid('tags', `"${system}" is a tag the console keeps for itself (it marks the store's contacts); choose another tag.`);
  const ids = await ensureTags(odoo, tags.add, storeId);
  const removeIds = tags.remove.length === 0 ? [] : await odoo.search('res.partner.category', [['name', 'in', tags.remove]]);
  return [
    ...[...ids.values()].filter((t) => !contact.tag_ids.includes(t)).map((t) => [4, t]),
    ...removeIds.filter((t) => contact.tag_ids.includes(t)).map((t) => [3, t]),
  ];
}

async function changeLists(odoo: OdooClient, storeId: string, id: number, lists: { subscribe: number[]; unsubscribe: number[] }): Promise<boolean> {
  const own = new Set((await storeLists(odoo, storeId)).map((l) => l.id));
  const foreign = [...lists.subscribe, ...lists.unsubscribe].find((l) => !own.has(l));
  if (foreign !== undefined) throw new AppError('not_found', `The store "${storeId}" has no mailing list ${foreign}.`, { listId: foreign });
  const model = subscriptionModel((await odoo.version()).major);
  const subs = parseRecords(Subscription, await odoo.searchRead(model, [['contact_id', '=', id], ['list_id', 'in', [...lists.subscribe, ...lists.unsubscribe]]], ['list_id', 'opt_out']), model);
  const subOf = new Map(subs.map((s) => [s.list_id[0], s]));
  const resubscribe = lists.subscribe.map((l) => subOf.get(l)).filter((s) => s?.opt_out === true).map((s) => s!.id);
  const join = lists.subscribe.filter((l) => !subOf.has(l));
  const optOut = lists.unsubscribe.map((l) => subOf.get(l)).filter((s) => s?.opt_out === false).map((s) => s!.id);
  if (resubscribe.length > 0) await odoo.write(model, resubscribe, { opt_out: false });
  if (optOut.length > 0) await odoo.write(model, optOut, { opt_out: true });
  if (join.length > 0) await odoo.write('mailing.contact', [id], { list_ids: join.map((l) => [4, l]) });
  return resubscribe.length + optOut.length + join.length > 0;
}

/**
 * mail.blacklist entries are archived, not deleted, when an address leaves it (Odoo's own _remove).
 * A store owner's key may only add to Markket's blacklist (see suppressions/blacklist.ts): it sees
 * the state through the contact's is_blacklisted, and what it may not do is Odoo's AccessError,
 * worded as a request for Markket's Odoo administrator.
 */
async function setBlacklisted(odoo: OdooClient, contactId: number, email: string, blacklisted: boolean): Promise<boolean> {
  if (!(await blacklistReadable(odoo))) return setBlacklistedAsOwner(odoo, contactId, email, blacklisted);
  try {
    const entries = parseRecords(Blacklisted, await odoo.searchRead('mail.blacklist', [['email', '=', email]], ['active'], { context: { active_test: false } }), 'mail.blacklist');
    const active = entries.filter((e) => e.active);
    if (blacklisted) {
      if (active.length > 0) return false;
      if (entries[0]) await odoo.write('mail.blacklist', [entries[0].id], { active: true });
      else await odoo.create('mail.blacklist', { email });
      return true;
    }
    if (active.length === 0) return false;
    await odoo.write('mail.blacklist', active.map((e) => e.id), { active: false });
    return true;
  } catch (error) {
    throw blacklistDenied(error, blacklisted ? 'put addresses on it' : 'take addresses off it');
  }
}

async function contactBlacklisted(odoo: OdooClient, contactId: number): Promise<boolean> {
  const [row] = parseRecords(z.object({ is_blacklisted: z.boolean() }).loose(), await odoo.read('mailing.contact', [contactId], ['is_blacklisted']), 'mailing.contact');
  return row?.is_blacklisted === true;
}

async function setBlacklistedAsOwner(odoo: OdooClient, contactId: number, email: string, blacklisted: boolean): Promise<boolean> {
  const before = await contactBlacklisted(odoo, contactId);
  if (before === blacklisted) return false;
  const denied = (what: string) => new AppError('odoo.access_denied', `Odoo's blacklist is shared by every store on Markket's Odoo, and your key may not ${what}. Ask Markket's Odoo administrator to do it.`, { model: 'mail.blacklist', email });
  if (!blacklisted) throw denied('take an address off it');
  try {
    await odoo.create('mail.blacklist', { email });
  } catch (error) {
    throw blacklistDenied(error, 'put addresses on it');
  }
  // Odoo's create answers an archived entry for the address as it is, without reviving it.
  if (!(await contactBlacklisted(odoo, contactId))) throw denied('put back an address that was taken off it earlier');
  return true;
}

export async function updateSubscriber(odoo: OdooClient, input: z.infer<typeof SubscriberUpdate>): Promise<Change[]> {
  const contact = await storeContact(odoo, input.storeId, input.id);
  const changed: Change[] = [];
  const values: Record<string, unknown> = {};
  if (input.name !== undefined && input.name !== (contact.name || '')) {
    values.name = input.name;
    changed.push('name');
  }
  let address = contact.email_normalized || '';
  if (input.email !== undefined && input.email !== (contact.email || '')) {
    address = await checkAddress(odoo, input.storeId, input.id, input.email);
    values.email = input.email;
    changed.push('email');
  }
  if (input.tags) {
    const commands = await tagCommands(odoo, input.storeId, contact, input.tags);
    if (commands.length > 0) {
      values.tag_ids = commands;
      changed.push('tags');
    }
  }
  if (Object.keys(values).length > 0) await odoo.write('mailing.contact', [input.id], values);
  if (input.lists && (await changeLists(odoo, input.storeId, input.id, input.lists))) changed.push('lists');
  if (input.blacklisted !== undefined) {
    if (!address) throw invalid('blacklisted', 'This subscriber has no valid address to put on the blacklist. Correct the address first.');
    if (await setBlacklisted(odoo, input.id, address, input.blacklisted)) changed.push('blacklist');
  }
  return changed;
}

/**
 * Deletes the contact. With forget, the traces of the campaigns sent to them lose the address
 * first (mailing.trace.email is not required; the trace itself stays so campaign figures still
 * add up). A blacklist entry stays: it is what keeps the address from being mailed again.
 */
export async function deleteSubscriber(odoo: OdooClient, input: z.infer<typeof SubscriberDelete>): Promise<{ deleted: true; traces_cleared: number }> {
  const contact = await storeContact(odoo, input.storeId, input.id);
  const confirmed = normalizeEmail(input.confirm_email);
  if (!confirmed || confirmed !== contact.email_normalized) throw invalid('confirm_email', 'Type the subscriber’s email address exactly to confirm the deletion.');
  let tracesCleared = 0;
  if (input.forget) {
    const traces = await odoo.search('mailing.trace', [['model', '=', 'mailing.contact'], ['res_id', '=', input.id]]);
    if (traces.length > 0) await odoo.write('mailing.trace', traces, { email: false });
    tracesCleared = traces.length;
  }
  await odoo.unlink('mailing.contact', [input.id]);
  return { deleted: true, traces_cleared: tracesCleared };
}
