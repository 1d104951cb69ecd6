import { z } from 'zod';
import type { EmailDocument } from '../../../shared/email';
import { renderEmail } from '../../../shared/email/render';
import type { CampaignBody, SaveBodyResult } from '../../../shared/schemas/email';
import { parseRecords, type OdooClient } from '../odoo';
import { updateDraft } from '../marketing/mailing-actions';
import { campaignDomain, campaignIdOf, madeInOdoo, madeInOdooError, MAILING_FIELDS, MailingRecord, storeMailings, TEMPLATE_FIELD, unknownCampaign } from '../marketing/mailings';
import { storeLists } from '../marketing/stores';
import { bodyArchFor, readStoredDocument } from './stored-body';
import { bodyVersion, guardOdooEdits, templateEditedInOdoo } from './odoo-edits';
import { uploadLocalImages } from './inline-images';
import { currentTemplate, templateValueNames } from '../marketing/template-values';

const html = z.union([z.string(), z.literal(false)]).transform((v) => v || '');
export const WithBody = MailingRecord.extend({ body_html: html, body_arch: html, favorite: z.boolean().optional() });
export type WithBody = z.infer<typeof WithBody>;

export interface EmailBodies {
  get(storeId: string, campaignId: string): Promise<z.infer<typeof CampaignBody>>;
  save(input: { storeId: string; campaignId: string; document: EmailDocument; replace_odoo_edits: boolean; base_body?: string | undefined }): Promise<z.infer<typeof SaveBodyResult>>;
}

/** The store's mailing with its body fields (archived ones too), or not_found. */
export async function readWithBody(odoo: OdooClient, storeId: string, campaignId: string): Promise<WithBody> {
  const rows = await odoo.searchRead('mailing.mailing', [...campaignDomain(campaignId), ...storeMailings(storeId)], [...MAILING_FIELDS, 'body_html', 'body_arch', 'favorite'], { limit: 1, context: { active_test: false } });
  const [mailing] = parseRecords(WithBody, rows, 'mailing.mailing');
  if (mailing) return mailing;
  await storeLists(odoo, storeId);
  throw unknownCampaign(storeId, campaignId);
}

/** Campaign bodies written in the console's editor, kept in the mailing's own body fields (see stored-body.ts). */
export function createEmailBodies({ odoo }: { odoo: OdooClient }): EmailBodies {
  const read = (storeId: string, campaignId: string) => readWithBody(odoo, storeId, campaignId);

  async function get(storeId: string, campaignId: string): Promise<z.infer<typeof CampaignBody>> {
    const mailing = await read(storeId, campaignId);
    const stored = readStoredDocument(mailing.body_arch, mailing.body_html);
    const template = !stored && mailing[TEMPLATE_FIELD] ? currentTemplate(mailing) : null;
    return {
      campaign_id: campaignIdOf(mailing),
      odoo_campaign_id: mailing.id,
      kind: stored ? 'document' : mailing[TEMPLATE_FIELD] ? 'sendgrid_template' : 'html',
      document: stored?.document ?? null,
      edited_in_odoo: stored?.editedInOdoo ?? templateEditedInOdoo(mailing),
      body_version: bodyVersion(mailing.body_html),
      html: mailing.body_html,
      favorite: mailing.favorite ?? false,
      ...(template ? { template_value_names: templateValueNames(template.template), template_values: template.values } : {}),
    };
  }

  async function save(input: Parameters<EmailBodies['save']>[0]): Promise<z.infer<typeof SaveBodyResult>> {
    const mailing = await read(input.storeId, input.campaignId);
    if (madeInOdoo(mailing)) throw madeInOdooError(mailing, 'edited');
    // The same email saved again replaces nothing; any other one is checked against Odoo's edits
    // (before any image is uploaded, so a refused save leaves nothing in Odoo).
    if (mailing.body_html !== (await renderEmail(input.document)).html) guardOdooEdits(mailing, input.replace_odoo_edits, input.base_body);
    const document = await uploadLocalImages(odoo, mailing.id, input.document);
    const rendered = await renderEmail(document);
    const bodyArch = bodyArchFor(rendered.html, document);
    const values: Record<string, unknown> = {};
    if (mailing.body_html !== rendered.html) values.body_html = rendered.html;
    if (mailing.body_arch !== bodyArch) values.body_arch = bodyArch;
    // The body no longer comes from a SendGrid template; the field is cleared only when it was set.
    if (mailing[TEMPLATE_FIELD]) values[TEMPLATE_FIELD] = false;
    const changed = await updateDraft(odoo, mailing, values);
    return { campaign_id: campaignIdOf(mailing), changed, missing_values: rendered.missing_values };
  }

  return { get, save };
}
