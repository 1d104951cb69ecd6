import { immediateInstall } from './automation';
import { userError, validationError } from '../errors';
import { create, ensureExist, search, write } from '../orm/crud';
import type { Database, Env } from '../orm/env';
import { field, magicFields } from '../orm/field-helpers';
import type { MethodSpec, ModelSpec } from '../orm/model';
import type { FieldDef, FieldType, Rec } from '../orm/types';
import { recordedFields } from '../schema';
import { impliedClosure } from '../orm/groups';
import type { ModelNames } from './names';
import { resetPasswordMethod } from './security';

const ADMIN_ONLY = { readGroups: ['Administration/Settings'], writeGroups: ['Administration/Settings'] };

export function baseModels(names: ModelNames): ModelSpec[] {
  return [
    {
      name: 'res.users',
      description: 'User',
      order: 'name asc, login asc',
      indexed: ['login'],
      // Employees read users; Access Rights managers create and change them (base/security/ir.model.access.csv).
      rights: { readGroups: ['User types/Internal User'], writeGroups: ['Administration/Access Rights'] },
      fields: [field('name', 'char', 'Name', { required: true }), field('login', 'char', 'Login', { required: true }), field('email', 'char', 'Email'), field('active', 'boolean', 'Active'), field('share', 'boolean', 'Share User'), field('lang', 'selection', 'Language', { selection: [['en_US', 'English (US)']] }), field('tz', 'selection', 'Timezone', { selection: [] }), field(names.userGroups, 'many2many', 'Groups', { relation: 'res.groups' }), ...magicFields()],
      defaults: { active: () => true, lang: () => 'en_US' },
      // Odoo 18 keeps the implied groups in groups_id itself (res_users.py UsersImplied); 19 computes all_group_ids.
      afterCreate: (env, rec) => storeImpliedGroups(env, names, [rec]),
      afterWrite: (env, recs, vals) => {
        if (names.userGroups in vals) storeImpliedGroups(env, names, recs);
      },
      methods: { context_get: { kind: 'model', params: [], run: (env) => userContext(env.db, env.uid) }, action_reset_password: resetPasswordMethod },
    },
    {
      name: 'res.partner',
      description: 'Contact',
      order: 'name asc, id desc',
      fields: [field('name', 'char', 'Name'), field('email', 'char', 'Email'), field('active', 'boolean', 'Active'), field('country_id', 'many2one', 'Country', { relation: 'res.country' }), ...magicFields()],
      defaults: { active: () => true },
    },
    { name: 'res.country', description: 'Country', order: 'name asc', fields: [field('name', 'char', 'Country Name', { required: true }), field('code', 'char', 'Country Code'), ...magicFields()] },
    { name: 'res.partner.title', description: 'Partner Title', order: 'name asc', fields: [field('name', 'char', 'Title', { required: true }), ...magicFields()] },
    {
      name: 'ir.model',
      description: 'Models',
      order: 'model asc',
      indexed: ['model'],
      // Employees read models (base's access_ir_model_user: base.group_user, read only); a mailing's
      // mailing_model_id is looked up there by every Email Marketing user.
      rights: { readGroups: ['User types/Internal User'], writeGroups: ['Administration/Settings'] },
      fields: [field('name', 'char', 'Model Description', { required: true }), field('model', 'char', 'Model', { required: true }), field('state', 'selection', 'Type', { selection: [['manual', 'Custom Object'], ['base', 'Base Object']] }), field('is_mailing_enabled', 'boolean', 'Mailing'), field('transient', 'boolean', 'Transient Model'), field('field_id', 'one2many', 'Fields', { relation: 'ir.model.fields', inverse: 'model_id' }), ...magicFields()],
    },
    irModelFieldsModel(),
    {
      name: 'ir.model.data',
      description: 'Model Data',
      order: 'module asc, model asc, name asc',
      indexed: ['name'],
      rights: ADMIN_ONLY,
      fields: [field('name', 'char', 'External Identifier', { required: true }), field('module', 'char', 'Module', { required: true }), field('model', 'char', 'Model Name', { required: true }), field('res_id', 'many2one_reference', 'Record ID'), field('noupdate', 'boolean', 'Non Updatable'), ...magicFields()],
    },
    {
      name: 'ir.cron',
      description: 'Scheduled Actions',
      order: 'priority asc, name asc, id asc',
      rights: ADMIN_ONLY,
      fields: [field('name', 'char', 'Name', { required: true }), field('active', 'boolean', 'Active'), field('interval_number', 'integer', 'Interval Number'), field('interval_type', 'selection', 'Interval Unit', { selection: [['minutes', 'Minutes'], ['hours', 'Hours'], ['days', 'Days'], ['weeks', 'Weeks'], ['months', 'Months']] }), field('nextcall', 'datetime', 'Next Execution Date'), field('lastcall', 'datetime', 'Last Execution Date'), field('priority', 'integer', 'Priority'), field('model_id', 'many2one', 'Model', { relation: 'ir.model' }), field('code', 'text', 'Python Code'), field('user_id', 'many2one', 'Scheduler User', { relation: 'res.users' }), ...magicFields()],
      methods: { method_direct_trigger: { kind: 'records', params: [], run: async (env, ids) => runCrons(env, ids) } },
    },
    {
      name: 'ir.config_parameter',
      description: 'System Parameter',
      order: 'key asc',
      recName: 'key',
      indexed: ['key'],
      rights: ADMIN_ONLY,
      fields: [field('key', 'char', 'Key', { required: true }), field('value', 'text', 'Value', { required: true }), ...magicFields()],
      methods: { set_param: configMethod('set'), get_param: configMethod('get') },
    },
    {
      name: 'ir.module.module',
      description: 'Module',
      order: 'application desc, sequence asc, name asc',
      indexed: ['name'],
      fields: [field('name', 'char', 'Technical Name', { required: true, readonly: true }), field('shortdesc', 'char', 'Module Name', { readonly: true }), field('state', 'selection', 'Status', { readonly: true, selection: [['uninstallable', 'Uninstallable'], ['uninstalled', 'Not Installed'], ['installed', 'Installed'], ['to upgrade', 'To be upgraded'], ['to remove', 'To be removed'], ['to install', 'To be installed']] }), field('latest_version', 'char', 'Installed Version', { readonly: true }), field('application', 'boolean', 'Application', { readonly: true }), field('sequence', 'integer', 'Sequence'), ...magicFields()],
      methods: { button_immediate_install: { kind: 'records', params: [], run: (env, ids) => immediateInstall(env, ids) } },
    },
    mailServerModel(),
  ];
}

