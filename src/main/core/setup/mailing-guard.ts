import { z } from 'zod';
import { AppError, isAppError } from '../../../shared/errors';
import type { OdooClient } from '../odoo';
import { parseRecords } from '../odoo';
import type { IsolationChange } from './isolation';

/**
 * What record rules cannot stop on a shared Odoo: Odoo checks a write against the rules as the
 * record was before it (models.py write -> check_access before _write), and its mailing queue
 * (_process_mass_mailing_queue) sends as the cron's superuser, to whatever mailing_domain finds
 * on whatever model the mailing names. So one write by an owner could repoint a draft at another
 * store's list, or widen its domain to every contact or partner, and put it in the queue.
 *
 * Odoo's own answer to "check after the save" is an Automation Rule (base_automation): on every
 * create and write of a mailing it runs a server action, as the superuser but with `user` the
 * caller, and an exception there rolls the whole request back. This rule refuses, for a store
 * owner only (a user with a store), a mailing that is not of their store, not on mailing lists,
 * names another store's list, or whose domain reaches a contact of another store. The console's
 * own mailings (the owner's store, its lists, a domain over them) pass unchanged.
 */
export const MAILING_GUARD_NAME = 'Markket store owner: mailings reach only their own store';

export const MAILING_GUARD_CODE = `# ${MAILING_GUARD_NAME} (Markket console setup, "Isolate stores").
# Record rules are checked before a write and the mailing queue sends as the superuser,
# so every saved mailing of a store owner is checked here, after the save.
store = user.x_markket_store_id
if store:
    others = [('x_markket_store_id', '!=', store)]
    for mailing in records:
        if mailing.x_markket_store_id != store or mailing.mailing_model_id.model != 'mailing.list':
            raise UserError("A mailing of your store must belong to your store and go to your store's mailing lists.")
        if mailing.contact_list_ids.filtered_domain(others):
            raise UserError("This mailing names another store's mailing list. Choose your own store's lists.")
        if env['mailing.contact'].search_count(mailing._parse_mailing_domain() + others):
            raise UserError("This mailing's recipients include contacts of another store. Choose your own store's lists and contacts.")
`;

const Module = z.object({ id: z.number(), state: z.string() });
const Automation = z.object({
  id: z.number(),
  model_id: z.tuple([z.number(), z.string()]),
  trigger: z.string(),
  active: z.boolean(),
  filter_domain: z.union([z.string(), z.literal(false)]),
  filter_pre_domain: z.union([z.string(), z.literal(false)]),
  trigger_field_ids: z.array(z.number()),
  action_server_ids: z.array(z.number()),
});
const Action = z.object({ id: z.number(), state: z.string(), code: z.union([z.string(), z.literal(false)]), model_id: z.tuple([z.number(), z.string()]) });

/** Installs Automation Rules when missing (an administrator's key may; others are told what to ask). */
async function ensureAutomationModule(odoo: OdooClient, apply: boolean): Promise<IsolationChange[]> {
  const [module] = parseRecords(Module, await odoo.searchRead('ir.module.module', [['name', '=', 'base_automation']], ['state']), 'ir.module.module');
  if (!module) throw new AppError('odoo.validation', 'This Odoo has no Automation Rules app (base_automation), which store isolation needs so that an owner cannot send to another store. Ask your Odoo host to add it, then run the setup again.', { module: 'base_automation' });
  if (module.state === 'installed') return [];
  if (apply) {
    try {
      await odoo.call('ir.module.module', 'button_immediate_install', [module.id]);
    } catch (error) {
      // button_immediate_install answers AccessDenied to a non-administrator (assert_log_admin_access).
      if (isAppError(error) && (error.code === 'odoo.access_denied' || error.code === 'odoo.bad_credentials')) {
        throw new AppError('odoo.access_denied', 'Store isolation needs the Automation Rules app, and this key may not install apps. Install "Automation Rules" from Odoo\'s Apps as an administrator, then run the setup again.', { module: 'base_automation' });
      }
      throw error;
    }
  }
  return [{ what: 'Odoo app Automation Rules (base_automation)', change: 'created' }];
}

