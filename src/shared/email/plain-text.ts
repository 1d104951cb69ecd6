import type { Block, EmailDocument, Inline, LeafBlock, RichNode } from './document';
import { fillMergeField, MERGE_FIELDS, type Recipient } from './merge-fields';
import { unfilledValueMarker } from './rich-text';

/**
 * What a text-only mail client shows, written from the document rather than scraped from the HTML:
 * links as "label (address)", buttons as "label: address", images by their alt text. Merge fields
 * are filled for the given recipient, or shown as [Name] when there is none.
 */
export function plainText(doc: EmailDocument, recipient?: Recipient): string {
  const values = doc.settings.values;
  const inline = (nodes: readonly Inline[]): string => nodes.map((n) => {
    switch (n.type) {
      case 'text': {
        const link = n.marks?.find((m) => m.type === 'link');
        return link && link.attrs.href !== n.text ? `${n.text} (${link.attrs.href})` : n.text;
      }
      case 'mergeField': return recipient ? fillMergeField(n.attrs.field, n.attrs.fallback, recipient) : `[${MERGE_FIELDS[n.attrs.field].label}]`;
      case 'value': return (values[n.attrs.key] ?? '').trim() || unfilledValueMarker(n.attrs.key);
      case 'hardBreak': return '\n';
    }
  }).join('');
  const rich = (node: RichNode): string => {
    if (node.type === 'paragraph') return inline(node.content);
    return node.content.map((item, i) => `${node.type === 'bulletList' ? '-' : `${i + 1}.`} ${item.content.map((p) => inline(p.content)).join('\n   ')}`).join('\n');
  };
  const leaf = (b: LeafBlock): string | null => {
    switch (b.type) {
      case 'heading': return inline(b.content);
      case 'text': return b.content.map(rich).join('\n\n');
      case 'image': return `[${b.alt}]${b.href ? ` (${b.href})` : ''}`;
      case 'button': return `${b.label}: ${b.href}`;
      case 'divider': return '----------';
      case 'spacer': return null;
    }
  };
  const block = (b: Block): (string | null)[] => (b.type === 'columns' ? b.columns.flatMap((c) => c.blocks.map(leaf)) : [leaf(b)]);
  const footer = [doc.footer.store_name, doc.footer.postal_address, `${doc.footer.unsubscribe_label}: (your personal unsubscribe link)`].join('\n');
  return [...doc.blocks.flatMap(block), '----------', footer].filter((s): s is string => s !== null && s !== '').join('\n\n');
}
