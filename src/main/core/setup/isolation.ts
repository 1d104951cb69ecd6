import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type { OdooClient } from '../odoo';
import { parseRecords, subscriptionModel } from '../odoo';
import { backfillStores } from './isolation-backfill';
import { KEEP_IN_STORE_GUARDS } from './keep-in-store';
import { refreshOwnerDefaults } from './store-defaults';
import { ensureGuards, MAILING_GUARD } from './mailing-guard';

/**
 * Store isolation on a shared Odoo is Odoo's own doing: a group "Markket store owner" that implies
 * the Email Marketing user rights, and record rules (ir.rule) for that group that confine each of
 * its users to the records of the store named on their user (res.users.x_markket_store_id). A key
 * of such a user reads and changes only its store, whatever client holds it.
 */
export const STORE_OWNER_GROUP = 'Markket store owner';
/** The rights the console needs: Email Marketing / User (mass_mailing/security/mass_mailing_security.xml). */
export const MAILING_USER_GROUP = { module: 'mass_mailing', name: 'group_mass_mailing_user' } as const;

/** The store fields isolation adds beside MARKKET_FIELDS: a user's, a mailing's and a tag's store. */
export const ISOLATION_FIELDS = [
  { model: 'res.users', name: 'x_markket_store_id', label: 'Markket Store ID', help: 'The Markket store this user owns; record rules confine the user to it' },
  { model: 'mailing.mailing', name: 'x_markket_store_id', label: 'Markket Store ID', help: 'The Markket store this mailing belongs to' },
  { model: 'res.partner.category', name: 'x_markket_store_id', label: 'Markket Store ID', help: 'The Markket store this tag belongs to' },
  { model: 'mailing.filter', name: 'x_markket_store_id', label: 'Markket Store ID', help: 'The Markket store this saved segment belongs to' },
] as const;


const STORE = 'user.x_markket_store_id';
/** The store named by `path` is set and is the user's (a user without a store matches nothing). */
const ofStore = (path: string): string => `('${path}', '!=', False), ('${path}', '=', ${STORE})`;

export interface StoreRule {
  key: string;
  model: string;
  name: string;
  domain: string;
  /** The operations the rule restricts (perm_*); the others are left to the model's access rights. */
  perms: { read: boolean; write: boolean; create: boolean; unlink: boolean };
  /** Names an earlier version of this setup gave the rule, so a second run updates it in place. */
  formerNames?: string[];
}

const ALL = { read: true, write: true, create: true, unlink: true };

/**
 * The rules, one per model. A mailing must also have no list of another store, so an owner cannot
 * send to another store's list by naming its id. A subscription needs both its list and its contact
 * in the store. Traces and link tracking follow their mailing. Tags carry their own store.
 *
 * The platform-wide blacklist: Email Marketing users may create, read, write and delete it
 * (mass_mailing's access_mail_blacklist_mass_mailing_user, the same line from the 16.0
 * ir.model.access.csv to master's ir.access.csv). Owners keep create only: a rule no record satisfies, on read, write and delete. So a
 * spam report or a SendGrid suppression of theirs still blacklists the address, but they cannot
 * read the list, take an address off it or revive an archived entry. They see that a contact is
 * blacklisted through mailing.contact's is_blacklisted, which Odoo computes as the superuser.
 */
