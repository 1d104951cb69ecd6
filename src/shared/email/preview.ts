import { escapeHtml, fillMergeField, MERGE_FIELDS, type Recipient } from './merge-fields';
import type { MergeFieldName } from './document';

const BY_EXPRESSION = new Map(Object.entries(MERGE_FIELDS).map(([field, { expression }]) => [expression, field as MergeFieldName]));
const unescape = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/**
 * The console's own merge fields filled in for one recipient, the way Odoo will (the value, else the
 * default body; see merge-fields.ts): what that subscriber will see, for the preview.
 */
export function previewHtml(html: string, recipient: Recipient): string {
  // Merge fields first, so a t-if body holds no </t> of its own.
  return fillConditionals(fillOuts(html, recipient), recipient);
}

const IF_BLOCK = /<t t-if="(not )?([\w.]+)">((?:(?!<t t-if=)[\s\S])*?)<\/t>(?:<t t-else="">((?:(?!<t t-if=)[\s\S])*?)<\/t>)?/;

/**
 * QWeb's t-if / t-else on the recipient's fields (what a SendGrid {{#if first_name}} becomes), the
 * innermost block first; a condition on anything else is left for Odoo.
 */
function fillConditionals(html: string, recipient: Recipient): string {
  let out = html;
  const kept: string[] = [];
  for (let m = IF_BLOCK.exec(out); m; m = IF_BLOCK.exec(out)) {
    const [whole, not, expression, then, otherwise] = m as unknown as [string, string | undefined, string, string, string | undefined];
    const field = BY_EXPRESSION.get(expression);
    let replacement: string;
    if (field) {
      const value = recipient[field];
      const truthy = typeof value === 'string' && value !== '';
      replacement = truthy !== Boolean(not) ? then : (otherwise ?? '');
    } else {
      kept.push(whole);
      replacement = `\uE000${kept.length - 1}\uE000`;
    }
    out = out.slice(0, m.index) + replacement + out.slice(m.index + whole.length);
  }
  return out.replace(/\uE000(\d+)\uE000/g, (_m, i: string) => kept[Number(i)] ?? '');
}

function fillOuts(html: string, recipient: Recipient): string {
  return html.replace(/<t t-out="([\w.]+)"(?:\/>|>([^<]*)<\/t>)/g, (whole, expression: string, body: string | undefined) => {
    const field = BY_EXPRESSION.get(expression);
    return field ? escapeHtml(fillMergeField(field, unescape(body ?? ''), recipient)) : whole;
  });
}
