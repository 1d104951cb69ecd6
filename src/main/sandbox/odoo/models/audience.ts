import { userError, validationError } from '../errors';
import { create, normalizeCommands } from '../orm/crud';
import type { Env } from '../orm/env';
import type { ModelSpec } from '../orm/model';
import type { Rec, StoredValue } from '../orm/types';
import { formatDatetime, RecordSet } from '../orm/values';
import { union } from '../orm/id-set';
import { recordedFields, renameRelation } from '../schema';
import { blacklistActionAdd } from './blacklist-actions';
import { normalizeEmail } from './email';
import type { ModelNames } from './names';

const MARKETING_USER = { readGroups: ['Email Marketing/User'], writeGroups: ['Email Marketing/User'] };

/** Active blacklist entries hold this normalized address? */
export function isBlacklisted(env: Env, email: StoredValue | undefined): boolean {
  if (typeof email !== 'string' || !email) return false;
  const store = env.store('mail.blacklist');
  for (const id of store.lookup('email', email) ?? []) if (store.records.get(id)?.active !== false) return true;
  return false;
}

export function subscriptionsOfList(env: Env, names: ModelNames, listId: number): Rec[] {
  const store = env.store(names.subscription);
  return [...(store.lookup('list_id', listId) ?? [])].map((id) => store.records.get(id) as Rec);
}

export function subscriptionsOfContact(env: Env, names: ModelNames, contactId: number): Rec[] {
  const store = env.store(names.subscription);
  return [...(store.lookup('contact_id', contactId) ?? [])].map((id) => store.records.get(id) as Rec);
}

interface ListStats {
  count: number;
  email: number;
  optOut: number;
  blacklisted: number;
  bounced: number;
}

/** mailing.list counters as Odoo computes them in SQL (odoo18-wire/040, 068). */
function listStats(env: Env, names: ModelNames, listId: number): ListStats {
  const contacts = env.store('mailing.contact');
  const stats: ListStats = { count: 0, email: 0, optOut: 0, blacklisted: 0, bounced: 0 };
  for (const sub of subscriptionsOfList(env, names, listId)) {
    const contact = contacts.records.get(sub.contact_id as number);
    if (!contact) continue;
    stats.count++;
    const bl = isBlacklisted(env, contact.email_normalized);
    if (sub.opt_out === true) stats.optOut++;
    if (bl) stats.blacklisted++;
    if (((contact.message_bounce as number) ?? 0) > 0) stats.bounced++;
    if (contact.email_normalized && sub.opt_out !== true && !bl) stats.email++;
  }
  return stats;
}

const pct = (part: number, total: number): number => (total ? (100 * part) / total : 0);

export function mailingListModel(names: ModelNames): ModelSpec {
  const stat = (pick: (s: ListStats) => number) => (env: Env, rec: Rec) => pick(listStats(env, names, rec.id));
  return {
    name: 'mailing.list',
    description: 'Mailing List',
    order: 'create_date desc, id desc',
    fields: renameRelation(recordedFields('mailing.list'), 'mailing.subscription', names.subscription).map((f) =>
      f.name === 'subscription_ids' ? { ...f, inverse: 'list_id' } : f.name === 'contact_ids' || f.name === 'mailing_ids' ? { ...f, store: false } : f,
    ),
    // is_public defaults to false (odoo18-wire/231: the list created in 214 is not listed).
    defaults: { active: () => true, is_public: () => false },
    // subscription_ids is copy=True (mass_mailing/models/mailing_list.py): a copied list keeps its
    // subscribers (odoo19-json2-wire/087; 199's subscription id counts them). An opt-out is not
    // copied: 074's Erin opted out of list 4, and her copy (088) is mailed on it in 186.
    copyOverrides: (env, rec) => ({
      subscription_ids: subscriptionsOfList(env, names, rec.id).map((s) => [0, 0, { contact_id: s.contact_id }]),
    }),
    rights: MARKETING_USER,
    displayName: (env, rec) => `${String(rec.name)} (${listStats(env, names, rec.id).count})`,
    computes: {
      contact_count: stat((s) => s.count),
      contact_count_email: stat((s) => s.email),
      contact_count_opt_out: stat((s) => s.optOut),
      contact_count_blacklisted: stat((s) => s.blacklisted),
      contact_pct_opt_out: stat((s) => pct(s.optOut, s.count)),
      contact_pct_blacklisted: stat((s) => pct(s.blacklisted, s.count)),
      contact_pct_bounce: stat((s) => pct(s.bounced, s.count)),
      contact_ids: (env, rec) => env.sortIds('mailing.contact', subscriptionsOfList(env, names, rec.id).map((s) => s.contact_id as number)),
      mailing_ids: (env, rec) => env.sortIds('mailing.mailing', [...(env.store('mailing.mailing').lookup('contact_list_ids', rec.id) ?? [])]),
      mailing_count: (env, rec) => env.store('mailing.mailing').lookup('contact_list_ids', rec.id)?.size ?? 0,
    },
    writers: {
      contact_ids: (env, rec, value) => writeMembership(env, names, value, (otherId) => ({ list: rec.id, contact: otherId })),
    },
  };
}

