import { describe, expect, it } from 'vitest';
import { previewHtml } from '../../../src/shared/email';

describe('the preview of an email for one subscriber', () => {
  const seasonal = '<p><t t-if="object.name"><t t-out="object.name"/>, our</t><t t-else="">Our</t> sale</p>';

  it('takes the t-if branch when the subscriber has a name, as Odoo’s QWeb does', () => {
    expect(previewHtml(seasonal, { name: 'Ada' })).toBe('<p>Ada, our sale</p>');
  });

  it('takes the t-else branch when the subscriber has none', () => {
    expect(previewHtml(seasonal, { name: null })).toBe('<p>Our sale</p>');
  });

  it('negates a t-if written from #unless, and unwinds nested blocks', () => {
    const html = '<t t-if="not object.email">no address</t><t t-if="object.name">A<t t-if="object.company_name">B</t></t>';
    expect(previewHtml(html, { name: 'Ada', email: 'ada@example.org', company_name: '' })).toBe('A');
  });

  it('leaves a condition it cannot evaluate for Odoo', () => {
    expect(previewHtml('<t t-if="object.vip">VIP</t>', { name: 'Ada' })).toBe('<t t-if="object.vip">VIP</t>');
  });
});
