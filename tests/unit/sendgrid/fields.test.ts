import { describe, expect, it } from 'vitest';
import { mapTemplateFields } from '../../../src/main/core/sendgrid';

describe('mapTemplateFields', () => {
  it('maps {{first_name}} and {{name}} in text to the contact name', () => {
    const result = mapTemplateFields('<p>Hi {{first_name}}, or {{ name }}</p>');
    expect(result.html).toBe('<p>Hi <t t-out="object.name"/>, or <t t-out="object.name"/></p>');
    expect(result.mapped).toEqual([
      { field: 'first_name', odoo: 'object.name' },
      { field: 'name', odoo: 'object.name' },
    ]);
    expect(result.unmapped).toEqual([]);
  });

  it('maps {{email}} to the contact email', () => {
    expect(mapTemplateFields('<p>Sent to {{email}}</p>').html).toBe('<p>Sent to <t t-out="object.email"/></p>');
  });

  it('turns every unsubscribe form into Odoo’s /unsubscribe_from_list placeholder inside an href', () => {
    const html = '<a href="{{{unsubscribe}}}">a</a><a href="{{unsubscribe}}">b</a><a href="<%asm_group_unsubscribe_raw_url%>">c</a>';
    const result = mapTemplateFields(html);
    expect(result.html).toBe('<a href="/unsubscribe_from_list">a</a><a href="/unsubscribe_from_list">b</a><a href="/unsubscribe_from_list">c</a>');
    expect(result.mapped.map((m) => m.field).sort()).toEqual(['asm_group_unsubscribe_raw_url', 'unsubscribe']);
    expect(result.unmapped).toEqual([]);
  });

  it('renders an unsubscribe field used as text as a link, because Odoo only rewrites the placeholder in an href', () => {
    expect(mapTemplateFields('<p>{{{unsubscribe}}}</p>').html).toBe('<p><a href="/unsubscribe_from_list">Unsubscribe</a></p>');
  });

  it('reports fields without an Odoo equivalent and leaves them untouched', () => {
    const result = mapTemplateFields('<p>Code {{discount_code}} ends {{ends_on}} {{#if vip}}VIP{{/if}}</p>');
    expect(result.html).toBe('<p>Code {{discount_code}} ends {{ends_on}} {{#if vip}}VIP{{/if}}</p>');
    expect(result.unmapped).toEqual(['discount_code', 'ends_on', '#if vip']);
    expect(result.mapped).toEqual([]);
  });

  it('uses a QWeb format attribute for a mapped field inside an attribute value', () => {
    expect(mapTemplateFields('<a href="mailto:{{email}}">mail</a>').html).toBe('<a t-attf-href="mailto:{{ object.email }}">mail</a>');
  });

  it('keeps an attribute with an unknown field as it is and reports every field in it', () => {
    const result = mapTemplateFields('<a href="https://shop.example/?code={{discount_code}}&to={{email}}">x</a>');
    expect(result.html).toBe('<a href="https://shop.example/?code={{discount_code}}&to={{email}}">x</a>');
    expect(result.unmapped.sort()).toEqual(['discount_code', 'email']);
  });

  it('carries the default of SendGrid’s insert helper into the QWeb expression, escaped', () => {
    const result = mapTemplateFields(`<p>Hi {{insert first_name "default=Friend's pal"}}</p>`);
    expect(result.html).toBe(`<p>Hi <t t-out="object.name or 'Friend\\'s pal'"/></p>`);
  });

  it('does not read a > inside a quoted attribute as the end of the tag', () => {
    const result = mapTemplateFields('<img alt="a > b" title="{{name}}"><p>{{name}}</p>');
    expect(result.html).toBe('<img alt="a > b" t-attf-title="{{ object.name }}"><p><t t-out="object.name"/></p>');
  });

  it('turns #if / else on a mapped field into QWeb’s t-if / t-else', () => {
    const result = mapTemplateFields('<p>{{#if first_name}}{{first_name}}, our{{else}}Our{{/if}} sale</p>');
    expect(result.html).toBe('<p><t t-if="object.name"><t t-out="object.name"/>, our</t><t t-else="">Our</t> sale</p>');
    expect(result.unmapped).toEqual([]);
  });

  it('turns #unless into a negated t-if, and unwinds nested blocks from the inside', () => {
    const result = mapTemplateFields('{{#unless email}}none{{/unless}}{{#if first_name}}A{{#if company}}B{{/if}}{{/if}}');
    expect(result.html).toBe('<t t-if="not object.email">none</t><t t-if="object.name">A<t t-if="object.company_name">B</t></t>');
  });

  it('leaves a condition on an unknown field as written, reported once', () => {
    const result = mapTemplateFields('<p>{{#if vip}}Hi {{first_name}}{{else}}Hello{{/if}}</p>');
    expect(result.html).toBe('<p>{{#if vip}}Hi <t t-out="object.name"/>{{else}}Hello{{/if}}</p>');
    expect(result.unmapped).toEqual(['#if vip']);
  });

  it('sends SendGrid’s preferences link to Odoo’s unsubscribe page', () => {
    expect(mapTemplateFields('<a href="{{{unsubscribe_preferences}}}">Preferences</a>')).toMatchObject({ html: '<a href="/unsubscribe_from_list">Preferences</a>', unmapped: [] });
  });
});
