import { AppError, isAppError } from '../../../shared/errors';
import type { Draft } from '../../../shared/schemas/drafts';
import { keepDomain } from '../marketing/mailing-actions';
import { TEMPLATE_FIELD } from '../marketing/mailings';
import { segmentDomain, toPythonDomain } from '../marketing/segments';
import { renderCampaignTemplate } from '../marketing/templates';
import { templateBodies } from '../marketing/template-values';
import type { OdooClient, OdooRecord } from '../odoo/types';
import type { SendgridService } from '../sendgrid';
import { renderEmail } from '../../../shared/email/render';
import { bodyArchFor } from '../email/stored-body';
import { hasLocalImages, uploadLocalImages } from '../email/inline-images';
import type { EmailDocument } from '../../../shared/email';

/** What a draft becomes on its mailing.mailing, and the audience domain to check after the write. */
export interface DraftMailing {
  values: OdooRecord;
  /** The segment's domain as written, when the draft has a list. */
  mailingDomain?: string;
}

/** SendGrid failures after which the body the editor rendered earlier is still the best we have. */
const SENDGRID_PASSING = new Set(['sendgrid.unreachable', 'sendgrid.server_error', 'sendgrid.rate_limited']);

/**
 * The body Odoo should hold: the template's active version when SendGrid is there (the same
 * rendering createCampaign and update use), else what the editor rendered into the draft. A
 * template SendGrid does not have is the user's to fix (input.invalid naming the picker): the push
 * stays in the outbox with that error.
 */
async function bodyOf(draft: Draft, sendgrid: SendgridService | undefined): Promise<string | undefined> {
  if (!draft.templateId || !sendgrid) return draft.body;
  try {
    return (await renderCampaignTemplate(sendgrid, draft.templateId)).html;
  } catch (error) {
    if (isAppError(error) && SENDGRID_PASSING.has(error.code)) return draft.body;
    throw error;
  }
}

/**
 * Everything of the draft that Odoo keeps before Send: subject, preview, sender, template (id and
 * body), list and segment. The schedule stays on this computer: writing it would make the
 * mailing look scheduled, and scheduling is part of Send, which is never queued.
 */
export async function draftMailingValues(odoo: OdooClient, draft: Draft, sendgrid: SendgridService | undefined, mailingId?: number): Promise<DraftMailing> {
  const values: OdooRecord = { subject: draft.subject, preview: draft.previewText, [TEMPLATE_FIELD]: draft.templateId ?? false };
  // Odoo requires a sender on a mailing and defaults it from the user: an empty one is not written.
  const emailFrom = draft.emailFrom?.trim();
  if (emailFrom) values.email_from = emailFrom;
  if (draft.document) {
    // Written in the console's editor: rendered here, stored as marketing.campaigns.body.save stores
    // it. Images added on this computer go to the mailing's attachments first, so a mailing not made
    // yet gets its body once it exists (bodyAfterCreate).
    if (mailingId !== undefined || !hasLocalImages(draft.document)) Object.assign(values, await documentBodyValues(odoo, mailingId, draft.document));
    else Object.assign(values, { [TEMPLATE_FIELD]: false });
  } else {
    const body = await bodyOf(draft, sendgrid);
    if (body !== undefined) {
      // A template's campaign-wide values are written in as marketing.campaigns.update writes them.
      const filled = draft.templateId ? templateBodies(body, draft.templateValues ?? {}) : { body_html: body, body_arch: body };
      Object.assign(values, { body_arch: filled.body_arch, body_html: filled.body_html });
    }
  }
  if (draft.keptAudience) {
    // An audience kept from Odoo goes back exactly as Odoo wrote it: never rebuilt from a segment.
    const { domain, listIds } = draft.keptAudience;
    Object.assign(values, { contact_list_ids: [[6, 0, listIds]], mailing_domain: domain });
    return { values, mailingDomain: domain };
  }
  if (!draft.listId) return { values };
  // The same domain createCampaign writes, exclusions included, so Odoo's own count is the estimate.
  const mailingDomain = toPythonDomain(await segmentDomain(odoo, draft.listId, draft.segment));
  Object.assign(values, { contact_list_ids: [[6, 0, [draft.listId]]], mailing_domain: mailingDomain });
  return { values, mailingDomain };
}

/** body_html and body_arch of an editor document, its local images uploaded to the mailing first. */
export async function documentBodyValues(odoo: OdooClient, mailingId: number | undefined, document: EmailDocument): Promise<OdooRecord> {
  const uploaded = mailingId === undefined ? document : await uploadLocalImages(odoo, mailingId, document);
  const { html } = await renderEmail(uploaded);
  return { body_html: html, body_arch: bodyArchFor(html, uploaded), [TEMPLATE_FIELD]: false };
}

/** The body a draft's new mailing still needs: one whose images could only be uploaded once it existed. */
export async function bodyAfterCreate(odoo: OdooClient, mailingId: number, draft: Draft): Promise<void> {
  if (!draft.document || !hasLocalImages(draft.document)) return;
  await odoo.write('mailing.mailing', [mailingId], await documentBodyValues(odoo, mailingId, draft.document));
}

/**
 * A server that recomputed the domain from the lists alone would widen a segment to the whole list
 * (see keepDomain); the push is refused rather than leave a mailing that reaches the wrong people.
 * "all" is exempt: Odoo's list domain reaches the same people once it drops opt-outs itself. An
 * audience kept from Odoo never is: whatever its segment field says, it is narrower than the list.
 */
export async function ensureAudience(odoo: OdooClient, odooId: number, draft: Draft, mailingDomain: string | undefined): Promise<void> {
  if (mailingDomain === undefined || (await keepDomain(odoo, odooId, mailingDomain)) || (!draft.keptAudience && draft.segment === 'all')) return;
  const what = draft.keptAudience ? `the audience set in Odoo ("${draft.keptAudience.label}")` : `the "${draft.segment}" segment`;
  throw new AppError('odoo.validation', `This Odoo does not keep a campaign's audience: it reset ${what} to the whole list. Choose "Everyone on the list" or ask your Odoo administrator.`, {
    segment: draft.keptAudience ? null : draft.segment,
    odoo_campaign_id: odooId,
  });
}
