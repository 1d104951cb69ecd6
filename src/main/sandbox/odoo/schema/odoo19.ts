import diff from './odoo19-fields-diff.json';
import type { FieldDef, FieldType } from '../orm/types';
import type { ModelSpec } from '../orm/model';
import { validationError } from '../errors';

type DiffField = { type: string; string: string; readonly?: boolean; required?: boolean; relation?: string; selection?: [string, string][] };
type ModelDiff = { added_in_19: Record<string, DiffField>; removed_in_19: Record<string, unknown>; changed: Record<string, Record<string, [unknown, unknown]>> };

/**
 * Odoo 19's field set of the mass-mailing models: Odoo 18's as recorded, changed as a real 19 answers
 * fields_get (odoo19-json2-wire/fields_get-diff-18-to-19.json, packaged since the app cannot read the
 * recordings): mailing.contact loses title_id and gains properties; mailing.mailing gains
 * use_exclusion_list and no longer requires email_from; mailing.trace gains is_test_trace and the
 * mail_spam failure; ir.mail_server follows Outlook and owner limits.
 */
export function toOdoo19Fields(spec: ModelSpec): ModelSpec {
  const change = (diff as unknown as Record<string, ModelDiff>)[spec.name];
  if (!change) return spec;
  const kept = spec.fields
    .filter((f) => !(f.name in change.removed_in_19))
    .map((f) => {
      const changed = change.changed[f.name];
      if (!changed) return f;
      const after: Partial<FieldDef> = {};
      if (changed.required) after.required = changed.required[1] as boolean;
      if (changed.selection) after.selection = changed.selection[1] as [string, string][];
      return { ...f, ...after };
    });
  const added = Object.entries(change.added_in_19).map(([name, d]): FieldDef => ({
    name,
    string: d.string,
    type: d.type as FieldType,
    required: d.required ?? false,
    readonly: d.readonly ?? false,
    store: !(d.readonly ?? false),
    manual: false,
    ...(d.relation ? { relation: d.relation } : {}),
    ...(d.selection ? { selection: d.selection } : {}),
  }));
  const spec19 = { ...spec, fields: [...kept, ...added] };
  return spec.name === 'mailing.mailing' ? mailing19(spec19) : spec19;
}

/**
 * mailing.mailing on 19: use_exclusion_list defaults to true (131). email_from is no longer required
 * in fields_get, but a CHECK constraint still refuses a mail mailing without one, worded as Odoo
 * words a failed constraint (249).
 */
function mailing19(spec: ModelSpec): ModelSpec {
  const before = spec.beforeCreate;
  const check = (vals: Record<string, unknown>): void => {
    if ((vals.mailing_type ?? 'mail') === 'mail' && vals.email_from === false) throw validationError('The operation cannot be completed: email from is required for mailing');
  };
  return {
    ...spec,
    defaults: { ...spec.defaults, use_exclusion_list: () => true },
    beforeCreate: (env, vals) => {
      before?.(env, vals);
      check(vals);
    },
  };
}