/** Links and unlinks list <-> contact pairs through subscriptions, like the m2m relation table. */
function writeMembership(env: Env, names: ModelNames, value: unknown, pair: (otherId: number) => { list: number; contact: number }): void {
  const subs = env.store(names.subscription);
  const link = (otherId: number): void => {
    const { list, contact } = pair(otherId);
    const exists = subs.paired('list_id', 'contact_id', list).has(contact);
    // Rows inserted through the many2many have no create_date (odoo18-wire/060, ids 11-17).
    if (!exists) subs.insert({ id: subs.nextId, list_id: list, contact_id: contact, opt_out: false });
  };
  const unlinkPair = (otherId: number): void => {
    const { list, contact } = pair(otherId);
    for (const id of [...(subs.lookup('contact_id', contact) ?? [])]) if (subs.records.get(id)?.list_id === list) subs.remove(id);
  };
  const current = (): number[] => {
    const probe = pair(0);
    return probe.list === 0
      ? [...(subs.lookup('contact_id', probe.contact) ?? [])].map((id) => subs.records.get(id)?.list_id as number)
      : [...subs.paired('list_id', 'contact_id', probe.list)];
  };
  for (const [op, id, arg] of normalizeCommands(value)) {
    if (op === 4) link(id as number);
    else if (op === 3 || op === 2) unlinkPair(id as number);
    else if (op === 5 || op === 6) {
      const keep = op === 6 ? ((arg as number[]) ?? []) : [];
      for (const other of current()) if (!keep.includes(other)) unlinkPair(other);
      keep.forEach(link);
    } else if (op === 0) throw userError('Creating records through this relation is not supported by the peer.');
  }
}

export function mailingContactModel(names: ModelNames): ModelSpec {
  const normalizeVals = (vals: Record<string, unknown>): void => {
    if ('email' in vals) vals.email_normalized = normalizeEmail(vals.email) ?? false;
  };
  return {
    name: 'mailing.contact',
    description: 'Mailing Contact',
    order: 'name asc, id desc',
    indexed: ['email_normalized'],
    fields: renameRelation(recordedFields('mailing.contact'), 'mailing.subscription', names.subscription).map((f) =>
      f.name === 'subscription_ids' ? { ...f, inverse: 'contact_id' } : f.name === 'list_ids' ? { ...f, store: false } : f.name === 'email_normalized' ? { ...f, store: true }
        // Computed from name with no search method (mailing_contact.py); fields_get says so (odoo19-json2-wire/031).
        : f.name === 'first_name' || f.name === 'last_name' ? { ...f, searchable: false } : f,
    ),
    rights: MARKETING_USER,
    // A copied contact keeps its subscriptions, not their opt-outs, as a copied list does
    // (odoo19-json2-wire/088: the copies of 12 and 13 are mailed on list 4 in 186, though 13 opted
    // out of it; their four subscriptions put 199 at 27).
    copyOverrides: (env, rec) => ({
      subscription_ids: subscriptionsOfContact(env, names, rec.id).map((s) => [0, 0, { list_id: s.list_id }]),
    }),
    displayName: (_env, rec) => (typeof rec.name === 'string' && rec.name ? rec.name : typeof rec.email === 'string' ? rec.email : ''),
    computes: {
      list_ids: (env, rec) => env.sortIds('mailing.list', subscriptionsOfContact(env, names, rec.id).map((s) => s.list_id as number)),
      is_blacklisted: (env, rec) => isBlacklisted(env, rec.email_normalized),
      // opt_out only means something for one list given as default_list_ids (odoo18-wire/063, 064).
      opt_out: (env, rec) => {
        const lists = env.context.default_list_ids;
        if (!Array.isArray(lists) || lists.length !== 1) return false;
        return subscriptionsOfContact(env, names, rec.id).some((s) => s.list_id === lists[0] && s.opt_out === true);
      },
    },
    relatedIds: {
      list_ids: (env, rec) => subscriptionsOfContact(env, names, rec.id).map((s) => s.list_id as number),
    },
    searchIndex: {
      // The subscriptions' list_id -> contact_id pair index is Odoo's relation table: no scan.
      list_ids: (env, listIds) => union(listIds.map((listId) => env.store(names.subscription).paired('list_id', 'contact_id', listId))),
    },
    writers: {
      list_ids: (env, rec, value) => writeMembership(env, names, value, (otherId) => ({ list: otherId, contact: rec.id })),
    },
    beforeCreate: (_env, vals) => {
      if (vals.list_ids && vals.subscription_ids) {
        throw userError('You should give either list_ids, either subscription_ids to create new contacts.');
      }
      normalizeVals(vals);
    },
    beforeWrite: (_env, _recs, vals) => normalizeVals(vals),
    methods: {
      mail_action_blacklist_remove: {
        kind: 'records',
        params: [],
        run: () => ({
          name: 'Are you sure you want to unblacklist this Email Address?',
          type: 'ir.actions.act_window',
          view_mode: 'form',
          res_model: 'mail.blacklist.remove',
          target: 'new',
        }),
      },
    },
  };
}

