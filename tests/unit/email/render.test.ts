import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseEmailDocument, plainText, type EmailDocumentIn, type LeafBlock } from '../../../src/shared/email';
import { renderEmail, UNSUBSCRIBE_HREF } from '../../../src/shared/email/render';
import { everyBlockDocument } from './sample-document';

const render = (doc: EmailDocumentIn) => renderEmail(parseEmailDocument(doc));
const tags = (html: string, name: string) => [...html.matchAll(new RegExp(`<${name}\\b[^>]*>`, 'gi'))].map((m) => m[0]);

describe('the email renderer', () => {
  it('renders every kind of block', async () => {
    const { html } = await render(everyBlockDocument());
    expect(html).toMatch(/<h1 style="[^"]*color:#2f9e44;[^"]*">Hello <t t-out="object.name">there<\/t><\/h1>/);
    expect(html).toContain('<strong>here</strong>');
    expect(html).toContain('<em>blooming</em>');
    expect(html).toMatch(/<ul[^>]*><li[^>]*>Tulips<\/li><li[^>]*>Daffodils<\/li><\/ul>/);
    expect(html).toMatch(/<ol[^>]*><li[^>]*><a href="https:\/\/shop.example.com\/spring"[^>]*>Visit the shop<\/a><\/li><\/ol>/);
    expect(html).toMatch(/<a href="https:\/\/shop.example.com\/tulips"[^>]*><img[^>]*alt="A bunch of red tulips"[^>]*src="https:\/\/shop.example.com\/tulips.jpg"[^>]*width="480"/);
    expect(html).toMatch(/<a href="https:\/\/shop.example.com\/sale"[^>]*background:#2f9e44;[^>]*>\s*Shop the sale\s*<\/a>/);
    expect(html).toMatch(/border-top:solid 1px #dddddd/);
    expect(html).toMatch(/height:32px/);
    // Two columns side by side on a desktop, stacked on a phone (MJML's responsive column classes).
    expect(html).toContain('mj-column-per-50');
    expect(html).toContain('Left column');
    expect(html).toMatch(/<img[^>]*alt="Bulbs in a basket"/);
    expect(html).toContain('<strong>Store A</strong>');
    expect(html).toContain('1 Garden Lane<br/>Springfield 12345');
  });

  it('lays the email out in tables about 600 px wide, in the brand font, as a fragment Odoo keeps whole', async () => {
    const { html } = await render(everyBlockDocument());
    expect(html.startsWith('<div data-markket-email="1"')).toBe(true);
    expect(html).not.toMatch(/<html|<head|<body|<!doctype/i);
    expect(tags(html, 'table').length).toBeGreaterThan(5);
    expect(html).toContain('max-width:600px');
    expect(html).toContain('font-family:Georgia, Times, serif');
  });

  it('always ends with the store’s footer and an unsubscribe link to Odoo’s placeholder', async () => {
    const leafBlock = fc.oneof(
      fc.record({ type: fc.constant('divider' as const) }),
      fc.record({ type: fc.constant('spacer' as const), height: fc.integer({ min: 4, max: 160 }) }),
      fc.record({ type: fc.constant('button' as const), label: fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== ''), href: fc.constant('https://shop.example.com') }),
    );
    await fc.assert(fc.asyncProperty(fc.array(leafBlock, { maxLength: 8 }), async (blocks) => {
      const doc = { ...everyBlockDocument(), blocks: blocks.map((b, i) => ({ ...b, id: `b${i}` }) as LeafBlock) };
      const { html, text } = await render(doc);
      expect(html).toContain(`<a href="${UNSUBSCRIBE_HREF}"`);
      expect(text).toContain('Unsubscribe');
    }), { seed: 11, numRuns: 25 });
  });

  it('refuses a document without a footer or with an empty unsubscribe label', () => {
    const { footer: _dropped, ...withoutFooter } = everyBlockDocument();
    expect(() => parseEmailDocument(withoutFooter)).toThrow(/footer/i);
    expect(() => parseEmailDocument({ ...everyBlockDocument(), footer: { store_name: 'Store A', postal_address: '1 Garden Lane', unsubscribe_label: ' ' } })).toThrow(/The footer: unsubscribe_label — needs a label/);
  });

  it('writes every style inline; the only <style> rules are the responsive ones and client resets', async () => {
    const { html } = await render(everyBlockDocument());
    for (const name of ['p', 'h1', 'ul', 'ol', 'li', 'img', 'td']) {
      for (const tag of tags(html, name)) expect(tag, `${name} without inline style`).toMatch(/style="[^"]+"/);
    }
    // Every link with words has its colour inline (a link around an image has no text to colour).
    for (const [tag] of html.matchAll(/<a\b[^>]*>(?!<img)/g)) expect(tag).toMatch(/style="[^"]+"/);
    const styleBlocks = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1] ?? '');
    const selectors = styleBlocks.join('').replace(/@media[^{]*\{((?:[^{}]*\{[^}]*\})*)\s*\}/g, '').match(/[^{}]+(?=\{)/g) ?? [];
    for (const selector of selectors) expect(selector.trim()).toMatch(/^(#outlook a|body|table, td|img|p|\.moz-text-html .*|\.mj-.*)$/);
    // Classes only hook the responsive rules, never the look of the content.
    for (const [, names] of html.matchAll(/class="([^"]*)"/g)) expect(names).toMatch(/^(\s*mj-[\w-]+\s*)*$/);
  });

  it('writes merge fields in Odoo’s QWeb syntax, with the fallback as the default body', async () => {
    const doc = everyBlockDocument();
    doc.blocks = [{ id: 'h', type: 'heading', content: [
      { type: 'mergeField', attrs: { field: 'name', fallback: '' } },
      { type: 'mergeField', attrs: { field: 'email', fallback: 'you' } },
      { type: 'mergeField', attrs: { field: 'company_name', fallback: '<your team> & co' } },
    ] }];
    const { html } = await render(doc);
    expect(html).toContain('<t t-out="object.name"/>');
    expect(html).toContain('<t t-out="object.email">you</t>');
    expect(html).toContain('<t t-out="object.company_name">&lt;your team&gt; &amp; co</t>');
  });

  it('round-trips a document through JSON unchanged, and renders it the same way again', async () => {
    const doc = parseEmailDocument(everyBlockDocument());
    const again = parseEmailDocument(JSON.parse(JSON.stringify(doc)));
    expect(again).toEqual(doc);
    expect((await renderEmail(again)).html).toBe((await renderEmail(doc)).html);
  });

  it('names the block of a malformed document', () => {
    const doc = everyBlockDocument();
    doc.blocks[2] = { id: 'img1', type: 'image', src: 'https://shop.example.com/a.jpg', alt: '' };
    expect(() => parseEmailDocument(doc)).toThrow('Block 3 (image): alt — needs alt text (what the image shows).');
    try {
      parseEmailDocument({ ...everyBlockDocument(), blocks: [{ id: 'x', type: 'button', label: 'Go', href: 'javascript:alert(1)' }] });
    } catch (error) {
      expect(error).toMatchObject({ code: 'input.invalid', details: { fields: [{ field: 'document.blocks.0.href', block: { index: 0, id: 'x', type: 'button' } }] } });
    }
  });

  it('gives a text-only client the words, link addresses and image descriptions', async () => {
    const { text, missing_values } = await render(everyBlockDocument());
    expect(text).toContain('Hello [Name]');
    expect(text).toContain('Spring is here and blooming. Use SPRING10.');
    expect(text).toContain('- Tulips\n- Daffodils');
    expect(text).toContain('1. Visit the shop (https://shop.example.com/spring)');
    expect(text).toContain('[A bunch of red tulips] (https://shop.example.com/tulips)');
    expect(text).toContain('Shop the sale: https://shop.example.com/sale');
    expect(missing_values).toEqual([]);
    expect(plainText(parseEmailDocument(everyBlockDocument()), { name: 'Ada' })).toContain('Hello Ada');
  });

  it('reports a campaign-wide value left empty and leaves a visible marker in its place', async () => {
    const doc = everyBlockDocument();
    doc.settings = { ...doc.settings, values: { discount_code: '' } };
    const { html, missing_values } = await render(doc);
    expect(missing_values).toEqual(['discount_code']);
    expect(html).toContain('Use {{discount_code}}.');
  });
});
