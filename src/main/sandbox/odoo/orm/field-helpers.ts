import type { FieldDef, FieldType } from './types';

type Extra = Partial<Omit<FieldDef, 'name' | 'type' | 'string'>>;

/** Builds a field definition with Odoo's defaults (stored, optional, writable). */
export function field(name: string, type: FieldType, string: string, extra: Extra = {}): FieldDef {
  return { name, type, string, required: false, readonly: false, store: true, manual: false, ...extra };
}

/** The fields every Odoo model has (odoo18-wire/020: id, display_name, create/write uid+date). */
export function magicFields(): FieldDef[] {
  return [
    field('id', 'integer', 'ID', { readonly: true }),
    field('display_name', 'char', 'Display Name', { readonly: true, store: false }),
    field('create_uid', 'many2one', 'Created by', { readonly: true, relation: 'res.users' }),
    field('create_date', 'datetime', 'Created on', { readonly: true }),
    field('write_uid', 'many2one', 'Last Updated by', { readonly: true, relation: 'res.users' }),
    field('write_date', 'datetime', 'Last Updated on', { readonly: true }),
  ];
}

/** Field definitions from a fields_get recording, completed with what fields_get does not say. */
export function fromRecording(
  recorded: Record<string, { string: string; type: string; required: boolean; readonly: boolean; relation?: string; selection?: [string, string][] }>,
  extra: Record<string, Extra> = {},
): FieldDef[] {
  return Object.entries(recorded).map(([name, d]) => {
    const def: FieldDef = {
      name,
      string: d.string,
      type: d.type as FieldType,
      required: d.required,
      readonly: d.readonly,
      store: !d.readonly || ['id', 'create_date', 'write_date', 'create_uid', 'write_uid'].includes(name),
      manual: false,
    };
    if (d.relation) def.relation = d.relation;
    if (d.selection) def.selection = d.selection;
    return { ...def, ...(extra[name] ?? {}) };
  });
}
