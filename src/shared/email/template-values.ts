import { z } from 'zod';

/**
 * A SendGrid template's campaign-wide values (issue 11): Handlebars fields such as `{{ends_on}}` or
 * `{{discount_code}}` that are the same for every recipient, so Odoo has no contact field to fill
 * them with. The person types them once per campaign; the console writes them into the body, where
 * SendGrid would have taken them from dynamic_template_data.
 */

/** Only a plain name is a value to fill: a helper (`#if vip`) or a path is not something to type in. */
export const TEMPLATE_VALUE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const TemplateValueName = z.string().max(100).regex(TEMPLATE_VALUE_NAME, 'must be a template field name like discount_code');
/** A value lands in the HTML as text: braces would read as another template field, so they are refused. */
export const TemplateValue = z.string().max(1000).refine((v) => !/\{\{|\}\}/.test(v), 'may not contain {{ or }}');
export const TemplateValues = z.record(TemplateValueName, TemplateValue);
export type TemplateValues = z.infer<typeof TemplateValues>;

/** The template fields Odoo cannot fill that a person can: plain names, in order of first use. */
export function campaignValueNames(unmapped: readonly string[]): string[] {
  return unmapped.filter((f) => TEMPLATE_VALUE_NAME.test(f));
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const FIELD = /\{\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}\}|\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/**
 * The body with every filled value written in (escaped: it is text, in an element or an attribute);
 * a field still empty stays as written, so the pre-send check still sees it.
 */
export function fillTemplateValues(html: string, values: TemplateValues): string {
  return html.replace(FIELD, (whole, triple: string | undefined, double: string | undefined) => {
    const value = values[(triple ?? double) as string]?.trim();
    return value ? escapeHtml(value) : whole;
  });
}

/** The values worth keeping: the template's own fields, trimmed, empty ones left out. */
export function keptValues(names: readonly string[], values: TemplateValues): TemplateValues {
  const out: TemplateValues = {};
  for (const name of names) {
    const value = values[name]?.trim();
    if (value) out[name] = value;
  }
  return out;
}
