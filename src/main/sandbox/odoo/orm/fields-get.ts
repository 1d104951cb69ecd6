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
    const full = describeField(def);
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
