import { describe, expect, it } from 'vitest';
import { renderQwebBody } from '../../../../src/main/sandbox/odoo/qweb-body';

const ada = { id: 1, name: 'Ada <Lovelace>', email: 'ada@example.org', company_name: false };
const nameless = { id: 2, name: false, email: 'x@example.org', company_name: 'Acme' };

describe("the Odoo peer's rendering of body_html for one recipient", () => {
  it('fills object.name the way Odoo’s regex mode does: the value escaped, else the default text', () => {
    const html = '<p>Hello <t t-out="object.name">there</t>, <span t-out="object.name"/>!</p>';
    expect(renderQwebBody(html, ada)).toBe('<p>Hello Ada &lt;Lovelace&gt;, <span>Ada &lt;Lovelace&gt;</span>!</p>');
    expect(renderQwebBody(html, nameless)).toBe('<p>Hello there, <span></span>!</p>');
  });

  it('prints other fields through QWeb: the value, or the default content when it is False', () => {
    const html = '<p><t t-out="object.email">nobody</t> at <t t-out="object.company_name">no company</t></p>';
    expect(renderQwebBody(html, ada)).toBe('<p>ada@example.org at no company</p>');
    expect(renderQwebBody(html, nameless)).toBe('<p>x@example.org at Acme</p>');
  });

  it("treats `or ''` as QWeb does: an empty string is printed, so the default content never shows", () => {
    expect(renderQwebBody(`<p>Hi <t t-out="object.name or ''">customer</t></p>`, nameless)).toBe('<p>Hi </p>');
    expect(renderQwebBody(`<p>Hi <t t-out="object.name or 'friend'"/></p>`, nameless)).toBe('<p>Hi friend</p>');
  });

  it('keeps the first true branch of t-if / t-elif / t-else', () => {
    const html = '<p><t t-if="object.company_name">For your team</t><t t-elif="object.name">For you</t><t t-else="">For everyone</t></p>';
    expect(renderQwebBody(html, nameless)).toBe('<p>For your team</p>');
    expect(renderQwebBody(html, ada)).toBe('<p>For you</p>');
    expect(renderQwebBody(html, { id: 3, name: false, company_name: false })).toBe('<p>For everyone</p>');
  });
});
