import type { EmailDocumentIn } from '../../../src/shared/email';

/** A spring newsletter using every kind of block once, as a store owner might write it. */
export function everyBlockDocument(): EmailDocumentIn {
  return {
    version: 1,
    settings: { brand_color: '#2f9e44', font: 'georgia', values: { discount_code: 'SPRING10' } },
    blocks: [
      { id: 'h1', type: 'heading', level: 1, content: [{ type: 'text', text: 'Hello ' }, { type: 'mergeField', attrs: { field: 'name', fallback: 'there' } }] },
      {
        id: 't1',
        type: 'text',
        content: [
          { type: 'paragraph', content: [{ type: 'text', text: 'Spring is ' }, { type: 'text', text: 'here', marks: [{ type: 'bold' }] }, { type: 'text', text: ' and ' }, { type: 'text', text: 'blooming', marks: [{ type: 'italic' }] }, { type: 'text', text: '. Use ' }, { type: 'value', attrs: { key: 'discount_code' } }, { type: 'text', text: '.' }] },
          { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Tulips' }] }] }, { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Daffodils' }] }] }] },
          { type: 'orderedList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Visit the shop', marks: [{ type: 'link', attrs: { href: 'https://shop.example.com/spring' } }] }] }] }] },
        ],
      },
      { id: 'img1', type: 'image', src: 'https://shop.example.com/tulips.jpg', alt: 'A bunch of red tulips', href: 'https://shop.example.com/tulips', width: 480 },
      { id: 'b1', type: 'button', label: 'Shop the sale', href: 'https://shop.example.com/sale' },
      { id: 'd1', type: 'divider' },
      { id: 's1', type: 'spacer', height: 32 },
      {
        id: 'c1',
        type: 'columns',
        columns: [
          { blocks: [{ id: 'c1l', type: 'text', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Left column' }] }] }] },
          { blocks: [{ id: 'c1r', type: 'image', src: 'https://shop.example.com/bulbs.jpg', alt: 'Bulbs in a basket' }] },
        ],
      },
    ],
    footer: { store_name: 'Store A', postal_address: '1 Garden Lane\nSpringfield 12345', unsubscribe_label: 'Unsubscribe' },
  };
}
