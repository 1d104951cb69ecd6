import { userError, validationError } from '../errors';
import type { Env } from '../orm/env';
import { field, magicFields } from '../orm/field-helpers';
import type { MethodSpec, ModelSpec } from '../orm/model';
import { parseDomain, validateDomain } from '../orm/domain';
import { evalRuleDomain } from '../orm/rule-eval';
import { userGroupIds, userGroupsField } from '../orm/groups';
import type { Rec } from '../orm/types';
import type { ModelNames } from './names';

/**
 * res.groups and ir.rule as base defines them (odoo/addons/base/models/res_users.py, ir_rule.py):
 * groups imply other groups, users carry groups, and record rules restrict which records of a
 * model a user reaches, per operation.
 */
export const GROUP_XMLIDS = {
  'base.group_user': 1,
  'base.group_portal': 2,
  'base.group_system': 3,
  'base.group_erp_manager': 4,
  'base.group_no_one': 5,
  'mass_mailing.group_mass_mailing_user': 6,
} as const;

/** The groups the stock rights name (the labels Odoo's ACL error lists: odoo18-wire/096). */
export const RIGHTS_GROUPS: Record<string, number> = {
  'User types/Internal User': GROUP_XMLIDS['base.group_user'],
  'Administration/Settings': GROUP_XMLIDS['base.group_system'],
  'Administration/Access Rights': GROUP_XMLIDS['base.group_erp_manager'],
  'Email Marketing/User': GROUP_XMLIDS['mass_mailing.group_mass_mailing_user'],
};

const ADMIN_ONLY = { readGroups: ['Administration/Settings'], writeGroups: ['Administration/Settings'] };

export function groupModel(names: ModelNames): ModelSpec {
  return {
    name: 'res.groups',
    description: 'Access Groups',
    order: 'name asc',
    indexed: ['name'],
    // Employees read groups; Access Rights managers change them (base/security/ir.model.access.csv).
    rights: { readGroups: ['User types/Internal User'], writeGroups: ['Administration/Access Rights'] },
    fields: [
      field('name', 'char', 'Name', { required: true }),
      field('full_name', 'char', 'Group Name', { readonly: true, store: false }),
      field('comment', 'text', 'Comment'),
      field('share', 'boolean', 'Share Group'),
      field('implied_ids', 'many2many', 'Inherits', { relation: 'res.groups' }),
      field(names.groupUsers, 'many2many', 'Users', { relation: 'res.users', readonly: true, store: false }),
      ...magicFields(),
    ],
    computes: {
      full_name: (_env, rec) => (typeof rec._category === 'string' ? `${rec._category} / ${String(rec.name)}` : String(rec.name)),
      [names.groupUsers]: (env, rec) => [...(env.store('res.users').lookup(userGroupsField(env), rec.id) ?? [])],
    },
  };
}

export function ruleModel(): ModelSpec {
  return {
    name: 'ir.rule',
    description: 'Record Rule',
    order: 'model_id desc, id asc',
    rights: ADMIN_ONLY,
    fields: [
      field('name', 'char', 'Name'),
      field('active', 'boolean', 'Active'),
      field('model_id', 'many2one', 'Model', { required: true, relation: 'ir.model', index: true }),
      field('groups', 'many2many', 'Groups', { relation: 'res.groups' }),
      field('domain_force', 'text', 'Domain'),
      field('perm_read', 'boolean', 'Read'),
      field('perm_write', 'boolean', 'Write'),
      field('perm_create', 'boolean', 'Create'),
      field('perm_unlink', 'boolean', 'Delete'),
      field('global', 'boolean', 'Global', { readonly: true, store: false }),
      ...magicFields(),
    ],
    defaults: { active: () => true, perm_read: () => true, perm_write: () => true, perm_create: () => true, perm_unlink: () => true },
    computes: { global: (_env, rec) => !((rec.groups as number[] | undefined) ?? []).length },
    afterCreate: (env, rec) => checkRule(env, rec),
    afterWrite: (env, recs) => recs.forEach((rec) => checkRule(env, rec)),
  };
}

/** ir.rule's constraints: not on ir.rule itself, one right at least, a domain that evaluates and names real fields. */
function checkRule(env: Env, rec: Rec): void {
  const model = env.browse('ir.model', rec.model_id as number)?.model;
  if (model === 'ir.rule') throw validationError('Rules can not be applied on the Record Rules model.');
  if (![rec.perm_read, rec.perm_write, rec.perm_create, rec.perm_unlink].some((p) => p !== false)) {
    throw validationError('Rule must have at least one checked access right!');
  }
  if (rec.active === false || !rec.domain_force || typeof model !== 'string' || !env.db.has(model)) return;
  try {
    validateDomain(env, model, parseDomain(evalRuleDomain(env, String(rec.domain_force))));
  } catch (error) {
    throw validationError(`Invalid domain: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The stock groups and users' memberships every database has (ids of GROUP_XMLIDS, with their xmlids). */
export function seedGroups(put: (model: string, id: number, values: Record<string, unknown>) => void, names: ModelNames): void {
  const groups: [keyof typeof GROUP_XMLIDS, string, string, number[]][] = [
    ['base.group_user', 'Internal User', 'User types', []],
    ['base.group_portal', 'Portal', 'User types', []],
    ['base.group_system', 'Settings', 'Administration', [GROUP_XMLIDS['base.group_erp_manager']]],
    ['base.group_erp_manager', 'Access Rights', 'Administration', [GROUP_XMLIDS['base.group_user']]],
    ['base.group_no_one', 'Technical Features', 'Technical', []],
    ['mass_mailing.group_mass_mailing_user', 'User', 'Email Marketing', [GROUP_XMLIDS['base.group_user']]],
  ];
  let dataId = 1000;
  for (const [xmlid, name, category, implied] of groups) {
    const id = GROUP_XMLIDS[xmlid];
    put('res.groups', id, { name, _category: category, implied_ids: implied, share: xmlid === 'base.group_portal' });
    const [module, short] = xmlid.split('.') as [string, string];
    put('ir.model.data', dataId++, { module, name: short, model: 'res.groups', res_id: id, noupdate: false });
  }
  void names;
}

/**
 * ir.model.access as far as the peer models it: a model's rights name the groups that may read or
 * change it; a user in one of them (or in a group implying one) passes, the superuser always does.
 */
export function inRightsGroups(env: Env, labels: string[]): boolean {
  if (env.uid === 1) return true;
  const groups = userGroupIds(env, env.uid);
  return labels.some((label) => {
    const id = RIGHTS_GROUPS[label];
    return id !== undefined && groups.has(id);
  });
}

/**
 * res.users.action_reset_password (auth_signup/models/res_users.py): refuses archived users and
 * users without an email, otherwise prepares the signup token and emails the link; answers None.
 * The peer sends no invitation mail; it keeps Odoo's checks and answer.
 */
export const resetPasswordMethod: MethodSpec = {
  kind: 'records',
  params: [],
  run: (env, ids) => {
    const users = env.store('res.users');
    for (const id of ids) {
      const user = users.records.get(id);
      if (!user) continue;
      if (user.active === false) throw userError('You cannot perform this action on an archived user.');
      if (!user.email) throw userError(`Cannot send email: user ${String(user.name)} has no email address.`);
    }
    return undefined;
  },
};