export function storeRules(subscription: string): StoreRule[] {
  // Odoo checks a write against the rules as the record was before it (models.py write), so an
  // owner can repoint their own mailing at another store's list. Its traces, links and clicks (the
  // other store's addresses) then follow the mailing's whole rule, lists included, and are hidden.
  const ofOwnMailing = `[${ofStore('mass_mailing_id.x_markket_store_id')}, ('mass_mailing_id.contact_list_ids', 'not any', [('x_markket_store_id', '!=', ${STORE})])]`;
  const rule = (model: string, what: string, domain: string, perms = ALL): StoreRule => ({ key: model, model, name: `Markket store owner: ${what}`, domain, perms });
  return [
    rule('mailing.list', 'own store mailing lists', `[${ofStore('x_markket_store_id')}]`),
    rule('mailing.contact', 'own store contacts', `[${ofStore('x_markket_store_id')}]`),
    rule('mailing.mailing', 'own store mailings, only to own store lists', `[${ofStore('x_markket_store_id')}, ('contact_list_ids', 'not any', [('x_markket_store_id', '!=', ${STORE})])]`),
    rule(subscription, 'subscriptions of own store lists and contacts', `[${ofStore('list_id.x_markket_store_id')}, ('contact_id.x_markket_store_id', '=', ${STORE})]`),
    rule('mailing.trace', 'traces of own store mailings', ofOwnMailing),
    rule('link.tracker', 'tracked links of own store mailings', ofOwnMailing),
    rule('link.tracker.click', 'clicks of own store mailings', ofOwnMailing),
    rule('res.partner.category', 'own store tags', `[${ofStore('x_markket_store_id')}]`),
    // Saved segments (favourite filters): Email Marketing users may read, change and delete every
    // one (access_mailing_filter_mailing_user, crud; mass_mailing has no rule on them), and their
    // domains name a store's lists and contacts. A filter carries its own store, as a tag does.
    rule('mailing.filter', 'own store saved segments', `[${ofStore('x_markket_store_id')}]`),
    { ...rule('mail.blacklist', 'platform blacklist, add only', '[(0, \'=\', 1)]', { read: true, write: true, create: false, unlink: true }), formerNames: ['Markket store owner: no access to the platform blacklist'] },
  ];
}

const Id = z.object({ id: z.number() });
const Rule = z.object({
  id: z.number(),
  name: z.string(),
  model_id: z.tuple([z.number(), z.string()]),
  groups: z.array(z.number()),
  domain_force: z.union([z.string(), z.literal(false)]),
  perm_read: z.boolean(),
  perm_write: z.boolean(),
  perm_create: z.boolean(),
  perm_unlink: z.boolean(),
  active: z.boolean(),
});

export type IsolationChange = { what: string; change: 'created' | 'updated' };

async function ensureStoreFields(odoo: OdooClient, apply: boolean): Promise<IsolationChange[]> {
  const models = parseRecords(z.object({ id: z.number(), model: z.string() }), await odoo.searchRead('ir.model', [['model', 'in', ISOLATION_FIELDS.map((f) => f.model)]], ['model']), 'ir.model');
  const have = parseRecords(z.object({ model: z.string() }), await odoo.searchRead('ir.model.fields', [['model', 'in', ISOLATION_FIELDS.map((f) => f.model)], ['name', '=', 'x_markket_store_id']], ['model']), 'ir.model.fields');
  const changes: IsolationChange[] = [];
  for (const field of ISOLATION_FIELDS) {
    if (have.some((h) => h.model === field.model)) continue;
    const model_id = models.find((m) => m.model === field.model)?.id;
    if (model_id === undefined) throw new AppError('odoo.unknown_model', `Odoo has no model ${field.model}.`, { model: field.model });
    changes.push({ what: `field ${field.name} on ${field.model}`, change: 'created' });
    if (apply) await odoo.create('ir.model.fields', { name: field.name, field_description: field.label, ttype: 'char', model_id, store: true, index: true, copied: field.model !== 'res.users', help: field.help });
  }
  return changes;
}

/** The id of Email Marketing / User, found through its xml id (ir.model.data). */
async function mailingUserGroup(odoo: OdooClient): Promise<number> {
  const rows = parseRecords(z.object({ res_id: z.number() }), await odoo.searchRead('ir.model.data', [['module', '=', MAILING_USER_GROUP.module], ['name', '=', MAILING_USER_GROUP.name], ['model', '=', 'res.groups']], ['res_id']), 'ir.model.data');
  const id = rows[0]?.res_id;
  if (id === undefined) throw new AppError('odoo.validation', 'This Odoo has no Email Marketing user group. Install the Email Marketing app (mass_mailing) first.', { xmlid: 'mass_mailing.group_mass_mailing_user' });
  return id;
}

/** The store-owner group's id, or null when the step has not run yet. */
export async function findStoreOwnerGroup(odoo: OdooClient): Promise<number | null> {
  const rows = parseRecords(Id, await odoo.searchRead('res.groups', [['name', '=', STORE_OWNER_GROUP]], ['id'], { order: 'id asc', limit: 1 }), 'res.groups');
  return rows[0]?.id ?? null;
}

/**
 * Brings the group and the rules to what storeRules says, writing only what differs. With
 * apply=false nothing is written and the answer lists what would change.
 */
