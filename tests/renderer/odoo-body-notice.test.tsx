// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { parseEmailDocument, starterLayout } from '../../src/shared/email';
import { needsOdooNotice, OdooBodyNotice } from '../../src/renderer/src/views/editor/email/OdooBodyNotice';
import { renderWithProviders } from './render';

afterEach(cleanup);

const document = parseEmailDocument(starterLayout('letter', { store_name: 'Store A', postal_address: '1 Market Street' }));
const base = { campaign_id: 'camp_abcdef12', odoo_campaign_id: 12, html: '<p>Edited in Odoo.</p>', favorite: false, body_version: 'v1' };

describe('an email Odoo holds in another version than the one saved here', () => {
  it('is not taken up silently: a document edited in Odoo since, or an email written there, asks first', () => {
    expect(needsOdooNotice({ ...base, kind: 'document', document, edited_in_odoo: true })).toBe(true);
    expect(needsOdooNotice({ ...base, kind: 'html', document: null, edited_in_odoo: false })).toBe(true);
    expect(needsOdooNotice({ ...base, kind: 'document', document, edited_in_odoo: false })).toBe(false);
    expect(needsOdooNotice({ ...base, kind: 'sendgrid_template', document: null, edited_in_odoo: false })).toBe(false);
  });

  it('says Odoo’s version is sent, shows it, and replaces it only when asked', () => {
    const onReplace = vi.fn();
    renderWithProviders(<OdooBodyNotice body={{ ...base, kind: 'document', document, edited_in_odoo: true }} onReplace={onReplace} />);
    expect(screen.getByText('This email was changed in Odoo')).toBeTruthy();
    expect(screen.getByText(/Odoo’s version is the one that will be sent/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Show Odoo’s version' }));
    expect(screen.getByTitle('Odoo’s version of the email').getAttribute('srcdoc')).toBe('<p>Edited in Odoo.</p>');
    expect(onReplace).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: /Edit the version saved here/ }));
    expect(onReplace).toHaveBeenCalledTimes(1);
  });

  it('asks before a SendGrid template’s email changed in Odoo is replaced by the next change made here', () => {
    const template = { ...base, kind: 'sendgrid_template' as const, document: null, edited_in_odoo: true };
    expect(needsOdooNotice(template)).toBe(true);
    const onReplace = vi.fn();
    renderWithProviders(<OdooBodyNotice body={template} onReplace={onReplace} />);
    expect(screen.getByText('This email was changed in Odoo')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Let my next change replace Odoo’s version' }));
    expect(onReplace).toHaveBeenCalledTimes(1);
  });
});
