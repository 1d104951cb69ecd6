import { accessDenied, userError, validationError } from '../errors';
import type { Database, Env } from '../orm/env';
import { field, magicFields } from '../orm/field-helpers';
import type { ModelSpec } from '../orm/model';
import { compileDomain } from '../orm/search-plan';
import { parseDomain } from '../orm/domain';
import { evalRuleDomain } from '../orm/rule-eval';
import { userGroupIds } from '../orm/groups';
import { parsePython, type Stmt } from '../orm/py-parse';
import { runServerCode, type PrivateMethods, type PyValue } from '../orm/py-exec';
import { parsePyLiteral } from '../orm/pyrepr';
import type { Rec } from '../orm/types';
import { mailingDomain } from './mailing';
import type { ModelNames } from './names';
import { GROUP_XMLIDS } from './security';

/**
 * Server actions (base's ir.actions.server) and Odoo's Automation Rules app (base_automation), as
 * addons/base_automation/models/base_automation.py runs them: an active rule whose trigger is
 * on_create, on_write or on_create_or_write wraps its model's create and write; after the save,
 * the records that passed filter_pre_domain (checked before a write) and filter_domain (after) get
 * the rule's actions, run as the superuser with `user` still the caller; a rule runs once per
 * record per request (__action_done). An exception from an action fails the request, and Odoo's
 * transaction takes the save back with it (Database.transaction). base_automation is not
 * installed in a fresh Odoo: ir.module.module.button_immediate_install brings it.
 */

const ADMIN_ONLY = { readGroups: ['Administration/Settings'], writeGroups: ['Administration/Settings'] };
const CREATE_TRIGGERS = new Set(['on_create', 'on_create_or_write']);
const WRITE_TRIGGERS = new Set(['on_write', 'on_create_or_write']);

/** Private model methods server code may call (mass_mailing/models/mailing.py _parse_mailing_domain). */
const PRIVATE_METHODS: PrivateMethods = {
  'mailing.mailing': {
    _parse_mailing_domain: (env, id) => {
      const rec = env.browse('mailing.mailing', id) as Rec;
      try {
        return parsePyLiteral(mailingDomain(env, rec)) as PyValue;
      } catch {
        return [['id', 'in', []]];
      }
    },
  },
};

function checkCode(rec: Rec): void {
  // ir.actions.server._check_python_code: test_python_expr refuses code that does not parse.
  if (rec.state === 'code' && typeof rec.code === 'string' && rec.code.trim()) parsePython(rec.code);
}

export function actionServerModel(names: ModelNames): ModelSpec {
  return {
    name: 'ir.actions.server',
    description: 'Server Actions',
    order: 'sequence asc, name asc',
    // base's access_ir_actions_server_all lets everyone read server actions (the peer: employees);
    // only Settings changes them.
    rights: { readGroups: ['User types/Internal User'], writeGroups: ['Administration/Settings'] },
    fields: [
      field('name', 'char', 'Action Name', { required: true }),
      field('type', 'char', 'Action Type', { required: true }),
      field('usage', 'selection', 'Usage', { selection: [['ir_actions_server', 'Server Action'], ['ir_cron', 'Scheduled Action']] }),
      field('state', 'selection', 'Type', { required: true, selection: [['object_write', 'Update Record'], ['object_create', 'Create Record'], ['code', 'Execute Code'], ['webhook', 'Send Webhook Notification'], ['multi', 'Execute Existing Actions']] }),
      field('model_id', 'many2one', 'Model', { required: true, relation: 'ir.model', index: true }),
      field('model_name', 'char', 'Model Name', { readonly: true, store: false }),
      field('code', 'text', 'Python Code'),
      field('sequence', 'integer', 'Sequence'),
      field(names.userGroups, 'many2many', 'Allowed Groups', { relation: 'res.groups' }),
      ...magicFields(),
    ],
    defaults: { type: () => 'ir.actions.server', usage: () => 'ir_actions_server', state: () => 'object_write', sequence: () => 5 },
    computes: { model_name: (env, rec) => (env.browse('ir.model', rec.model_id as number)?.model as string | undefined) ?? false },
    afterCreate: (_env, rec) => checkCode(rec),
    afterWrite: (_env, recs) => recs.forEach(checkCode),
  };
}

