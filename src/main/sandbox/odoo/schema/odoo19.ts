import diff from './odoo19-fields-diff.json';
import partnerFields from './odoo19-res-partner.json';
import { completeName, normalizePartnerEmail, PARTNER_COMPUTES_19, PARTNER_DEFAULTS_19 } from '../models/partner-19';
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
  if (spec.name === 'res.partner') return partner19(spec);
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

/** One field as a real 19's fields_get() describes it, every attribute (odoo19-json2-wire/021). */
export type RecordedDescription = DiffField & { name: string; store: boolean; searchable: boolean; help?: string; relation_field?: string } & Record<string, unknown>;

/** res.partner's 110 fields as a real Odoo 19 with mass_mailing lists them (021), keyed by name. */
export const PARTNER_FIELDS_19 = partnerFields as unknown as Record<string, RecordedDescription>;

/**
 * res.partner on 19: the field set a real 19 with mass_mailing has (021: mail.thread's, activities,
 * images, address, VAT, phone blacklist, Discuss's…), each as its fields_get describes it, keeping
 * what the peer's own fields do. A one2many knows its way back only where the comodel is the
 * partner itself (child_ids by parent_id); the others point at models the peer does not have
 * (mail.activity, res.partner.bank, discuss.channel.member…), so they read as empty.
 */
function partner19(spec: ModelSpec): ModelSpec {
  const own = new Map(spec.fields.map((f) => [f.name, f]));
  const fields = Object.values(PARTNER_FIELDS_19).map((d): FieldDef => ({
    ...own.get(d.name),
    name: d.name,
    string: d.string,
    type: d.type as FieldType,
    required: d.required ?? false,
    readonly: d.readonly ?? false,
    store: d.store,
    manual: false,
    searchable: d.searchable,
    ...(d.relation ? { relation: d.relation } : {}),
    ...(d.selection ? { selection: d.selection } : {}),
    ...(d.help ? { help: d.help } : {}),
    ...(d.relation_field && d.relation === 'res.partner' ? { inverse: d.relation_field } : {}),
  }));
  return {
    ...spec,
    fields,
    defaults: { ...spec.defaults, ...PARTNER_DEFAULTS_19 },
    computes: { ...spec.computes, ...PARTNER_COMPUTES_19 },
    beforeCreate: (env, vals) => {
      spec.beforeCreate?.(env, vals);
      normalizePartnerEmail(vals);
    },
    beforeWrite: (env, recs, vals) => {
      spec.beforeWrite?.(env, recs, vals);
      normalizePartnerEmail(vals);
    },
    // Odoo 19's res.partner display_name is its complete name (_compute_display_name).
    displayName: (env, rec) => completeName(env, rec),
  };
}
