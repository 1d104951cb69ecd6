import type { Inline, MergeFieldName, RichNode } from './document';
import { MERGE_FIELDS } from './merge-fields';

/**
 * The editor's text fields write rich text as light markup, turned into the document's nodes:
 * **bold**, *italic*, [label](https://…), {name|fallback} for a merge field, {{discount_code}} for
 * a campaign-wide value; a blank line starts a paragraph, "- " a bullet and "1. " a numbered item.
 * Both directions are here so what was saved reads back as it was typed.
 */

const FIELD_NAMES = Object.keys(MERGE_FIELDS) as MergeFieldName[];
const TOKEN = /\*\*([^*]+)\*\*|\*([^*]+)\*|\[([^\]]+)\]\(((?:https?:\/\/|mailto:)[^)\s]+)\)|\{\{([a-z][a-z0-9_]{0,39})\}\}|\{([a-z_]+)(?:\|([^}]*))?\}/g;

export function inlineFromMarkup(text: string): Inline[] {
  const out: Inline[] = [];
  const plain = (t: string) => {
    t.split('\n').forEach((part, i) => {
      if (i > 0) out.push({ type: 'hardBreak' });
      if (part) out.push({ type: 'text', text: part });
    });
  };
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    plain(text.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[1] !== undefined) out.push({ type: 'text', text: m[1], marks: [{ type: 'bold' }] });
    else if (m[2] !== undefined) out.push({ type: 'text', text: m[2], marks: [{ type: 'italic' }] });
    else if (m[3] !== undefined) out.push({ type: 'text', text: m[3], marks: [{ type: 'link', attrs: { href: m[4]! } }] });
    else if (m[5] !== undefined) out.push({ type: 'value', attrs: { key: m[5] } });
    else if (FIELD_NAMES.includes(m[6] as MergeFieldName)) out.push({ type: 'mergeField', attrs: { field: m[6] as MergeFieldName, fallback: m[7] ?? '' } });
    else plain(m[0]);
  }
  plain(text.slice(last));
  return out;
}

export function markupFromInline(nodes: readonly Inline[]): string {
  return nodes.map((n) => {
    switch (n.type) {
      case 'hardBreak': return '\n';
      case 'value': return `{{${n.attrs.key}}}`;
      case 'mergeField': return n.attrs.fallback ? `{${n.attrs.field}|${n.attrs.fallback}}` : `{${n.attrs.field}}`;
      case 'text': {
        let t = n.text;
        for (const mark of n.marks ?? []) {
          if (mark.type === 'bold') t = `**${t}**`;
          else if (mark.type === 'italic') t = `*${t}*`;
          else t = `[${t}](${mark.attrs.href})`;
        }
        return t;
      }
    }
  }).join('');
}

export function richFromMarkup(text: string): RichNode[] {
  const nodes: RichNode[] = [];
  for (const chunk of text.replace(/\r\n/g, '\n').split(/\n{2,}/)) {
    if (!chunk.trim()) continue;
    const lines = chunk.split('\n');
    const bullet = lines.every((l) => /^- /.test(l));
    const ordered = lines.every((l) => /^\d+\. /.test(l));
    if (bullet || ordered) {
      const content = lines.map((l) => ({ type: 'listItem' as const, content: [{ type: 'paragraph' as const, content: inlineFromMarkup(l.replace(/^(- |\d+\. )/, '')) }] }));
      nodes.push({ type: bullet ? 'bulletList' : 'orderedList', content });
    } else nodes.push({ type: 'paragraph', content: inlineFromMarkup(chunk) });
  }
  return nodes;
}

export function markupFromRich(nodes: readonly RichNode[]): string {
  return nodes.map((n) => {
    if (n.type === 'paragraph') return markupFromInline(n.content);
    return n.content.map((item, i) => `${n.type === 'bulletList' ? '-' : `${i + 1}.`} ${item.content.map((p) => markupFromInline(p.content)).join(' ')}`).join('\n');
  }).join('\n\n');
}