export async function isolateStores(odoo: OdooClient, apply: boolean): Promise<IsolationChange[]> {
  const changes: IsolationChange[] = await ensureStoreFields(odoo, apply);
  if (!apply && changes.length) {
    // Without the fields a rule's domain cannot be checked by Odoo; the rest waits for them.
    return [...changes, { what: `group "${STORE_OWNER_GROUP}" and its record rules`, change: 'created' }];
  }
  const implied = await mailingUserGroup(odoo);
  const Group = z.object({ id: z.number(), implied_ids: z.array(z.number()) });
  const group = parseRecords(Group, await odoo.searchRead('res.groups', [['name', '=', STORE_OWNER_GROUP]], ['implied_ids'], { order: 'id asc', limit: 1 }), 'res.groups')[0];
  let groupId = group?.id ?? 0;
  if (!group) {
    changes.push({ what: `group "${STORE_OWNER_GROUP}"`, change: 'created' });
    if (apply) groupId = await odoo.create('res.groups', { name: STORE_OWNER_GROUP, implied_ids: [[6, 0, [implied]]], comment: 'Markket store owners: Email Marketing rights, confined to their store by record rules.' });
  } else if (group.implied_ids.length !== 1 || group.implied_ids[0] !== implied) {
    // Exactly the Email Marketing user rights: anything more would widen what an owner's key can do.
    changes.push({ what: `group "${STORE_OWNER_GROUP}" rights`, change: 'updated' });
    if (apply) await odoo.write('res.groups', [group.id], { implied_ids: [[6, 0, [implied]]] });
  }

  const version = await odoo.version();
  const rules = storeRules(subscriptionModel(version.major));
  const models = parseRecords(z.object({ id: z.number(), model: z.string() }), await odoo.searchRead('ir.model', [['model', 'in', rules.map((r) => r.model)]], ['model']), 'ir.model');
  const modelId = new Map(models.map((m) => [m.model, m.id]));
  const existing = parseRecords(Rule, await odoo.searchRead('ir.rule', [['name', 'in', rules.flatMap((r) => [r.name, ...(r.formerNames ?? [])])]], ['name', 'model_id', 'groups', 'domain_force', 'perm_read', 'perm_write', 'perm_create', 'perm_unlink', 'active'], { context: { active_test: false } }), 'ir.rule');
  for (const rule of rules) {
    const model_id = modelId.get(rule.model);
    if (model_id === undefined) throw new AppError('odoo.unknown_model', `Odoo has no model ${rule.model}.`, { model: rule.model });
    const wanted = { model_id, groups: [groupId], domain_force: rule.domain, perm_read: rule.perms.read, perm_write: rule.perms.write, perm_create: rule.perms.create, perm_unlink: rule.perms.unlink, active: true };
    const current = existing.find((r) => r.name === rule.name) ?? existing.find((r) => rule.formerNames?.includes(r.name));
    if (!current) {
      changes.push({ what: `rule "${rule.name}"`, change: 'created' });
      if (apply) await odoo.create('ir.rule', { name: rule.name, ...wanted, groups: [[6, 0, [groupId]]] });
      continue;
    }
    const differs: Record<string, unknown> = {};
    if (current.name !== rule.name) differs.name = rule.name;
    if (current.model_id[0] !== model_id) differs.model_id = model_id;
    if (current.groups.length !== 1 || current.groups[0] !== groupId) differs.groups = [[6, 0, [groupId]]];
    if (current.domain_force !== rule.domain) differs.domain_force = rule.domain;
    for (const perm of ['perm_read', 'perm_write', 'perm_create', 'perm_unlink', 'active'] as const) if (current[perm] !== wanted[perm]) differs[perm] = wanted[perm];
    if (Object.keys(differs).length === 0) continue;
    changes.push({ what: `rule "${rule.name}"`, change: 'updated' });
    if (apply) await odoo.write('ir.rule', [current.id], differs);
  }
  changes.push(...(await ensureGuards(odoo, apply, [MAILING_GUARD, ...KEEP_IN_STORE_GUARDS])));
  changes.push(...(await backfillStores(odoo, apply)));
  changes.push(...(await refreshOwnerDefaults(odoo, apply)));
  return changes;
}
