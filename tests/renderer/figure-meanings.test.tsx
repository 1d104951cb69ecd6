// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, screen, within } from '@testing-library/react';
import { Overview } from '../../src/shared/schemas/marketing';
import { MEANING } from '../../src/renderer/src/components';
import { attempted, campaignStats, clickRate, openRate, type MailingStats } from '../../src/main/core/marketing/stats';
import { renderWithProviders } from './render';

// The fake sits where the transports plug in: api.call answers by operation name, as the host would.
vi.mock('../../src/renderer/src/api', () => ({
  api: {
    call: async (name: string) => {
      if (name !== 'marketing.overview') throw new Error(`unexpected op ${name}`);
      return Overview.parse({ subscribers: 1206, campaigns_sent: 45, average_open_rate: 0.4, average_click_rate: 0.1, recent_campaigns: [] });
    },
  },
}));
const { OverviewView } = await import('../../src/renderer/src/views/overview/OverviewView');

afterEach(() => cleanup());

/** The sentence a screen reader reads for an ⓘ button: the element its aria-describedby names. */
const description = (button: HTMLElement) => document.getElementById(button.getAttribute('aria-describedby') ?? '')?.textContent;

describe('what each count counts', () => {
  it('puts an ⓘ beside every overview figure that says, on focus and to a screen reader, what it counts', async () => {
    renderWithProviders(<OverviewView storeId="demo-store-a" />);
    const card = await screen.findByRole('region', { name: 'Subscribers' });
    const about = within(card).getByRole('button', { name: 'What “Subscribers” counts' });
    expect(description(about)).toBe(MEANING.subscribers);
    act(() => about.focus());
    expect((await screen.findByRole('tooltip')).textContent).toBe(MEANING.subscribers);
    for (const [label, key] of [['Campaigns sent', 'campaignsSent'], ['Average open rate', 'averageOpenRate'], ['Average click rate', 'averageClickRate']] as const) {
      const button = within(screen.getByRole('region', { name: label })).getByRole('button', { name: `What “${label}” counts` });
      expect(description(button)).toBe(MEANING[key]);
    }
  });

  it('says what the core computes: rates are unique people over mails delivered, recipients leave out those skipped before sending', () => {
    // 10 addressed, 2 skipped (opted out), 8 sent, 1 bounced, 7 delivered, 4 opened (3 of them clicked).
    const mailing: MailingStats = { expected: 10, scheduled: 0, process: 0, pending: 0, sent: 8, delivered: 7, opened: 4, clicked: 3, replied: 0, bounced: 1, failed: 0, canceled: 2 };
    expect(openRate(mailing)).toBe(57.1); // 4 ÷ 7 delivered, not ÷ 8 sent
    expect(MEANING.openRate).toContain('of the mails delivered');
    expect(clickRate(mailing)).toBe(42.9);
    expect(MEANING.clickRate).toContain('of the mails delivered');
    expect(attempted(mailing)).toBe(8);
    expect(MEANING.recipients).toContain('less those left out before sending');
    // Odoo keeps one trace per person: without SendGrid's counts, total opens are unique opens.
    const stats = campaignStats(mailing, 0);
    expect(stats.opened).toBe(stats.unique_opened);
    expect(MEANING.opensTotal).toContain('equals unique opens');
    expect(MEANING.bounced).toContain('of mails sent');
  });
});