function automationModel(): ModelSpec {
  return {
    name: 'base.automation',
    description: 'Automation Rule',
    order: 'id asc',
    rights: ADMIN_ONLY,
    fields: [
      field('name', 'char', 'Automation Rule Name', { required: true }),
      field('model_id', 'many2one', 'Model', { required: true, relation: 'ir.model', index: true }),
      field('model_name', 'char', 'Model Name', { readonly: true, store: false }),
      field('trigger', 'selection', 'Trigger', { required: true, selection: [['on_create_or_write', 'On save'], ['on_create', 'On creation'], ['on_write', 'On update'], ['on_unlink', 'On deletion'], ['on_change', 'On UI change'], ['on_time', 'Based on date field']] }),
      field('filter_pre_domain', 'char', 'Before Update Domain'),
      field('filter_domain', 'char', 'Apply on'),
      field('trigger_field_ids', 'many2many', 'Trigger Fields', { relation: 'ir.model.fields' }),
      field('action_server_ids', 'one2many', 'Actions', { relation: 'ir.actions.server', inverse: 'base_automation_id' }),
      field('active', 'boolean', 'Active'),
      field('last_run', 'datetime', 'Last Run', { readonly: true }),
      ...magicFields(),
    ],
    defaults: { active: () => true },
    computes: { model_name: (env, rec) => (env.browse('ir.model', rec.model_id as number)?.model as string | undefined) ?? false },
    beforeCreate: (env, vals) => {
      const actions = Array.isArray(vals.action_server_ids) ? (vals.action_server_ids as unknown[]) : [];
      // The form's context (default_usage: base_automation) and _check_model_coherency_with_automation.
      for (const cmd of actions) {
        if (!Array.isArray(cmd) || cmd[0] !== 0 || typeof cmd[2] !== 'object' || cmd[2] === null) continue;
        const action = cmd[2] as Record<string, unknown>;
        action.usage ??= 'base_automation';
        if (action.model_id !== undefined && action.model_id !== vals.model_id) throw validationError(`Model of action ${String(action.name)} should match the one from automated rule ${String(vals.name)}.`);
        action.model_id ??= vals.model_id;
      }
    },
  };
}

/** Odoo's list of modules knows base_automation before it is installed (state 'uninstalled'). */
export const AUTOMATION_MODULE = { name: 'base_automation', shortdesc: 'Automation Rules' } as const;

/** Loads base_automation into the registry: its model, its field on server actions, the save hook. */
export function installBaseAutomation(db: Database): void {
  if (db.has('base.automation')) return;
  db.register(automationModel());
  const actions = db.store('ir.actions.server');
  actions.addField(field('base_automation_id', 'many2one', 'Automation Rule', { relation: 'base.automation', index: true }));
  const usage = actions.fields.get('usage');
  if (usage) usage.selection = [...(usage.selection ?? []), ['base_automation', 'Automation Rule']];
  db.saveHook = runAutomations;
}

/** ir.module.module.button_immediate_install: admins only (assert_log_admin_access). */
export function immediateInstall(env: Env, ids: number[]): unknown {
  if (env.uid !== 1 && !userGroupIds(env, env.uid).has(GROUP_XMLIDS['base.group_erp_manager'])) throw accessDenied();
  const modules = env.store('ir.module.module');
  for (const id of ids) {
    const rec = modules.records.get(id);
    if (!rec || rec.state === 'installed') continue;
    if (rec.name !== AUTOMATION_MODULE.name) throw userError(`The Odoo peer cannot install the module ${String(rec.name)}.`);
    installBaseAutomation(env.db);
    const [irModel] = env.store('ir.model').lookup('model', 'base.automation') ?? [];
    if (irModel === undefined) env.store('ir.model').insert({ id: env.store('ir.model').nextId, name: 'Automation Rule', model: 'base.automation', state: 'base', is_mailing_enabled: false, transient: false });
    modules.update(rec, { state: 'installed', latest_version: `${env.services.version}.1.0` });
  }
  env.services.changed();
  return { type: 'ir.actions.client', tag: 'reload', params: { menu_id: false } };
}

