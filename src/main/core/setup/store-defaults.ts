import { z } from 'zod';
import type { OdooClient } from '../odoo';
import { parseRecords } from '../odoo';
import type { IsolationChange } from './isolation';

/** Models whose new records get the owner's store id by default (ir.default per owner). */
export const STORE_DEFAULT_MODELS = ['mailing.list', 'mailing.contact', 'mailing.mailing', 'res.partner.category', 'mailing.filter'] as const;

const Default = z.object({ id: z.number(), field_id: z.tuple([z.number(), z.string()]), json_value: z.string() });

/**
 * ir.default rows giving the owner's new lists, contacts, mailings, tags and saved segments their
 * store; true when one changed (or, with apply=false, would change).
 */
export async function ensureStoreDefaults(odoo: OdooClient, userId: number, storeId: string, apply: boolean): Promise<boolean> {
  const fields = parseRecords(z.object({ id: z.number(), model: z.string() }), await odoo.searchRead('ir.model.fields', [['model', 'in', [...STORE_DEFAULT_MODELS]], ['name', '=', 'x_markket_store_id']], ['model']), 'ir.model.fields');
  const existing = parseRecords(Default, await odoo.searchRead('ir.default', [['user_id', '=', userId], ['field_id', 'in', fields.map((f) => f.id)]], ['field_id', 'json_value']), 'ir.default');
  const value = JSON.stringify(storeId);
  let changed = false;
  for (const field of fields) {
    const current = existing.find((d) => d.field_id[0] === field.id);
    if (current?.json_value === value) continue;
    changed = true;
    if (!apply) continue;
    if (current) await odoo.write('ir.default', [current.id], { json_value: value });
    else await odoo.create('ir.default', { field_id: field.id, user_id: userId, json_value: value });
  }
  return changed;
}

/**
 * Owners added by an earlier setup lack the defaults of models isolation covers since (saved
 * segments): without one, a segment the owner saves carries no store and the owner's own rule
 * refuses to create it. Every user with a store gets the current set.
 */
export async function refreshOwnerDefaults(odoo: OdooClient, apply: boolean): Promise<IsolationChange[]> {
  const User = z.object({ id: z.number(), login: z.string(), x_markket_store_id: z.union([z.string(), z.literal(false)]) });
  const owners = parseRecords(User, await odoo.searchRead('res.users', [['x_markket_store_id', '!=', false]], ['login', 'x_markket_store_id'], { order: 'id asc' }), 'res.users');
  const changes: IsolationChange[] = [];
  for (const owner of owners) {
    if (!owner.x_markket_store_id) continue;
    if (await ensureStoreDefaults(odoo, owner.id, owner.x_markket_store_id, apply)) changes.push({ what: `store defaults of store owner ${owner.login}`, change: 'updated' });
  }
  return changes;
}
