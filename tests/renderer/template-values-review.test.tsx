// @vitest-environment happy-dom
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { demoTemplates } from '../../src/main/sandbox/sendgrid/demo-templates';
import { mapTemplateFields } from '../../src/main/core/sendgrid/fields';
import { TemplateDetail } from '../../src/shared/ops/sendgrid';
import { PrecheckResult } from '../../src/shared/schemas/marketing-views';
import { renderWithProviders } from './render';

/**
 * Issue 11: an empty campaign-wide value of a SendGrid template is named where the person looks —
 * the preview's field table and the review's refusal — and both lead to the value's field.
 */
const sale = demoTemplates().find((t) => t.name === 'Seasonal sale')!;
const active = sale.versions.find((v) => v.active === 1)!;

// The fake sits where the transports plug in: api.call answers by operation name, as the host would.
vi.mock('../../src/renderer/src/api', () => ({
  api: {
    call: async (name: string) => {
      if (name === 'sendgrid.templates.get') {
        const mapping = mapTemplateFields(active.html_content);
        return TemplateDetail.parse({ id: sale.id, name: sale.name, version_id: active.id, subject: active.subject, html: active.html_content, odoo_html: mapping.html, thumbnail_url: null, mapped: mapping.mapped, unmapped: mapping.unmapped });
      }
      if (name === 'profiles.active') return { profile: null };
      if (name === 'marketing.campaigns.precheck') {
        return PrecheckResult.parse({
          campaign_id: 'camp_spring01', ok: false, recipients: 3,
          issues: [{ code: 'unmapped_template_fields', severity: 'error', message: "Fill 'discount_code' in the campaign's template values: every subscriber would get {{discount_code}} as written.", details: { fields: ['discount_code'], missing_values: ['discount_code'] } }],
        });
      }
      throw new Error(`not part of this story: ${name}`);
    },
  },
}));

const { TemplatePreview } = await import('../../src/renderer/src/views/editor/TemplatePreview');
const { TemplateValueFields } = await import('../../src/renderer/src/views/editor/TemplateValueFields');
const { ReviewModal } = await import('../../src/renderer/src/views/editor/ReviewModal');

afterEach(cleanup);

function Editor() {
  const [values, setValues] = useState<Record<string, string>>({ ends_on: 'Sunday' });
  return (
    <>
      <TemplateValueFields names={['ends_on', 'discount_code']} values={values} onChange={setValues} />
      <TemplatePreview templateId={sale.id} values={values} />
    </>
  );
}

describe('an empty template value, where the person looks', () => {
  it('the preview names the value field to fill, and its link puts the person there', async () => {
    renderWithProviders(<Editor />);
    const table = await screen.findByRole('table', { name: 'Template fields' });
    const row = within(table).getByText('{{discount_code}}').closest('tr')!;
    expect(row.textContent).toContain('Empty: fill “discount_code” under Template values');
    expect(row.textContent).toContain('so the campaign cannot be sent');
    // The value already typed is shown as filled, not as a problem.
    expect(within(table).getByText('{{ends_on}}').closest('tr')!.textContent).toContain('Sunday (template value)');

    fireEvent.click(within(row).getByRole('button', { name: '“discount_code” under Template values' }));
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: /discount_code/ }));

    fireEvent.change(screen.getByRole('textbox', { name: /discount_code/ }), { target: { value: 'SPRING10' } });
    expect(within(table).getByText('{{discount_code}}').closest('tr')!.textContent).toContain('SPRING10 (template value)');
  });

  it('the review refuses the send and offers to fill each empty value, handing the person to its field', async () => {
    const onFillValue = vi.fn();
    const onClose = vi.fn();
    renderWithProviders(<ReviewModal storeId="demo-store-a" opened subject="Spring sale" schedule={null} prepare={async () => 'camp_spring01'} onClose={onClose} onSent={() => undefined} onFillValue={onFillValue} />);
    expect(await screen.findByText(/Fill 'discount_code' in the campaign's template values/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Send…' }).hasAttribute('disabled')).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Fill “discount_code”' }));
    expect(onFillValue).toHaveBeenCalledWith('discount_code');
    expect(onClose).not.toHaveBeenCalled();
  });
});