/** One Automation Rule the isolation keeps: on every save of `model`, run `code` (Execute Code). */
export interface GuardRule {
  name: string;
  model: string;
  code: string;
}

export const MAILING_GUARD: GuardRule = { name: MAILING_GUARD_NAME, model: 'mailing.mailing', code: MAILING_GUARD_CODE };

/**
 * Brings each guard rule to what it says, writing only what differs (apply=false: nothing). The
 * Automation Rules app is installed first when missing.
 */
export async function ensureGuards(odoo: OdooClient, apply: boolean, guards: readonly GuardRule[]): Promise<IsolationChange[]> {
  const version = await odoo.version();
  // Odoo 16's base.automation carries its code itself (_inherits ir.actions.server); the console's
  // rules are written for the action_server_ids of 17 and later.
  if (version.major < 17) return [];
  const changes = await ensureAutomationModule(odoo, apply);
  if (changes.length && !apply) return [...changes, ...guards.map((g) => ({ what: `automation rule "${g.name}"`, change: 'created' as const }))];
  const models = parseRecords(z.object({ id: z.number(), model: z.string() }), await odoo.searchRead('ir.model', [['model', 'in', [...new Set(guards.map((g) => g.model))]]], ['model']), 'ir.model');
  for (const guard of guards) {
    const modelId = models.find((m) => m.model === guard.model)?.id;
    if (modelId === undefined) throw new AppError('odoo.unknown_model', `Odoo has no model ${guard.model}. Install the Email Marketing app first.`, { model: guard.model });
    changes.push(...(await ensureGuard(odoo, apply, guard, modelId)));
  }
  return changes;
}

async function ensureGuard(odoo: OdooClient, apply: boolean, guard: GuardRule, modelId: number): Promise<IsolationChange[]> {
  const action = { name: guard.name, model_id: modelId, state: 'code', code: guard.code };
  const what = `automation rule "${guard.name}"`;
  const rules = parseRecords(Automation, await odoo.searchRead('base.automation', [['name', '=', guard.name]], ['model_id', 'trigger', 'active', 'filter_domain', 'filter_pre_domain', 'trigger_field_ids', 'action_server_ids'], { context: { active_test: false }, order: 'id asc', limit: 1 }), 'base.automation');
  const rule = rules[0];
  if (!rule) {
    if (apply) await odoo.create('base.automation', { name: guard.name, model_id: modelId, trigger: 'on_create_or_write', active: true, action_server_ids: [[0, 0, { ...action, usage: 'base_automation' }]] });
    return [{ what, change: 'created' }];
  }
  const differs: Record<string, unknown> = {};
  if (rule.model_id[0] !== modelId) differs.model_id = modelId;
  if (rule.trigger !== 'on_create_or_write') differs.trigger = 'on_create_or_write';
  if (!rule.active) differs.active = true;
  // A narrowed rule would let some saves through unchecked.
  if (rule.filter_domain) differs.filter_domain = false;
  if (rule.filter_pre_domain) differs.filter_pre_domain = false;
  if (rule.trigger_field_ids.length) differs.trigger_field_ids = [[6, 0, []]];
  const actions = rule.action_server_ids.length ? parseRecords(Action, await odoo.read('ir.actions.server', rule.action_server_ids, ['state', 'code', 'model_id']), 'ir.actions.server') : [];
  const [first] = actions;
  const actionFine = actions.length === 1 && first?.state === 'code' && first.code === guard.code && first.model_id[0] === modelId;
  if (!actionFine) differs.action_server_ids = first ? [[1, first.id, action], [6, 0, [first.id]]] : [[0, 0, { ...action, usage: 'base_automation' }]];
  if (Object.keys(differs).length === 0) return [];
  if (apply) await odoo.write('base.automation', [rule.id], differs);
  return [{ what, change: 'updated' }];
}
