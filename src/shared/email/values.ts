import type { Block, EmailDocument, Inline, LeafBlock } from './document';

function leafInlines(block: LeafBlock): Inline[] {
  if (block.type === 'heading') return block.content;
  if (block.type === 'text') return block.content.flatMap((n) => (n.type === 'paragraph' ? n.content : n.content.flatMap((item) => item.content.flatMap((p) => p.content))));
  return [];
}

const blockInlines = (block: Block): Inline[] => (block.type === 'columns' ? block.columns.flatMap((c) => c.blocks.flatMap(leafInlines)) : leafInlines(block));

/** Every inline node of the document, in reading order. */
export function documentInlines(doc: EmailDocument): Inline[] {
  return doc.blocks.flatMap(blockInlines);
}

/** Campaign-wide values the body refers to, in order of first use. */
export function usedValues(doc: EmailDocument): string[] {
  return [...new Set(documentInlines(doc).flatMap((n) => (n.type === 'value' ? [n.attrs.key] : [])))];
}

/** Values used but still empty: the email would go out with the marker in it. */
export function missingValues(doc: EmailDocument): string[] {
  return usedValues(doc).filter((key) => !(doc.settings.values[key] ?? '').trim());
}
