import type { EmailDocumentIn } from './document';

/**
 * The console's starter layouts: a first email to edit, available with no network and no SendGrid.
 * Image blocks are left out on purpose (an image needs the store's own picture and its alt text).
 */
export const STARTER_LAYOUTS = ['newsletter', 'announcement', 'sale', 'letter'] as const;
export type StarterLayout = (typeof STARTER_LAYOUTS)[number];
export const STARTER_LABELS: Record<StarterLayout, string> = { newsletter: 'Newsletter', announcement: 'Announcement', sale: 'Sale', letter: 'Plain letter' };

export interface StoreFooter { store_name: string; postal_address: string }

const p = (text: string) => ({ type: 'paragraph' as const, content: [{ type: 'text' as const, text }] });
const hello = (fallback: string) => ({ type: 'paragraph' as const, content: [{ type: 'text' as const, text: 'Hello ' }, { type: 'mergeField' as const, attrs: { field: 'name' as const, fallback } }, { type: 'text' as const, text: ',' }] });

export function starterLayout(layout: StarterLayout, footer: StoreFooter): EmailDocumentIn {
  const base = { version: 1 as const, footer: { ...footer, unsubscribe_label: 'Unsubscribe' } };
  switch (layout) {
    case 'newsletter':
      return { ...base, settings: { brand_color: '#1c7ed6', font: 'arial', values: {} }, blocks: [
        { id: 'title', type: 'heading', level: 1, content: [{ type: 'text', text: 'This month at the store' }] },
        { id: 'intro', type: 'text', content: [hello('there'), p('Here is what is new this month.')] },
        { id: 'sep', type: 'divider' },
        { id: 'cols', type: 'columns', columns: [
          { blocks: [{ id: 'left-h', type: 'heading', level: 3, content: [{ type: 'text', text: 'New in' }] }, { id: 'left-t', type: 'text', content: [p('A few words about a new product.')] }] },
          { blocks: [{ id: 'right-h', type: 'heading', level: 3, content: [{ type: 'text', text: 'Staff pick' }] }, { id: 'right-t', type: 'text', content: [p('A few words about a favourite.')] }] },
        ] },
        { id: 'cta', type: 'button', label: 'Visit the store', href: 'https://example.com' },
      ] };
    case 'announcement':
      return { ...base, settings: { brand_color: '#7048e8', font: 'helvetica', values: {} }, blocks: [
        { id: 'title', type: 'heading', level: 1, align: 'center', content: [{ type: 'text', text: 'Big news' }] },
        { id: 'body', type: 'text', content: [hello('there'), p('We have something to tell you.')] },
        { id: 'cta', type: 'button', label: 'Read more', href: 'https://example.com' },
      ] };
    case 'sale':
      return { ...base, settings: { brand_color: '#e03131', font: 'verdana', values: { discount_code: '', ends_on: '' } }, blocks: [
        { id: 'title', type: 'heading', level: 1, align: 'center', content: [{ type: 'text', text: 'The sale is on' }] },
        { id: 'body', type: 'text', content: [hello('there'), { type: 'paragraph', content: [
          { type: 'text', text: 'Use the code ' }, { type: 'value', attrs: { key: 'discount_code' } }, { type: 'text', text: ' at checkout until ' }, { type: 'value', attrs: { key: 'ends_on' } }, { type: 'text', text: '.' },
        ] }] },
        { id: 'cta', type: 'button', label: 'Shop the sale', href: 'https://example.com' },
        { id: 'space', type: 'spacer', height: 16 },
      ] };
    case 'letter':
      return { ...base, settings: { brand_color: '#343a40', font: 'georgia', values: {} }, blocks: [
        { id: 'body', type: 'text', content: [hello('there'), p('Write your letter here.'), p('With best wishes,'), p(footer.store_name)] },
      ] };
  }
}
