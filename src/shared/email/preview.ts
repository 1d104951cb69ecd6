import { escapeHtml, fillMergeField, MERGE_FIELDS, type Recipient } from './merge-fields';
import type { MergeFieldName } from './document';

const BY_EXPRESSION = new Map(Object.entries(MERGE_FIELDS).map(([field, { expression }]) => [expression, field as MergeFieldName]));
const unescape = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/**
 * The console's own merge fields filled in for one recipient, the way Odoo will (the value, else the
 * default body; see merge-fields.ts): what that subscriber will see, for the preview.
 */
export function previewHtml(html: string, recipient: Recipient): string {
  return html.replace(/<t t-out="([\w.]+)"(?:\/>|>([^<]*)<\/t>)/g, (whole, expression: string, body: string | undefined) => {
    const field = BY_EXPRESSION.get(expression);
    return field ? escapeHtml(fillMergeField(field, unescape(body ?? ''), recipient)) : whole;
  });
}
