import { AppError } from '../../../shared/errors';
import { readBody, type BodyRecord } from '../marketing/body';
import { CAMPAIGN_FIELD, TEMPLATE_FIELD } from '../marketing/mailings';
import { fingerprint, readStoredDocument } from './stored-body';
import { readTemplateArch, templateBodies } from '../marketing/template-values';

/** The body fields a guard looks at. */
export type BodyFields = Pick<BodyRecord, 'body_html' | 'body_arch'> & { id: number; subject: string | null; [TEMPLATE_FIELD]: string | false | null };

/** What the editor opened: a save naming it is refused when Odoo's body_html is another one now. */
export const bodyVersion = (bodyHtml: string): string => fingerprint(bodyHtml);

const squash = (html: string): string => html.replace(/\s+/g, '');

/**
 * A SendGrid template's rendering changed in Odoo since the console wrote it. The console writes
 * such a body to body_html and body_arch alike (editing.ts, campaigns.ts, the campaign extension),
 * while Odoo's mailing editor saves its arch to body_arch and the mail-ready conversion to
 * body_html (mass_mailing's html field with inline-field body_html), and a script usually writes
 * only one of them: the two then differ. An empty body_arch is the console's stand-in, not an edit.
 */
export function templateEditedInOdoo(m: BodyFields): boolean {
  if (!m[TEMPLATE_FIELD] || !m.body_arch.trim()) return false;
  if (readStoredDocument(m.body_arch, m.body_html)) return false;
  // Campaign-wide values kept on body_arch: Odoo's body_html is the rendering with them filled in.
  const kept = readTemplateArch(m.body_arch);
  if (kept) return squash(templateBodies(kept.template, kept.values).body_html) !== squash(m.body_html);
  if (readBody({ ...m, subject: m.subject ?? '', [CAMPAIGN_FIELD]: null, [TEMPLATE_FIELD]: m[TEMPLATE_FIELD] || null }).kind !== 'html') return false;
  return squash(m.body_arch) !== squash(m.body_html);
}

/**
 * An email changed in Odoo since it was written here (or since the editor opened it, `baseBody`),
 * or written there, is someone's work: replaced only when the person asked (replace_odoo_edits),
 * on every path that writes a body.
 */
export function guardOdooEdits(m: BodyFields, replace: boolean, baseBody?: string): void {
  if (replace) return;
  const stored = readStoredDocument(m.body_arch, m.body_html);
  if (baseBody !== undefined && baseBody !== bodyVersion(m.body_html)) {
    throw new AppError('conflict', 'This email was changed in Odoo since you opened it. Saving would replace those changes: look at Odoo’s version first, then save again to replace it.', {
      edited_in_odoo: true,
      changed_since_opened: true,
      odoo_campaign_id: m.id,
    });
  }
  if (stored?.editedInOdoo || templateEditedInOdoo(m)) {
    throw new AppError('conflict', 'This email was changed in Odoo after it was last saved here. Saving would replace the changes made in Odoo: look at Odoo’s version first, then save again to replace it.', {
      edited_in_odoo: true,
      odoo_campaign_id: m.id,
    });
  }
  // An email written in Odoo's editor (no document of ours, no SendGrid template behind it).
  const writtenInOdoo = !stored && !m[TEMPLATE_FIELD] && readBody({ ...m, subject: m.subject ?? '', [CAMPAIGN_FIELD]: null, [TEMPLATE_FIELD]: null }).kind === 'html';
  if (writtenInOdoo) {
    throw new AppError('conflict', 'This email was written in Odoo. Saving would replace it with the one written here: look at Odoo’s version first, then save again to replace it.', {
      written_in_odoo: true,
      odoo_campaign_id: m.id,
    });
  }
}
