// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { AppError } from '../../src/shared/errors';
import { renderWithProviders } from './render';

/*
 * What Odoo refuses for want of rights is a request for whoever runs that Odoo (Markket's shared
 * one or the store's own), worded the same in every box: "Ask your Odoo administrator".
 */

// The fake sits where the transports plug in: api.call answers by operation name, as the host would.
const refusal = (what: string) => new AppError('odoo.access_denied', `Your Odoo user may not ${what}. Ask your Odoo administrator to give your user the group "Email Marketing / User" (Odoo: Settings → Users).`, { model: 'mailing.filter' });
vi.mock('../../src/renderer/src/api', () => ({
  api: {
    call: async (name: string) => {
      switch (name) {
        case 'marketing.lists':
          return { lists: [{ id: 4, name: 'Corner Shop - Newsletter', contact_count: 120, active_contacts: 110, last_campaign: null, last_campaign_detail: null }] };
        case 'marketing.segments.list':
          return { counted_at: '2026-12-05T09:00:00.000Z', segments: [{ id: 7, name: 'Bounced', list_id: 4, rule: { match: 'all', conditions: [{ type: 'bounced' }] }, domain: "[('message_bounce', '>', 0)]", recipients: 3, saved_by: 'Mitchell Admin' }] };
        case 'marketing.campaigns.list':
          return { campaigns: [] };
        case 'marketing.subscribers.tags':
          return { tags: [] };
        case 'marketing.segments.count':
          return { count: 3, conditions: [{ count: 3 }], domain: "[('message_bounce', '>', 0)]", counted_at: '2026-12-05T09:00:00.000Z' };
        case 'marketing.segments.delete':
          throw refusal('delete segments');
        case 'marketing.segments.save':
          throw refusal('save segments');
        default:
          throw new Error(`unexpected op ${name}`);
      }
    },
  },
}));

const { SegmentsView } = await import('../../src/renderer/src/views/segments/SegmentsView');

afterEach(cleanup);

describe('a segment Odoo will not let this user change', () => {
  it('says "Ask your Odoo administrator" in the delete dialog, with Odoo’s sentence and the code', async () => {
    renderWithProviders(<SegmentsView storeId="corner-shop" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Delete Bounced' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete “Bounced”?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Delete segment' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('Ask your Odoo administrator');
    expect(alert.textContent).toContain('Your Odoo user may not delete segments.');
    expect(alert.textContent).toContain('odoo.access_denied');
    expect(alert.textContent).not.toContain('Markket administrator');
  });

  it('says the same when the builder’s save is refused', async () => {
    renderWithProviders(<SegmentsView storeId="corner-shop" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Change Bounced' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Save changes' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Ask your Odoo administrator');
    expect(alert.textContent).toContain('Your Odoo user may not save segments.');
    expect(alert.textContent).toContain('odoo.access_denied');
  });
});
