import { describe, expect, it } from 'vitest';
import { assertOpaqueTracking, queryString, rateLimitWait, toMailSendBody } from '../../../src/main/core/sendgrid';

describe('SendGrid mail body and request helpers', () => {
  it('builds SendGrid’s mail/send body with text/plain before text/html', () => {
    const body = toMailSendBody({
      to: [{ email: 'ana@example.com', name: 'Ana' }],
      from: { email: 'shop@example.com' },
      subject: 'Spring',
      html: '<p>Hi</p>',
      text: 'Hi',
      headers: { 'Message-ID': '<1@odoo>' },
      categories: ['camp_1'],
      customArgs: { campaign_id: 'camp_1' },
      sandbox: true,
    });
    expect(body).toEqual({
      personalizations: [{ to: [{ email: 'ana@example.com', name: 'Ana' }] }],
      from: { email: 'shop@example.com' },
      subject: 'Spring',
      content: [
        { type: 'text/plain', value: 'Hi' },
        { type: 'text/html', value: '<p>Hi</p>' },
      ],
      headers: { 'Message-ID': '<1@odoo>' },
      categories: ['camp_1'],
      custom_args: { campaign_id: 'camp_1' },
      mail_settings: { sandbox_mode: { enable: true } },
    });
  });

  it('refuses an email address in categories', () => {
    expect(() => assertOpaqueTracking({ categories: ['ana@example.com'] })).toThrow(/opaque ids/);
  });

  it('refuses a person’s name in custom_args', () => {
    expect(() => assertOpaqueTracking({ customArgs: { recipient: 'Ana Lopez' } })).toThrow(/opaque ids/);
  });

  it('accepts camp_ ids and numeric ids as tracking values', () => {
    expect(() => assertOpaqueTracking({ categories: ['camp_8f2k'], customArgs: { campaign_id: 'camp_8f2k', odoo_trace_id: '42' } })).not.toThrow();
  });

  it('repeats a query key for each list item, as SendGrid expects for categories', () => {
    expect(queryString({ categories: ['a', 'b'], start_date: '2025-01-01', end_date: undefined })).toBe('categories=a&categories=b&start_date=2025-01-01');
  });

  it('waits until X-RateLimit-Reset and never a negative time', () => {
    expect(rateLimitWait('1743508803', 1_743_508_800_000)).toBe(3000);
    expect(rateLimitWait('1743508700', 1_743_508_800_000)).toBe(0);
    expect(rateLimitWait(undefined, 0)).toBeNull();
  });
});
