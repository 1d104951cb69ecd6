// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import { Draft } from '../../src/shared/schemas/drafts';
import { CampaignRow } from '../../src/shared/schemas/marketing';
import { renderWithProviders } from './render';

// The fake sits where the transports plug in: api.call answers by operation name, as the host would.
const host = vi.hoisted(() => ({ campaigns: [] as unknown[], drafts: [] as unknown[] }));
vi.mock('../../src/renderer/src/api', () => ({
  api: {
    call: async (name: string) => {
      if (name === 'marketing.campaigns.list') return { campaigns: host.campaigns, total: host.campaigns.length };
      if (name === 'drafts.list') return { drafts: host.drafts, unreadable: [] };
      throw new Error(`unexpected op ${name}`);
    },
  },
}));

const { CampaignsView } = await import('../../src/renderer/src/views/campaigns/CampaignsView');

const row = (campaignId: string, odooId: number, subject: string) =>
  CampaignRow.parse({ campaign_id: campaignId, odoo_campaign_id: odooId, subject, status: 'draft', sent_date: null, scheduled_for: null, recipients: 0, open_rate: 0, click_rate: 0 });
const draft = (id: string, subject: string, sync: Record<string, unknown>, campaignId?: string) =>
  Draft.parse({ id, storeId: 'demo-store-a', subject, version: 2, updatedAt: '2026-12-05T09:00:00.000Z', sync, ...(campaignId ? { campaignId } : {}) });

afterEach(() => {
  cleanup();
  host.campaigns = [];
  host.drafts = [];
});

describe('drafts in the campaign list', () => {
  it('shows a draft that Odoo holds once, as its campaign row with its sync state, and lists only drafts not in Odoo as local', async () => {
    host.campaigns = [row('camp_spring01', 12, 'Spring sale'), row('camp_autumn1', 13, 'Autumn lookbook')];
    host.drafts = [
      draft('11111111-1111-4111-8111-111111111111', 'Spring sale: 20% off', { state: 'pending', odooId: 12 }, 'camp_spring01'),
      draft('22222222-2222-4222-8222-222222222222', 'Autumn lookbook', { state: 'synced', odooId: 13 }, 'camp_autumn1'),
      draft('33333333-3333-4333-8333-333333333333', 'Summer ideas', { state: 'local' }),
    ];
    renderWithProviders(<CampaignsView storeId="demo-store-a" />);
    const table = await screen.findByRole('table', { name: 'Campaigns' });
    const local = await screen.findByRole('region', { name: 'Drafts on this computer' });

    // Each campaign once on the page: the two in Odoo as rows, the one only here in the card.
    expect(screen.getAllByText(/Spring sale/)).toHaveLength(1);
    expect(screen.getAllByText('Autumn lookbook')).toHaveLength(1);
    expect(within(local).getByText('Summer ideas')).toBeTruthy();
    expect(within(local).queryByText(/Spring sale|Autumn lookbook/)).toBeNull();

    // The row carries the local copy's state, and its newer subject while the change waits for Odoo.
    const spring = within(table).getByText('Spring sale: 20% off').closest('tr');
    expect(within(spring as HTMLElement).getByTestId('row-sync').textContent).toBe('Sync pending');
    const autumn = within(table).getByText('Autumn lookbook').closest('tr');
    expect(within(autumn as HTMLElement).getByTestId('row-sync').textContent).toBe('Synced');
  });

  it('keeps a draft Odoo refused in the local list while its row is on another page, so it is not forgotten', async () => {
    host.campaigns = [row('camp_spring01', 12, 'Spring sale')];
    host.drafts = [draft('44444444-4444-4444-8444-444444444444', 'Winter clearance', { state: 'conflict', odooId: 40 }, 'camp_winter01')];
    renderWithProviders(<CampaignsView storeId="demo-store-a" />);
    const local = await screen.findByRole('region', { name: 'Drafts on this computer' });
    expect(within(local).getByText('Winter clearance')).toBeTruthy();
    expect(within(local).getByText('Conflict')).toBeTruthy();
    expect(within(local).getByRole('link', { name: 'Continue editing Winter clearance' }).getAttribute('href')).toBe('#/campaigns/camp_winter01/edit');
  });
});
