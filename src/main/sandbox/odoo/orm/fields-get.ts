import catalog from '../schema/odoo19-api-doc.json';
import { PARTNER_FIELDS_19 } from '../schema/odoo19';
import type { Env } from './env';
import { list } from './method-args';
import type { FieldDef } from './types';
import type { WireValue } from './values';

/** fields_get(allfields, attributes): the model's field definitions, as many attributes as asked. */
export function fieldsGet(env: Env, modelName: string, allfields: unknown, attributes: unknown): Record<string, WireValue> {
  const store = env.store(modelName);
  const wanted = list(allfields);
  const attrs = list(attributes);
  const out: Record<string, WireValue> = {};
  for (const def of store.fields.values()) {
    if (wanted && wanted.length && !wanted.includes(def.name)) continue;
    const full = Number(env.services.version.split('.')[0]) >= 19 ? describeField19(modelName, def) : describeField(def);
    const row: Record<string, WireValue> = {};
    for (const [k, v] of Object.entries(full)) if (!attrs || attrs.includes(k)) row[k] = v;
    // 19 says so of an unsearchable field even when the attributes asked leave it out (odoo19-json2-wire/031).
    if (def.searchable === false && Number(env.services.version.split('.')[0]) >= 19) row.searchable = false;
    out[def.name] = row;
  }
  return out;
}

export function describeField(def: FieldDef): Record<string, WireValue> {
  const d: Record<string, WireValue> = {
    type: def.type,
    string: def.string,
    required: def.required,
    readonly: def.readonly,
    store: def.store,
    manual: def.manual,
    searchable: def.searchable !== false,
    sortable: def.store,
  };
  if (def.help) d.help = def.help;
  if (def.relation) d.relation = def.relation;
  if (def.selection) d.selection = def.selection;
  return d;
}

const CATALOG = catalog as unknown as { models: Record<string, { fields: Record<string, Record<string, WireValue>> }> };

/**
 * fields_get()'s full description of a field on Odoo 19, where a real 19 showed it: res.partner's
 * as its fields_get() answered (odoo19-json2-wire/021); the mass-mailing models' as api_doc lists
 * them (230-236: fields_get()'s description plus the module, which fields_get leaves out). A field
 * no recording describes (a manual x_ field, another model's) gets the attributes every field has
 * (Field.get_description in odoo/orm/fields.py). Every field names itself.
 */
export function describeField19(modelName: string, def: FieldDef): Record<string, WireValue> {
  const partner = modelName === 'res.partner' ? PARTNER_FIELDS_19[def.name] : undefined;
  if (partner) return { ...(partner as Record<string, WireValue>) };
  const documented = CATALOG.models[modelName]?.fields[def.name];
  if (!documented) {
    const every = { change_default: false, company_dependent: false, default_export_compatible: false, depends: [], exportable: true, groupable: def.store };
    return { ...describeField(def), ...every, name: def.name };
  }
  const { module: _module, ...extras } = documented;
  return { ...describeField(def), ...extras, name: def.name };
}
