import { z } from 'zod';

/**
 * Shapes of SendGrid v3 responses we depend on, after twilio/sendgrid-oai
 * (spec/yaml/tsg_templates_v3.yaml, tsg_stats_v3.yaml, tsg_suppressions_v3.yaml, tsg_scopes_v3.yaml).
 * Objects are loose: SendGrid adds fields over time and we must not break on them.
 */

/** `{ errors: [{ field, message, help }] }` — the one error body every v3 endpoint uses. */
export const SendgridErrorBody = z.looseObject({
  errors: z.array(
    z.looseObject({
      message: z.string(),
      field: z.string().nullable().optional(),
      help: z.unknown().optional(),
      error_id: z.string().optional(),
    }),
  ),
});
export type SendgridErrorBody = z.infer<typeof SendgridErrorBody>;

export const ScopesResponse = z.looseObject({ scopes: z.array(z.string()) });

export const TemplateVersionSummary = z.looseObject({
  id: z.string(),
  template_id: z.string(),
  active: z.union([z.literal(0), z.literal(1)]),
  name: z.string(),
  subject: z.string().optional(),
  updated_at: z.string().optional(),
  generate_plain_content: z.boolean().optional(),
  editor: z.enum(['code', 'design']).optional(),
  thumbnail_url: z.string().optional(),
});
export type TemplateVersionSummary = z.infer<typeof TemplateVersionSummary>;

export const TemplateVersion = TemplateVersionSummary.extend({
  html_content: z.string().default(''),
  plain_content: z.string().default(''),
  subject: z.string().default(''),
  test_data: z.string().optional(),
});
export type TemplateVersion = z.infer<typeof TemplateVersion>;

// The OpenAPI file spells the key "updated_at " (trailing space); the live API answers
// "updated_at". Accept both and expose one name.
const templateBase = {
  id: z.string(),
  name: z.string(),
  generation: z.enum(['legacy', 'dynamic']),
  updated_at: z.string().optional(),
  'updated_at ': z.string().optional(),
};

export const DynamicTemplateSummary = z
  .looseObject({ ...templateBase, versions: z.array(TemplateVersionSummary).default([]) })
  .transform((t) => ({ id: t.id, name: t.name, generation: t.generation, updated_at: t.updated_at ?? t['updated_at '] ?? '', versions: t.versions }));
export type DynamicTemplateSummary = z.infer<typeof DynamicTemplateSummary>;

export const DynamicTemplate = z
  .looseObject({ ...templateBase, versions: z.array(TemplateVersion).default([]) })
  .transform((t) => ({ id: t.id, name: t.name, generation: t.generation, updated_at: t.updated_at ?? t['updated_at '] ?? '', versions: t.versions }));
export type DynamicTemplate = z.infer<typeof DynamicTemplate>;

export const TemplatesPage = z.looseObject({
  result: z.array(DynamicTemplateSummary),
  _metadata: z
    .looseObject({
      prev: z.string().optional(),
      self: z.string().optional(),
      next: z.string().optional(),
      count: z.number().int().nonnegative().optional(),
    })
    .optional(),
});

/** Metrics of one stats row; every counter SendGrid documents, all optional so a new one never breaks us. */
export const StatsMetrics = z.looseObject({
  blocks: z.number().default(0),
  bounce_drops: z.number().default(0),
  bounces: z.number().default(0),
  clicks: z.number().default(0),
  deferred: z.number().default(0),
  delivered: z.number().default(0),
  invalid_emails: z.number().default(0),
  opens: z.number().default(0),
  processed: z.number().default(0),
  requests: z.number().default(0),
  spam_report_drops: z.number().default(0),
  spam_reports: z.number().default(0),
  unique_clicks: z.number().default(0),
  unique_opens: z.number().default(0),
  unsubscribe_drops: z.number().default(0),
  unsubscribes: z.number().default(0),
});
export type StatsMetrics = z.infer<typeof StatsMetrics>;

export const StatsRow = z.looseObject({
  date: z.string(),
  stats: z.array(
    z.looseObject({
      type: z.string().optional(),
      name: z.string().optional(),
      metrics: StatsMetrics,
    }),
  ),
});
export type StatsRow = z.infer<typeof StatsRow>;
export const StatsResponse = z.array(StatsRow);

export const SuppressionKind = z.enum(['bounces', 'blocks', 'spam_reports', 'invalid_emails', 'unsubscribes']);
export type SuppressionKind = z.infer<typeof SuppressionKind>;

/** Union of the five list shapes: bounces/blocks carry reason+status, spam reports ip, invalid emails reason. */
export const Suppression = z.looseObject({
  created: z.number(),
  email: z.string(),
  reason: z.string().optional(),
  status: z.string().optional(),
  ip: z.string().optional(),
});
export type Suppression = z.infer<typeof Suppression>;
export const SuppressionPage = z.array(Suppression);

export const StatsQuery = z.object({
  start_date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use the YYYY-MM-DD format.'),
  end_date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use the YYYY-MM-DD format.')
    .optional(),
  aggregated_by: z.enum(['day', 'week', 'month']).optional(),
});
export type StatsQuery = z.infer<typeof StatsQuery>;
