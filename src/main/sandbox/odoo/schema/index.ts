import recorded from './odoo18-fields.json';
import type { FieldDef } from '../orm/types';
import { fromRecording } from '../orm/field-helpers';

type RecordedField = { string: string; type: string; required: boolean; readonly: boolean; relation?: string; selection?: [string, string][] };

/**
 * Field sets of the mass-mailing models exactly as Odoo 18's fields_get answered them
 * (copied from odoo18-wire/020-031; the packaged app cannot read the recordings at run time).
 */
export function recordedFields(model: string, extra: Record<string, Partial<FieldDef>> = {}): FieldDef[] {
  const fields = (recorded as unknown as Record<string, Record<string, RecordedField>>)[model];
  if (!fields) throw new Error(`No recorded fields for ${model}`);
  return fromRecording(fields, extra);
}

/** Renames a relation in recorded fields (Odoo 16 names the subscription model differently). */
export function renameRelation(fields: FieldDef[], from: string, to: string): FieldDef[] {
  return fields.map((f) => (f.relation === from ? { ...f, relation: to } : f));
}
