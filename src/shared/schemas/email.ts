import { z } from 'zod';
import { EmailDocument, MergeFieldName } from '../email/document';
import { EmailDocumentInput } from '../email/validate';
import { TemplateValues } from '../email/template-values';
import { CampaignId, PositiveId, StoreId } from './common';

const CampaignRefFields = { storeId: StoreId, campaignId: CampaignId };

/** A recipient to fill merge fields for in a preview (a subscriber of the list, or typed values). */
export const PreviewRecipient = z.strictObject(Object.fromEntries(MergeFieldName.options.map((f) => [f, z.string().max(500).nullable().optional()])) as Record<MergeFieldName, z.ZodOptional<z.ZodNullable<z.ZodString>>>);

export const RenderEmailInput = z.strictObject({ document: EmailDocumentInput, recipient: PreviewRecipient.optional() });
export const RenderedEmail = z.object({
  /** The fragment stored in body_html, merge fields in Odoo's syntax. */
  html: z.string(),
  /** With a recipient: the HTML with their merge fields filled in, as they will get it. */
  preview_html: z.string().optional(),
  /** Merge fields filled for the recipient when one is given. */
  text: z.string(),
  missing_values: z.array(z.string()),
});

/**
 * What a campaign's body is: the console's email document, a SendGrid template's rendering, or
 * other HTML (written in Odoo, or by an API). edited_in_odoo: the document is there but Odoo's
 * editor changed the email since it was saved here.
 */
export const BodyKind = z.enum(['document', 'sendgrid_template', 'html']);
export const CampaignBody = z.object({
  campaign_id: CampaignId,
  odoo_campaign_id: PositiveId,
  kind: BodyKind,
  document: EmailDocument.nullable(),
  edited_in_odoo: z.boolean(),
  html: z.string(),
  /** A fingerprint of body_html as read: saves naming it (base_body) are refused if Odoo changed the email since. */
  body_version: z.string(),
  /** Odoo's favourite star: offered as a template in Odoo and here. */
  favorite: z.boolean(),
  /**
   * A SendGrid template's campaign-wide fields (`discount_code`, `ends_on`), each required before
   * sending, and the values kept for them (marketing.campaigns.update's template_values).
   */
  template_value_names: z.array(z.string()).optional(),
  template_values: TemplateValues.optional(),
});

export const SaveBodyInput = z.strictObject({
  ...CampaignRefFields,
  document: EmailDocumentInput,
  /** Needed to save over an email that was changed in Odoo since it was saved here. */
  replace_odoo_edits: z.boolean().default(false),
  /** The body_version the editor opened: a save is refused if Odoo's email changed since. */
  base_body: z.string().min(1).max(64).optional(),
});
export const SaveBodyResult = z.object({
  campaign_id: CampaignId,
  changed: z.boolean(),
  /** Campaign-wide values the body uses that are still empty: the pre-send check refuses to send. */
  missing_values: z.array(z.string()),
});

/** One address to send a test to; a plain address (no "Name <…>"), as Odoo's test wizard takes one a line. */
const TestAddress = z.string().trim().max(254).regex(/^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/, 'must be an email address like you@example.com');
export const TestSendInput = z.strictObject({
  ...CampaignRefFields,
  emails: z.array(TestAddress).min(1, 'needs at least one address').max(10, 'at most 10 addresses per test'),
  /** A subscriber of the list whose merge fields fill the test (SendGrid delivery); Odoo's wizard picks its first record itself. */
  contact_id: PositiveId.optional(),
  /**
   * Names the test, so "Try again" after a failure is safe: an address an earlier try with the same
   * id sent (or may have sent, when its answer was lost) is not mailed again.
   */
  client_request_id: z.string().min(8).max(128).optional(),
});
export const TestSendResult = z.object({
  campaign_id: CampaignId,
  /** Odoo's own test wizard (the Odoo's mail server) or SendGrid's mail send. */
  via: z.enum(['odoo', 'sendgrid']),
  sent_to: z.array(z.string()),
  /** On a repeat of the same request: the addresses an earlier try already mailed, left out this time. */
  already_sent: z.array(z.string()).optional(),
  /** Of those, the ones whose earlier try lost its answer: the test may or may not have reached them. */
  maybe_sent: z.array(z.string()).optional(),
});

/** Odoo's favourite mailings of the store, offered as templates (Odoo's own "favourite" templates). */
export const FavoriteTemplate = z.object({
  odoo_id: PositiveId,
  subject: z.string(),
  /** 'document': written in the console, opened in the editor; 'html': written in Odoo, used as it is. */
  kind: z.enum(['document', 'html']),
  document: EmailDocument.nullable(),
  html: z.string(),
});
export const FavoriteTemplates = z.object({ favorites: z.array(FavoriteTemplate) });

export const UseFavoriteInput = z.strictObject({
  ...CampaignRefFields,
  favorite_id: PositiveId,
  /** Needed to replace an email that was changed or written in Odoo. */
  replace_odoo_edits: z.boolean().default(false),
});
export const UseFavoriteResult = z.object({ campaign_id: CampaignId, changed: z.boolean(), document: EmailDocument.nullable() });

export const SetFavoriteInput = z.strictObject({ ...CampaignRefFields, favorite: z.boolean() });
export const SetFavoriteResult = z.object({ campaign_id: CampaignId, favorite: z.boolean(), changed: z.boolean() });
