import type { MergeFieldName } from './document';

/**
 * Merge fields in the syntax Odoo's mass mailing renders in body_html.
 *
 * body_html is `fields.Html(render_engine='qweb', render_options={'post_process': True})`
 * (addons/mass_mailing/models/mailing.py), rendered per recipient by mail.render.mixin with the
 * recipient as `object` (_render_template_qweb: `variables['object'] = record`). For a mailing on
 * lists the recipient is the mailing.contact (mailing_model_real). A placeholder is a t-out whose
 * body is the default: QWeb shows the body when the value is None/False (ir_qweb
 * _compile_directive_out: "<t t-out="my_value">Default content if falsy</t>"), and Odoo's regex
 * mode for safe expressions does `value = record.field or default` (_render_template_qweb_regex).
 * The recordings hold the same form (odoo18-wire/102, odoo19-json2-wire/132).
 */
export const MERGE_FIELDS: Record<MergeFieldName, { expression: string; label: string }> = {
  // object.name is in mail_allowed_qweb_expressions(): any mailing user may send it (regex mode).
  name: { expression: 'object.name', label: 'Name' },
  // email and company_name go through the full QWeb engine, which Odoo allows to Email Marketing
  // users who may edit dynamic templates (mail.group_mail_template_editor) and to administrators.
  email: { expression: 'object.email', label: 'Email' },
  company_name: { expression: 'object.company_name', label: 'Company' },
};

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** `<t t-out="object.name">there</t>`: the recipient's name, "there" when the contact has none. */
export function qwebMergeField(field: MergeFieldName, fallback: string): string {
  const { expression } = MERGE_FIELDS[field];
  return fallback ? `<t t-out="${expression}">${escapeHtml(fallback)}</t>` : `<t t-out="${expression}"/>`;
}

/** A recipient's values, as the preview fills them in (a subscriber of the list, or a sample). */
export type Recipient = Partial<Record<MergeFieldName, string | null>>;

/** What the placeholder becomes for one recipient: their value, else the fallback (Odoo's `or default`). */
export function fillMergeField(field: MergeFieldName, fallback: string, recipient: Recipient): string {
  const value = recipient[field];
  return typeof value === 'string' && value !== '' ? value : fallback;
}