export function subscriptionModel(names: ModelNames): ModelSpec {
  const stampOptOut = (env: Env, vals: Record<string, unknown>): void => {
    if (vals.opt_out === true && !vals.opt_out_datetime) vals.opt_out_datetime = formatDatetime(env.services.now());
    if (vals.opt_out === false) vals.opt_out_datetime = false;
  };
  return {
    name: names.subscription,
    description: 'Mailing List Subscription',
    order: 'list_id desc, contact_id desc',
    pairIndexes: [['list_id', 'contact_id']],
    fields: recordedFields('mailing.subscription').map((f) => (f.name === 'is_blacklisted' || f.name === 'message_bounce' ? { ...f, store: false } : f)),
    rights: MARKETING_USER,
    displayName: (env, rec) => {
      const list = env.browse('mailing.list', rec.list_id as number);
      const contact = env.browse('mailing.contact', rec.contact_id as number);
      return `${contact ? env.displayName('mailing.contact', contact) : ''} - ${list ? String(list.name) : ''}`;
    },
    computes: {
      is_blacklisted: (env, rec) => isBlacklisted(env, env.browse('mailing.contact', rec.contact_id as number)?.email_normalized),
      message_bounce: (env, rec) => (env.browse('mailing.contact', rec.contact_id as number)?.message_bounce as number) ?? 0,
    },
    defaults: { opt_out: () => false },
    beforeCreate: (env, vals) => {
      // _unique_contact_list: one subscription per contact and list, a 422 (odoo19-json2-wire/203: a copy).
      const { contact_id: contactId, list_id: listId } = vals;
      if (typeof contactId === 'number' && subscriptionsOfContact(env, names, contactId).some((sub) => sub.list_id === listId)) {
        throw validationError('The operation cannot be completed: A mailing contact cannot subscribe to the same mailing list multiple times.');
      }
      stampOptOut(env, vals);
    },
    beforeWrite: (env, _recs, vals) => stampOptOut(env, vals),
  };
}

export function optOutReasonModel(): ModelSpec {
  return { name: 'mailing.subscription.optout', description: 'Mailing Subscription Reason', order: 'sequence asc, id asc', fields: recordedFields('mailing.subscription.optout'), rights: MARKETING_USER };
}

export function tagModel(): ModelSpec {
  return {
    name: 'res.partner.category',
    description: 'Partner Tags',
    order: 'name asc, id asc',
    fields: recordedFields('res.partner.category').map((f) => (f.name === 'child_ids' ? { ...f, inverse: 'parent_id' } : f.name === 'partner_ids' ? { ...f, store: false } : f)),
    defaults: { active: () => true },
  };
}

export function blacklistModel(): ModelSpec {
  const normalize = (vals: Record<string, unknown>): void => {
    if (!('email' in vals)) return;
    const normalized = normalizeEmail(vals.email);
    // odoo18-wire/067: the message quotes the address with typographic quotes.
    if (!normalized) throw userError(`Invalid email address “${String(vals.email)}”`);
    vals.email = normalized;
  };
  return {
    name: 'mail.blacklist',
    description: 'Mail Blacklist',
    order: 'id asc',
    recName: 'email',
    indexed: ['email'],
    fields: recordedFields('mail.blacklist'),
    rights: MARKETING_USER,
    defaults: { active: () => true },
    beforeCreate: (_env, vals) => normalize(vals),
    beforeWrite: (_env, _recs, vals) => normalize(vals),
    methods: {
      action_add: blacklistActionAdd,
      // An address already listed answers the existing entry instead of a duplicate (mail.blacklist.create).
      create: {
        kind: 'model',
        params: ['vals_list'],
        run: (env, _ids, a) => {
          const single = !Array.isArray(a.vals_list);
          const list = (single ? [a.vals_list] : a.vals_list) as Record<string, unknown>[];
          const store = env.store('mail.blacklist');
          const ids = list.map((given) => {
            const vals = { ...given };
            normalize(vals);
            const found = [...(store.lookup('email', vals.email as string) ?? [])][0];
            return found ?? (create(env, 'mail.blacklist', [vals])[0] as number);
          });
          return new RecordSet('mail.blacklist', ids, single ? 'id' : 'ids');
        },
      },
    },
  };
}
