import type { Block, BlockType, LeafBlock } from '../../../../../shared/email';

export const BLOCK_LABELS: Record<BlockType, string> = {
  heading: 'Heading', text: 'Text', image: 'Image', button: 'Button', divider: 'Divider', spacer: 'Spacer', columns: 'Two columns',
};

let counter = 0;
/** Unique within a document; the time part keeps ids apart across editing sessions. */
export const newBlockId = (): string => `b${Date.now().toString(36)}${(counter++).toString(36)}`;

export function newLeaf(type: LeafBlock['type']): LeafBlock {
  const id = newBlockId();
  switch (type) {
    case 'heading': return { id, type, level: 2, align: 'left', content: [{ type: 'text', text: 'A heading' }] };
    case 'text': return { id, type, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Some text.' }] }] };
    case 'image': return { id, type, src: '', alt: '', align: 'center' };
    case 'button': return { id, type, label: 'Shop now', href: 'https://', align: 'center' };
    case 'divider': return { id, type };
    case 'spacer': return { id, type, height: 24 };
  }
}

export function newBlock(type: BlockType): Block {
  if (type !== 'columns') return newLeaf(type);
  return { id: newBlockId(), type, columns: [{ blocks: [newLeaf('text')] }, { blocks: [newLeaf('text')] }] };
}

export function move<T>(items: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= items.length) return [...items];
  const next = [...items];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item as T);
  return next;
}