function storeImpliedGroups(env: Env, names: ModelNames, recs: Rec[]): void {
  if (names.userGroups !== 'groups_id') return;
  const users = env.store('res.users');
  for (const rec of recs) {
    const current = (rec.groups_id as number[] | undefined) ?? [];
    const all = [...impliedClosure(env, current)];
    if (all.length !== current.length) users.update(rec, { groups_id: [...current, ...all.filter((g) => !current.includes(g))] });
  }
}

/**
 * res.users.context_get: the caller's lang and tz (false when unset) and uid, read from the user
 * like Odoo does (base/models/res_users.py); the session's user_context is the same dict (odoo18-wire/010).
 */
export function userContext(db: Database, uid: number): { lang: string | false; tz: string | false; uid: number } {
  const user = db.store('res.users').records.get(uid);
  const text = (v: unknown): string | false => (typeof v === 'string' && v ? v : false);
  return { lang: text(user?.lang), tz: text(user?.tz), uid };
}

/** Crons the peer knows how to run; `runQueue` is wired by the peer (see queue.ts). */
async function runCrons(env: Env, ids: number[]): Promise<true> {
  for (const cron of ensureExist(env, 'ir.cron', ids)) {
    const code = String(cron.code ?? '');
    if (code.includes('_process_mass_mailing_queue')) await env.services.runCron('mass_mailing');
    else if (code.includes('process_email_queue')) await env.services.runCron('mail_queue');
    else if (code.includes('_cron_process_mass_mailing_ab_testing')) await env.services.runCron('ab_testing');
  }
  return true;
}

function configMethod(kind: 'get' | 'set'): MethodSpec {
  return {
    kind: 'model',
    params: kind === 'set' ? ['key', 'value'] : ['key', 'default'],
    run: (env, _ids, a) => {
      const store = env.store('ir.config_parameter');
      const [id] = store.lookup('key', String(a.key)) ?? [];
      const current = id === undefined ? undefined : store.records.get(id);
      const old = current ? (current.value as string) : false;
      if (kind === 'get') return old === false ? (a.default ?? false) : old;
      // set_param answers the previous value; false deletes the parameter (odoo18-wire/180, 189).
      if (a.value === false || a.value === null) {
        if (current) store.remove(current.id);
      } else if (current) write(env, 'ir.config_parameter', [current.id], { value: String(a.value) });
      else create(env, 'ir.config_parameter', [{ key: String(a.key), value: String(a.value) }]);
      env.services.changed();
      return old;
    },
  };
}

