// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import { CampaignDetail } from '../../src/shared/schemas/marketing';
import { SubscriberDetail } from '../../src/shared/schemas/marketing-views';
import { renderWithProviders } from './render';

// The host answers the campaign; the report, A/B and recipients sections ask for more, which this
// story does not need (they show their own errors).
const host = vi.hoisted(() => ({ campaign: null as unknown }));
vi.mock('../../src/renderer/src/api', () => ({
  api: {
    call: async (name: string) => {
      if (name === 'marketing.campaigns.get') return host.campaign;
      throw new Error(`not part of this story: ${name}`);
    },
  },
}));

const { CampaignStatsView } = await import('../../src/renderer/src/views/stats/CampaignStatsView');
const { SubscriberActions } = await import('../../src/renderer/src/views/subscribers/SubscriberActions');

function sent(reasons?: { reason: string | null; count: number }[]) {
  return CampaignDetail.parse({
    campaign_id: 'camp_spring01', odoo_campaign_id: 12, subject: 'Spring sale', status: 'sent', sent_date: '2026-11-20T09:00:00.000Z', scheduled_for: null,
    stats: { sent: 900, delivered: 880, bounced: 20, opened: 400, unique_opened: 350, clicked: 90, unique_clicked: 80, unsubscribed: 7, open_rate: 0.4, click_rate: 0.09 },
    ...(reasons ? { unsubscribe_reasons: reasons } : {}),
    sendgrid_template_id: null, preview_text: '', email_from: null, list_ids: [3], made_in_odoo: false,
    audience: { kind: 'segment', segment: 'all', label: 'Everyone on the list', list_ids: [3], domain: '[]', recipients: 900, version: 'v1' },
  });
}

afterEach(cleanup);

describe('why people unsubscribed', () => {
  it('lists on the campaign’s figures each reason given with how many gave it, and those who gave none', async () => {
    host.campaign = sent([{ reason: 'I receive too many emails from this list', count: 4 }, { reason: 'Other', count: 1 }, { reason: null, count: 2 }]);
    renderWithProviders(<CampaignStatsView storeId="demo-store-a" campaignId="camp_spring01" />);
    const table = await screen.findByRole('table', { name: 'Why they unsubscribed' });
    const rows = within(table).getAllByRole('row').map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent));
    expect(rows).toEqual([['Reason', 'People'], ['I receive too many emails from this list', '4'], ['Other', '1'], ['No reason given', '2']]);
  });

  it('shows no reasons table for a campaign nobody left', async () => {
    host.campaign = sent();
    renderWithProviders(<CampaignStatsView storeId="demo-store-a" campaignId="camp_spring01" />);
    await screen.findByRole('region', { name: 'Delivered' });
    expect(screen.queryByRole('table', { name: 'Why they unsubscribed' })).toBeNull();
  });

  it('says in the subscriber drawer why they left a list, and nothing for a list they left without saying', () => {
    const d = SubscriberDetail.parse({
      id: 41, email: 'ana@example.com', name: 'Ana', created_at: '2026-01-03T10:00:00.000Z', status: 'opted_out', blacklisted: false, bounces: 0, tags: [],
      lists: [
        { id: 3, name: 'Store A newsletter', opted_out: true, subscribed_date: '2026-01-03T10:00:00.000Z', opted_out_date: '2026-11-20T12:00:00.000Z', opted_out_reason: 'The content of these emails is not relevant to me' },
        { id: 4, name: 'Store A offers', opted_out: true, subscribed_date: '2026-01-03T10:00:00.000Z', opted_out_date: '2026-11-21T12:00:00.000Z', opted_out_reason: null },
      ],
      campaigns: [],
    });
    renderWithProviders(<SubscriberActions storeId="demo-store-a" d={d} onDeleted={() => undefined} />);
    expect(screen.getByText('Reason given: The content of these emails is not relevant to me')).toBeTruthy();
    expect(screen.getAllByText(/^Reason given:/)).toHaveLength(1);
  });
});
