// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor } from '@testing-library/react';
import { AbTest } from '../../src/shared/schemas/ab';
import { renderWithProviders } from './render';

// The fake sits where the transports plug in: api.call answers by operation name, as the host would.
const answers = vi.hoisted(() => ({ test: null as unknown, calls: 0 }));
vi.mock('../../src/renderer/src/api', () => ({
  api: {
    call: async (name: string) => {
      if (name !== 'marketing.campaigns.ab.get') throw new Error(`unexpected op ${name}`);
      answers.calls += 1;
      return answers.test;
    },
  },
}));

const { AbComparison } = await import('../../src/renderer/src/views/stats/ab/AbComparison');

const version = (label: 'A' | 'B', subject: string, opened: number) => ({
  label, campaign_id: `camp_version${label}`, odoo_campaign_id: label === 'A' ? 10 : 11, subject, sender: 'Store A', status: 'sent', share_pc: 15,
  recipients: 150, delivered: 150, opened, clicked: 0, open_rate: opened / 150, click_rate: 0,
});

afterEach(() => cleanup());

describe('the A/B comparison on the stats view', () => {
  it('shows both subjects side by side, says whether the lead is chance, and names the winner and who got it', async () => {
    answers.test = AbTest.parse({
      campaign_id: 'camp_versionA', enabled: true, test_share_pc: 30, winner_selection: 'opens', send_winner_at: '2026-11-25T12:00:00.000Z',
      versions: [version('A', 'Spring sale', 30), version('B', 'Spring sale: 20% off', 60)],
      winner: { from_label: 'B', campaign_id: 'camp_odoo_12', odoo_campaign_id: 12, status: 'sent', sent_date: '2026-11-25T12:00:05.000Z', recipients: 700, chosen_by: 'opens' },
      comparison: { metric: 'open_rate', leader: 'B', difference: 20, significant: true, note: 'Version B leads by 20 points of open rate.' },
    });
    renderWithProviders(<AbComparison storeId="demo-store-a" campaignId="camp_versionA" />);
    expect(await screen.findByText('Spring sale: 20% off')).toBeTruthy();
    expect(screen.getByText('40.0 %')).toBeTruthy();
    expect(screen.getByText('20.0 %')).toBeTruthy();
    expect(screen.getByText('A clear lead')).toBeTruthy();
    expect(screen.getByText('Winner')).toBeTruthy();
    expect(screen.getByText(/Version B won \(by opens\) and went to 700 more people/)).toBeTruthy();
  });

  it('says a winner a person sent against the opens was picked by hand, not won by opens', async () => {
    answers.test = AbTest.parse({
      campaign_id: 'camp_versionA', enabled: true, test_share_pc: 30, winner_selection: 'opens', send_winner_at: '2026-11-25T12:00:00.000Z',
      versions: [version('A', 'Spring sale', 30), version('B', 'Spring sale: 20% off', 60)],
      winner: { from_label: 'A', campaign_id: 'camp_odoo_12', odoo_campaign_id: 12, status: 'sent', sent_date: '2026-11-25T12:00:05.000Z', recipients: 700, chosen_by: 'manual' },
      comparison: { metric: 'open_rate', leader: 'B', difference: 20, significant: true, note: 'Version B leads by 20 points of open rate.' },
    });
    renderWithProviders(<AbComparison storeId="demo-store-a" campaignId="camp_versionA" />);
    expect(await screen.findByText(/Version A won \(picked by hand\) and went to 700 more people/)).toBeTruthy();
    expect(screen.queryByText(/by opens/)).toBeNull();
  });

  it('shows nothing for a campaign that is not a test', async () => {
    answers.test = AbTest.parse({ campaign_id: 'camp_versionA', enabled: false, test_share_pc: 0, winner_selection: null, send_winner_at: null, versions: [], winner: null, comparison: null });
    const { container } = renderWithProviders(<AbComparison storeId="demo-store-a" campaignId="camp_versionA" />);
    await waitFor(() => expect(answers.calls).toBeGreaterThan(0));
    await waitFor(() => expect(container.querySelector('[aria-label="A/B test"]')).toBeNull());
    expect(screen.queryByText('A/B test')).toBeNull();
  });
});