function matching(env: Env, model: string, domainText: unknown, ids: number[]): number[] {
  const text = typeof domainText === 'string' ? domainText.trim() : '';
  if (!text || !ids.length) return ids;
  // _filter_pre / _filter_post: safe_eval(domain, {user, uid, ...}), then sudo().filtered_domain().
  const test = compileDomain(env.sudo(), model, parseDomain(evalRuleDomain(env, text)));
  return ids.filter((id) => {
    const rec = env.browse(model, id);
    return rec ? test(rec) : false;
  });
}

/** The create/write wrapper base_automation's _register_hook patches onto a model. */
function runAutomations(env: Env, model: string, kind: 'create' | 'write', ids: number[], save: () => number[]): number[] {
  const triggers = kind === 'create' ? CREATE_TRIGGERS : WRITE_TRIGGERS;
  const store = env.db.store('base.automation');
  const rules = [...store.records.values()]
    .filter((r) => r.active !== false && triggers.has(String(r.trigger)) && env.browse('ir.model', r.model_id as number)?.model === model)
    .sort((a, b) => a.id - b.id);
  if (!rules.length) return save();
  return env.db.transaction(() => {
    const pre = new Map(rules.map((r) => [r.id, kind === 'write' ? matching(env, model, r.filter_pre_domain, ids) : []]));
    const watched = (r: Rec): string[] => ((r.trigger_field_ids as number[] | undefined) ?? []).map((f) => String(env.browse('ir.model.fields', f)?.name));
    const before = new Map(ids.map((id) => [id, { ...(env.browse(model, id) ?? {}) }]));
    const saved = save();
    const done = { ...((env.context.__action_done ?? {}) as Record<string, number[]>) };
    for (const rule of rules) {
      const candidates = kind === 'write' ? (pre.get(rule.id) ?? []) : saved;
      const already = done[rule.id] ?? [];
      const fields = watched(rule);
      const targets = matching(env, model, rule.filter_domain, candidates)
        .filter((id) => !already.includes(id))
        // _check_trigger_fields: on a write, only records where a watched field changed.
        .filter((id) => kind === 'create' || !fields.length || fields.some((f) => JSON.stringify(before.get(id)?.[f]) !== JSON.stringify(env.browse(model, id)?.[f])));
      if (!targets.length) continue;
      done[rule.id] = [...already, ...targets];
      const scope = env.withContext({ __action_done: { ...done } });
      const actions = [...(env.store('ir.actions.server').lookup('base_automation_id', rule.id) ?? [])]
        .map((id) => env.browse('ir.actions.server', id) as Rec)
        .sort((a, b) => Number(a.sequence ?? 0) - Number(b.sequence ?? 0) || a.id - b.id);
      // base_automation._process runs each action once per record (active_ids of one record).
      for (const action of actions) {
        const program = codeOf(action);
        for (const id of targets) runServerCode({ env: scope, su: true, model, activeIds: [id], privateMethods: PRIVATE_METHODS }, program);
      }
    }
    return saved;
  });
}

/** The action's code, read once: safe_eval compiles and checks it before it runs. */
function codeOf(action: Rec): Stmt[] {
  if (action.state !== 'code') throw userError(`The Odoo peer runs only "Execute Code" server actions, not "${String(action.state)}".`);
  return parsePython(String(action.code ?? ''));
}
