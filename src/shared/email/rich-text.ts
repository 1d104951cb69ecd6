import type { Inline, RichNode } from './document';
import { escapeHtml, qwebMergeField } from './merge-fields';

/** What rich text needs to know to come out as email HTML with its styles written on each tag. */
export interface TextStyle {
  font: string;
  brandColor: string;
  textColor: string;
  /** Campaign-wide values (value nodes); a missing one is left as a visible marker and reported. */
  values: Record<string, string>;
}

/** A value no one filled in: visible in the preview and found by the pre-send check. */
export const unfilledValueMarker = (key: string): string => `{{${key}}}`;

export function inlineHtml(nodes: readonly Inline[], style: TextStyle): string {
  return nodes.map((node) => {
    switch (node.type) {
      case 'text': return markText(escapeHtml(node.text), node.marks ?? [], style);
      case 'mergeField': return qwebMergeField(node.attrs.field, node.attrs.fallback);
      case 'value': {
        const value = style.values[node.attrs.key];
        return escapeHtml(value !== undefined && value.trim() !== '' ? value : unfilledValueMarker(node.attrs.key));
      }
      case 'hardBreak': return '<br/>';
    }
  }).join('');
}

function markText(html: string, marks: NonNullable<Extract<Inline, { type: 'text' }>['marks']>, style: TextStyle): string {
  let out = html;
  // Links outermost, so a bold word inside a link keeps the link's colour.
  for (const mark of [...marks].sort((a, b) => (a.type === 'link' ? 1 : 0) - (b.type === 'link' ? 1 : 0))) {
    if (mark.type === 'bold') out = `<strong>${out}</strong>`;
    else if (mark.type === 'italic') out = `<em>${out}</em>`;
    else out = `<a href="${escapeHtml(mark.attrs.href)}" style="color:${style.brandColor};text-decoration:underline;">${out}</a>`;
  }
  return out;
}

const P = 'margin:0 0 12px 0;';

/** Paragraphs and lists, every tag with its style inline (mail clients drop or ignore <style> blocks). */
export function richHtml(nodes: readonly RichNode[], style: TextStyle): string {
  return nodes.map((node) => {
    if (node.type === 'paragraph') return `<p style="${P}">${inlineHtml(node.content, style) || '&nbsp;'}</p>`;
    const tag = node.type === 'bulletList' ? 'ul' : 'ol';
    const items = node.content.map((item) => `<li style="margin:0 0 4px 0;">${item.content.map((p) => inlineHtml(p.content, style)).join('<br/>')}</li>`).join('');
    return `<${tag} style="margin:0 0 12px 0;padding:0 0 0 24px;">${items}</${tag}>`;
  }).join('');
}