function mailServerModel(): ModelSpec {
  return {
    name: 'ir.mail_server',
    description: 'Mail Server',
    order: 'sequence asc, id asc',
    rights: ADMIN_ONLY,
    fields: recordedFields('ir.mail_server').map((f) => (f.name === 'active_mailing_ids' ? { ...f, inverse: 'mail_server_id' } : f)),
    defaults: { active: () => true, smtp_port: () => 25, smtp_authentication: () => 'login', smtp_encryption: () => 'none', sequence: () => 10 },
    methods: {
      test_smtp_connection: {
        kind: 'records',
        params: [],
        run: async (env, ids) => {
          for (const server of ensureExist(env, 'ir.mail_server', ids)) {
            const problem = await env.services.probeMailServer(server);
            if (problem) throw userError(`Connection Test Failed! Here is what we got instead:\n ${problem}`, ` ${problem}`);
          }
          // odoo18-wire/191: a client notification action, not a plain true.
          return { type: 'ir.actions.client', tag: 'display_notification', params: { message: 'Connection Test Successful!', type: 'success', sticky: false, next: { type: 'ir.actions.act_window_close' } } };
        },
      },
    },
  };
}

const FIELD_TYPES: FieldType[] = ['char', 'text', 'html', 'integer', 'float', 'monetary', 'boolean', 'date', 'datetime', 'selection', 'many2one', 'many2many', 'one2many', 'binary'];

/**
 * ir.model.fields: custom fields (state "manual") created at run time are usable at once
 * (odoo18-wire/210-218), with Odoo's checks on names (219) and duplicates (220).
 */
function irModelFieldsModel(): ModelSpec {
  return {
    name: 'ir.model.fields',
    description: 'Fields',
    order: 'name asc',
    indexed: ['model', 'name', 'state'],
    rights: ADMIN_ONLY,
    fields: [
      field('name', 'char', 'Field Name', { required: true }),
      field('model', 'char', 'Model Name'),
      field('model_id', 'many2one', 'Model', { required: true, relation: 'ir.model' }),
      field('field_description', 'char', 'Field Label', { required: true }),
      field('ttype', 'selection', 'Field Type', { required: true, selection: FIELD_TYPES.map((t) => [t, t]) }),
      field('relation', 'char', 'Related Model'),
      field('selection_ids', 'char', 'Selection Options'),
      field('required', 'boolean', 'Required'),
      field('readonly', 'boolean', 'Readonly'),
      field('store', 'boolean', 'Stored'),
      field('index', 'boolean', 'Indexed'),
      field('copied', 'boolean', 'Copied'),
      field('help', 'text', 'Field Help'),
      field('state', 'selection', 'Type', { selection: [['manual', 'Custom Field'], ['base', 'Base Field']] }),
      ...magicFields(),
    ],
    defaults: { state: () => 'manual', store: () => true, copied: () => false, index: () => false },
    beforeCreate: (env, vals) => {
      const irModel = env.browse('ir.model', vals.model_id as number);
      if (!irModel) throw validationError('The operation cannot be completed: the model does not exist.');
      vals.model = irModel.model;
      if (vals.state === 'manual') {
        if (!String(vals.name ?? '').startsWith('x_')) {
          throw validationError("The operation cannot be completed: Custom fields must have a name that starts with 'x_'!");
        }
        // A custom char field is copied by default in Odoo; relations are not.
        if (!('copied' in vals)) vals.copied = vals.ttype !== 'one2many' && vals.ttype !== 'many2many';
      }
      const duplicate = search(env.withContext({ active_test: false }), 'ir.model.fields', [['model', '=', vals.model], ['name', '=', vals.name]]);
      if (duplicate.length) throw validationError('The operation cannot be completed: Field names must be unique per model.');
    },
    afterCreate: (env, rec) => registerCustomField(env, rec),
  };
}

/** Makes an ir.model.fields row a real field of its model (the registry reload Odoo does in-request). */
export function registerCustomField(env: Env, rec: Rec): void {
  const model = String(rec.model);
  if (!env.db.has(model)) return;
  const def: FieldDef = {
    name: String(rec.name),
    string: String(rec.field_description),
    type: rec.ttype as FieldType,
    required: rec.required === true,
    readonly: rec.readonly === true,
    store: rec.store !== false,
    manual: rec.state === 'manual',
    index: rec.index === true,
    copy: rec.copied === true,
  };
  if (typeof rec.help === 'string') def.help = rec.help;
  if (typeof rec.relation === 'string') def.relation = rec.relation;
  env.store(model).addField(def);
}
