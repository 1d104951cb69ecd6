import { AppError } from '../../../shared/errors';
import type { TemplateValues } from '../../../shared/email/template-values';
import type { OdooClient } from '../odoo';
import { readWithBody } from '../email/bodies';
import { guardOdooEdits } from '../email/odoo-edits';
import { leftoverFields } from './mailing-actions';
import { TEMPLATE_FIELD } from './mailings';
import type { RenderedTemplate } from './templates';
import { currentTemplate, templateBodies } from './template-values';

export interface TemplateBodyChange {
  storeId: string;
  campaignId: string;
  /** A new template's rendering (asked while the body is read), when the template changes; null keeps the one the campaign has. */
  rendered: Promise<RenderedTemplate> | null;
  /** New campaign-wide values, merged by name over the kept ones. */
  values?: TemplateValues | undefined;
  /** The person asked to replace an email changed in Odoo (the editor only; an extension never does). */
  replaceOdooEdits?: boolean | undefined;
  /** The body version the editor opened (CampaignBody.body_version). */
  baseBody?: string | undefined;
}

/**
 * The body fields a new template or new campaign-wide values write, only those that change, for
 * every path that takes them (the editor's update and the campaign extension's). A new template
 * keeps the values of the fields it shares with the old one, unless given anew.
 */
export async function templateBodyChange(odoo: OdooClient, change: TemplateBodyChange): Promise<{ values: Record<string, unknown>; unmapped: string[] }> {
  const [rendered, current] = await Promise.all([change.rendered, readWithBody(odoo, change.storeId, change.campaignId)]);
  if (!rendered && !current[TEMPLATE_FIELD]) {
    throw new AppError('input.invalid', 'This campaign’s email does not come from a SendGrid template, so it has no template values. Write the values into the email instead.', {
      fields: [{ field: 'template_values', problem: 'needs a campaign whose email comes from a SendGrid template' }],
    });
  }
  const kept = currentTemplate(current);
  const body = templateBodies(rendered?.html ?? kept.template, { ...kept.values, ...change.values });
  const values: Record<string, unknown> = {};
  // A new rendering or new values replace the email: never one changed or written in Odoo, unless asked.
  if (current.body_html !== body.body_html) {
    guardOdooEdits(current, change.replaceOdooEdits ?? false, change.baseBody);
    values.body_html = body.body_html;
  }
  if (current.body_arch !== body.body_arch) values.body_arch = body.body_arch;
  if (rendered && current[TEMPLATE_FIELD] !== rendered.templateId) values[TEMPLATE_FIELD] = rendered.templateId;
  return { values, unmapped: leftoverFields(body.body_html) };
}
