import { z } from 'zod';
import { campaignValueNames, fillTemplateValues, keptValues, TemplateValues } from '../../../shared/email/template-values';
import { parseRecords, type OdooClient } from '../odoo';
import { leftoverFields } from './mailing-actions';

/**
 * Where a SendGrid template's campaign-wide values are kept in Odoo: like the editor's document
 * (email/stored-body.ts), on body_arch, so an Odoo set up before this feature needs no new field.
 * body_arch holds the template's rendering as written (its fields unfilled) behind a comment that
 * carries the values; body_html holds it filled, which is what Odoo sends, tests and previews.
 * Odoo's own editor dropping the comment reads as an edit made in Odoo (templateEditedInOdoo).
 */
const MARKER = /^<!--markket-values:([A-Za-z0-9+/=]*)-->/;

export interface TemplateBody {
  /** The rendering with its campaign-wide fields unfilled. */
  template: string;
  values: TemplateValues;
}

/** The template rendering and its values kept on body_arch; null when none were kept there. */
export function readTemplateArch(bodyArch: string): TemplateBody | null {
  const m = MARKER.exec(bodyArch);
  if (!m) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(m[1] ?? '', 'base64').toString('utf8'));
  } catch {
    return null;
  }
  const values = TemplateValues.safeParse(json);
  return values.success ? { template: bodyArch.slice(m[0].length), values: values.data } : null;
}

/** The campaign-wide fields a template rendering asks for (Odoo has nothing to fill them with). */
export const templateValueNames = (template: string): string[] => campaignValueNames(leftoverFields(template));

/** body_html and body_arch for a template rendering with these values (only its own fields kept). */
export function templateBodies(template: string, values: TemplateValues): { body_html: string; body_arch: string; values: TemplateValues } {
  const kept = keptValues(templateValueNames(template), values);
  const encoded = Buffer.from(JSON.stringify(kept), 'utf8').toString('base64');
  return {
    body_html: fillTemplateValues(template, kept),
    // Without values, body_arch stays the rendering itself, as the console always wrote it.
    body_arch: Object.keys(kept).length > 0 ? `<!--markket-values:${encoded}-->${template}` : template,
    values: kept,
  };
}

/** The template a mailing's body came from: its kept rendering, or (no values kept yet) body_arch itself. */
export function currentTemplate(m: { body_arch: string; body_html: string }): TemplateBody {
  return readTemplateArch(m.body_arch) ?? { template: m.body_arch.trim() ? m.body_arch : m.body_html, values: {} };
}

const html = z.union([z.string(), z.literal(false)]).transform((v) => v || '');
const Bodies = z.object({ body_arch: html, body_html: html });

/**
 * The values a template campaign keeps and the names it asks for (campaigns.get), in one read of
 * its body fields. Only while the campaign can still change: the stats view polls a sending one.
 */
export async function readTemplateValues(odoo: OdooClient, mailingId: number): Promise<{ template_value_names: string[]; template_values: TemplateValues }> {
  const [bodies] = parseRecords(Bodies, await odoo.read('mailing.mailing', [mailingId], ['body_arch', 'body_html']), 'mailing.mailing');
  const template = currentTemplate(bodies ?? { body_arch: '', body_html: '' });
  return { template_value_names: templateValueNames(template.template), template_values: template.values };
}
