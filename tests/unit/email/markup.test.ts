import { describe, expect, it } from 'vitest';
import { markupFromRich, richFromMarkup } from '../../../src/shared/email';

describe('the editor’s text markup', () => {
  it('turns bold, italic, links, merge fields, values and lists into document nodes', () => {
    expect(richFromMarkup('Hello {name|there}, **big** *news*: [shop](https://shop.example.com) with {{discount_code}}\n\n- one\n- two')).toEqual([
      { type: 'paragraph', content: [
        { type: 'text', text: 'Hello ' }, { type: 'mergeField', attrs: { field: 'name', fallback: 'there' } }, { type: 'text', text: ', ' },
        { type: 'text', text: 'big', marks: [{ type: 'bold' }] }, { type: 'text', text: ' ' }, { type: 'text', text: 'news', marks: [{ type: 'italic' }] },
        { type: 'text', text: ': ' }, { type: 'text', text: 'shop', marks: [{ type: 'link', attrs: { href: 'https://shop.example.com' } }] },
        { type: 'text', text: ' with ' }, { type: 'value', attrs: { key: 'discount_code' } },
      ] },
      { type: 'bulletList', content: [
        { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one' }] }] },
        { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'two' }] }] },
      ] },
    ]);
  });

  it('reads back what was typed', () => {
    const typed = 'Dear {name}, line one\nline two with [a link](https://x.example.com)\n\n1. first\n2. second\n\nUse {{code}} and {unknown} braces.';
    expect(markupFromRich(richFromMarkup(typed))).toBe(typed);
  });
});
