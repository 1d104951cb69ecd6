// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import { CampaignRow } from '../../src/shared/schemas/marketing';
import { formatAsOf } from '../../src/renderer/src/components';
import { renderWithProviders } from './render';

// The fake sits where the transports plug in: the host answered from its offline cache, as it does when Odoo is unreachable.
const asOf = new Date(Date.now() - 40 * 60_000).toISOString();
vi.mock('../../src/renderer/src/api', () => ({
  api: {
    call: async (name: string) => {
      if (name === 'marketing.campaigns.list') {
        const row = CampaignRow.parse({ campaign_id: 'camp_spring01', odoo_campaign_id: 12, subject: 'Spring sale', status: 'sent', sent_date: '2026-11-01T09:00:00.000Z', scheduled_for: null, recipients: 900, open_rate: 0.41, click_rate: 0.1 });
        return { campaigns: [row], total: 1, stale: true, as_of: asOf };
      }
      if (name === 'drafts.list') return { drafts: [], unreadable: [] };
      throw new Error(`unexpected op ${name}`);
    },
  },
}));
const { CampaignsView } = await import('../../src/renderer/src/views/campaigns/CampaignsView');

afterEach(() => cleanup());

describe('views answered from the offline cache', () => {
  it('shows the campaign list as last fetched, saying "Offline · as of" when, instead of an error', async () => {
    renderWithProviders(<CampaignsView storeId="demo-store-a" />);
    expect(await screen.findByText('Spring sale')).toBeTruthy();
    expect(screen.getByTestId('stale-badge').textContent).toBe(`Offline · as of ${formatAsOf(asOf, new Date())}`);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
