import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type { OdooClient } from '../odoo';
import { parseRecords } from '../odoo';
import { findStoreOwnerGroup, STORE_OWNER_GROUP } from './isolation';
import { ensureStoreDefaults } from './store-defaults';

export interface StoreOwnerRequest {
  storeId: string;
  storeName: string;
  login: string;
  name: string;
  email: string;
  /** Odoo's address and database, for what the administrator hands over. */
  odooUrl: string;
  database: string;
  /** For an existing user: send Odoo's password-reset email again. A new user is always invited by Odoo. */
  invite: boolean;
}

export interface StoreOwnerResult {
  userId: number;
  /** What this run did to the user: created, changed (group, store, defaults) or already right. */
  user: 'created' | 'updated' | 'unchanged';
  invitationSent: boolean;
  /** Where the owner creates an API key: Odoo's own preferences (the only place keys are made). */
  apiKeyPage: string;
  /** Exactly what the administrator gives the owner, in order. */
  handOver: string[];
}

const User = z.object({ id: z.number(), x_markket_store_id: z.union([z.string(), z.literal(false)]), active: z.boolean(), groups: z.array(z.number()) });

/** Odoo 19 renamed res.users.groups_id to group_ids. */
async function groupsField(odoo: OdooClient): Promise<'groups_id' | 'group_ids'> {
  const fields = await odoo.fieldsGet('res.users', { allfields: ['group_ids', 'groups_id'], attributes: ['type'] });
  return 'group_ids' in fields ? 'group_ids' : 'groups_id';
}

/**
 * Creates or updates the Odoo user of a store's owner: the store-owner group, the store id, and
 * per-user defaults (ir.default) so what the owner creates in Odoo carries the store id on its own.
 * A new user gets Odoo's invitation email with a link to set a password (auth_signup sends it on
 * create); an existing one gets res.users.action_reset_password when asked. Running it again changes
 * nothing. Needs an Odoo administrator's key.
 */
export async function addStoreOwner(odoo: OdooClient, req: StoreOwnerRequest): Promise<StoreOwnerResult> {
  const groupId = await findStoreOwnerGroup(odoo);
  if (groupId === null) {
    throw new AppError('odoo.validation', `Run "Isolate stores" in Odoo setup first: this Odoo has no "${STORE_OWNER_GROUP}" group yet.`, { group: STORE_OWNER_GROUP });
  }
  const groups = await groupsField(odoo);
  const rows = await odoo.searchRead('res.users', [['login', '=', req.login]], ['x_markket_store_id', 'active', groups], { context: { active_test: false } });
  const found = parseRecords(User, rows.map((r) => ({ ...r, groups: r[groups] })), 'res.users')[0];
  let userId: number;
  let user: StoreOwnerResult['user'] = 'unchanged';
  if (!found) {
    userId = await odoo.create('res.users', { name: req.name, login: req.login, email: req.email, x_markket_store_id: req.storeId, [groups]: [[4, groupId]] });
    user = 'created';
  } else {
    userId = found.id;
    const current = found.groups;
    const changes: Record<string, unknown> = {};
    if (found.x_markket_store_id !== req.storeId) changes.x_markket_store_id = req.storeId;
    if (!current.includes(groupId)) changes[groups] = [[4, groupId]];
    if (!found.active) changes.active = true;
    if (Object.keys(changes).length) {
      await odoo.write('res.users', [userId], changes);
      user = 'updated';
    }
  }
  if (await ensureStoreDefaults(odoo, userId, req.storeId, true)) user = user === 'unchanged' ? 'updated' : user;

  // Odoo (auth_signup) invites a user with an email as it creates it; an existing owner gets the
  // password-reset email only when asked.
  const invitationSent = user === 'created' || req.invite;
  if (user !== 'created' && req.invite) await odoo.call('res.users', 'action_reset_password', [userId], {}, { mutating: true });
  const base = req.odooUrl.replace(/\/+$/, '');
  const apiKeyPage = `${base}/web#action=base.action_res_users_my`;
  const handOver = [
    `Odoo address: ${base} (database "${req.database}"), login: ${req.login}.`,
    invitationSent
      ? `Odoo has emailed ${req.email} an invitation to set a password; the link in it is personal and expires.`
      : `Their password is unchanged; if it is lost, use "Reset Password" on the Odoo sign-in page.`,
    `After signing in, they open their Odoo preferences (${apiKeyPage}), Account Security → New API Key, and paste that key into the console with store id "${req.storeId}".`,
    `Their key reaches only ${req.storeName}: never send them a key of yours.`,
  ];
  return { userId, user, invitationSent, apiKeyPage, handOver };
}
