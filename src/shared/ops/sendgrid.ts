import { z } from 'zod';
import { op } from '../rpc';
import { StoreId } from '../schemas/common';
import { Freshness } from '../schemas/marketing';

const FieldMap = z.object({ field: z.string(), odoo: z.string() });

export const TemplateSummary = z.object({
  id: z.string(),
  name: z.string(),
  updated_at: z.string(),
  active_version: z.object({ id: z.string(), name: z.string(), subject: z.string(), thumbnail_url: z.string().nullable() }).nullable(),
});

export const TemplateDetail = z.object({
  id: z.string(),
  name: z.string(),
  version_id: z.string(),
  subject: z.string(),
  /** The active version's HTML as SendGrid holds it (for the preview). */
  html: z.string(),
  /** The body Odoo would get, its fields mapped to QWeb. */
  odoo_html: z.string(),
  thumbnail_url: z.string().nullable(),
  mapped: z.array(FieldMap),
  /** Handlebars fields with no Odoo equivalent: shown before the campaign is sent. */
  unmapped: z.array(z.string()),
});

/** SendGrid for the campaign editor, and saved event files for users whose webhook events are relayed. */
export const sendgridOps = {
  'sendgrid.templates.list': op({ summary: "The profile's SendGrid dynamic templates with their active version.", input: z.strictObject({}), output: z.object({ templates: z.array(TemplateSummary), ...Freshness }) }),
  'sendgrid.templates.get': op({ summary: "A template's active version: HTML, thumbnail and how its fields map to Odoo.", input: z.strictObject({ templateId: z.string().trim().min(1).max(100) }), output: TemplateDetail }),
  'events.import': op({
    summary: 'Applies a saved SendGrid event file (JSON array or NDJSON) through the store’s stats extensions.',
    input: z.strictObject({ storeId: StoreId, text: z.string().max(50 * 1024 * 1024) }),
    output: z.object({ events: z.number().int(), runs: z.array(z.object({ extensionId: z.string(), success: z.boolean(), summary: z.string().optional(), meta: z.record(z.string(), z.unknown()), error: z.object({ code: z.string(), message: z.string() }).optional() })) }),
  }),
};
