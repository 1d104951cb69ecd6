import { validationError } from '../errors';
import type { Env } from '../orm/env';
import { field, magicFields } from '../orm/field-helpers';
import type { ModelSpec } from '../orm/model';

/**
 * ir.default (odoo/addons/base/models/ir_default.py): a default value of a field, for every user
 * or for one (user_id), stored as JSON. create() fills missing fields from it after the context's
 * default_<field> and before the field's own default (BaseModel.default_get). The peer has one
 * company, so company_id is left out.
 */
export function irDefaultModel(): ModelSpec {
  return {
    name: 'ir.default',
    description: 'Default Values',
    order: 'id asc',
    rights: { readGroups: ['Administration/Settings'], writeGroups: ['Administration/Settings'] },
    fields: [
      field('field_id', 'many2one', 'Field', { required: true, relation: 'ir.model.fields', index: true }),
      field('user_id', 'many2one', 'User', { relation: 'res.users', index: true }),
      field('condition', 'char', 'Condition'),
      field('json_value', 'char', 'Default Value (JSON format)', { required: true }),
      ...magicFields(),
    ],
    beforeCreate: (_env, vals) => checkJson(vals.json_value),
    beforeWrite: (_env, _recs, vals) => {
      if ('json_value' in vals) checkJson(vals.json_value);
    },
  };
}

function checkJson(value: unknown): void {
  try {
    JSON.parse(String(value));
  } catch {
    throw validationError(`Invalid JSON format in Default Value field.`);
  }
}

/**
 * ir.default._get_model_defaults: the defaults of `model`'s fields for env's user, a user's own
 * before everyone's (ORDER BY user_id puts NULL last), conditional ones left out.
 */
export function modelDefaults(env: Env, model: string): Record<string, unknown> {
  if (!env.db.has('ir.default')) return {};
  const defaults = env.db.store('ir.default');
  if (defaults.records.size === 0) return {};
  const fields = env.db.store('ir.model.fields');
  const rows = [...defaults.records.values()]
    .filter((d) => !d.condition && (d.user_id === null || d.user_id === undefined || d.user_id === env.uid))
    .sort((a, b) => (typeof a.user_id === 'number' ? 0 : 1) - (typeof b.user_id === 'number' ? 0 : 1) || a.id - b.id);
  const out: Record<string, unknown> = {};
  for (const row of rows) {
    const def = fields.records.get(row.field_id as number);
    if (!def || def.model !== model || typeof def.name !== 'string' || def.name in out) continue;
    out[def.name] = JSON.parse(String(row.json_value)) as unknown;
  }
  return out;
}
