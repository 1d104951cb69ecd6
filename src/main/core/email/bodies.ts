import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type { EmailDocument } from '../../../shared/email';
import { renderEmail } from '../../../shared/email/render';
import type { CampaignBody, SaveBodyResult } from '../../../shared/schemas/email';
import { parseRecords, type OdooClient } from '../odoo';
import { updateDraft } from '../marketing/mailing-actions';
import { campaignDomain, campaignIdOf, madeInOdoo, madeInOdooError, MAILING_FIELDS, MailingRecord, storeMailings, TEMPLATE_FIELD, unknownCampaign } from '../marketing/mailings';
import { storeLists } from '../marketing/stores';
import { bodyArchFor, readStoredDocument } from './stored-body';
import { readBody } from '../marketing/body';

const html = z.union([z.string(), z.literal(false)]).transform((v) => v || '');
const WithBody = MailingRecord.extend({ body_html: html, body_arch: html });
type WithBody = z.infer<typeof WithBody>;

export interface EmailBodies {
  get(storeId: string, campaignId: string): Promise<z.infer<typeof CampaignBody>>;
  save(input: { storeId: string; campaignId: string; document: EmailDocument; replace_odoo_edits: boolean }): Promise<z.infer<typeof SaveBodyResult>>;
}

/** Campaign bodies written in the console's editor, kept in the mailing's own body fields (see stored-body.ts). */
export function createEmailBodies({ odoo }: { odoo: OdooClient }): EmailBodies {
  async function read(storeId: string, campaignId: string): Promise<WithBody> {
    const rows = await odoo.searchRead('mailing.mailing', [...campaignDomain(campaignId), ...storeMailings(storeId)], [...MAILING_FIELDS, 'body_html', 'body_arch'], { limit: 1, context: { active_test: false } });
    const [mailing] = parseRecords(WithBody, rows, 'mailing.mailing');
    if (mailing) return mailing;
    await storeLists(odoo, storeId);
    throw unknownCampaign(storeId, campaignId);
  }

  async function get(storeId: string, campaignId: string): Promise<z.infer<typeof CampaignBody>> {
    const mailing = await read(storeId, campaignId);
    const stored = readStoredDocument(mailing.body_arch, mailing.body_html);
    return {
      campaign_id: campaignIdOf(mailing),
      odoo_campaign_id: mailing.id,
      kind: stored ? 'document' : mailing[TEMPLATE_FIELD] ? 'sendgrid_template' : 'html',
      document: stored?.document ?? null,
      edited_in_odoo: stored?.editedInOdoo ?? false,
      html: mailing.body_html,
    };
  }

  async function save(input: Parameters<EmailBodies['save']>[0]): Promise<z.infer<typeof SaveBodyResult>> {
    const mailing = await read(input.storeId, input.campaignId);
    if (madeInOdoo(mailing)) throw madeInOdooError(mailing, 'edited');
    const stored = readStoredDocument(mailing.body_arch, mailing.body_html);
    if (stored?.editedInOdoo && !input.replace_odoo_edits) {
      throw new AppError('conflict', 'This email was changed in Odoo after it was last saved here. Saving would replace the changes made in Odoo: look at Odoo’s version first, then save again to replace it.', {
        edited_in_odoo: true,
        odoo_campaign_id: mailing.id,
      });
    }
    // An email written in Odoo's editor (no document of ours, no SendGrid template behind it) is
    // someone's work too: replaced only when asked, like one edited in Odoo after a save here.
    const writtenInOdoo = !stored && !mailing[TEMPLATE_FIELD] && readBody({ ...mailing, subject: mailing.subject ?? '' }).kind === 'html';
    if (writtenInOdoo && !input.replace_odoo_edits) {
      throw new AppError('conflict', 'This email was written in Odoo. Saving would replace it with the one written here: look at Odoo’s version first, then save again to replace it.', {
        written_in_odoo: true,
        odoo_campaign_id: mailing.id,
      });
    }
    const rendered = await renderEmail(input.document);
    const bodyArch = bodyArchFor(rendered.html, input.document);
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
