import { AppError, isAppError } from '../../../shared/errors';
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

/**
 * A campaign request naming a template SendGrid does not have is the caller's mistake about one
 * field (400 naming sendgrid_template_id), not a SendGrid failure: the editor can point at the picker.
 */
export async function renderCampaignTemplate(sendgrid: SendgridService, templateId: string): Promise<RenderedTemplate> {
  try {
    return await renderTemplate(sendgrid, templateId);
  } catch (error) {
    if (!isAppError(error) || error.code !== 'sendgrid.not_found') throw error;
    throw new AppError('input.invalid', `SendGrid has no dynamic template ${templateId} with an active version. Choose one of the account's templates.`, {
      fields: [{ field: 'sendgrid_template_id', problem: 'is not a SendGrid template of this account' }],
      template_id: templateId,
    });
  }
}
