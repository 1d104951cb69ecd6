import { AppError } from '../../../shared/errors';
import { mapTemplateFields, type SendgridService } from '../sendgrid';

export interface RenderedTemplate {
  templateId: string;
  subject: string;
  html: string;
  mapped: { field: string; odoo: string }[];
  unmapped: string[];
}

/** The active version of a dynamic template, mapped to an Odoo body (fields to QWeb, unsubscribe to Odoo's placeholder). */
export async function renderTemplate(sendgrid: SendgridService, templateId: string): Promise<RenderedTemplate> {
  const version = await sendgrid.getActiveVersion(templateId);
  const mapping = mapTemplateFields(version.html_content);
  return { templateId, subject: version.subject, html: mapping.html, mapped: mapping.mapped, unmapped: mapping.unmapped };
}

export function sendgridRequired(sendgrid: SendgridService | undefined): SendgridService {
  if (!sendgrid) throw new AppError('sendgrid.not_configured', 'Add a SendGrid API key to this profile to build campaigns from SendGrid templates.', { field: 'sendgrid_api_key' });
  return sendgrid;
}
