// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import type { z } from 'zod';
import { AppError } from '../../src/shared/errors';
import { Overview } from '../../src/shared/schemas/marketing';
import { formatAsOf } from '../../src/renderer/src/components';
import { renderWithProviders } from './render';

// The fake sits where the transports plug in: api.call answers by operation name, as the host would.
const answers = vi.hoisted(() => ({ overview: null as unknown, error: null as unknown, held: null as Promise<void> | null }));
vi.mock('../../src/renderer/src/api', () => ({
  api: {
    call: async (name: string) => {
      if (name !== 'marketing.overview') throw new Error(`unexpected op ${name}`);
      if (answers.held) await answers.held;
      if (answers.error) throw answers.error;
      return answers.overview;
    },
  },
}));

const { OverviewView } = await import('../../src/renderer/src/views/overview/OverviewView');

function overview(partial: Partial<z.infer<typeof Overview>>): z.infer<typeof Overview> {
  return Overview.parse({ subscribers: 0, campaigns_sent: 0, average_open_rate: 0, average_click_rate: 0, recent_campaigns: [], ...partial });
}

afterEach(() => {
  cleanup();
  answers.overview = null;
  answers.error = null;
  answers.held = null;
});

describe('OverviewView', () => {
  it('keeps focus on its heading when the figures arrive after the person skipped to it', async () => {
    let arrive = () => {};
    answers.held = new Promise<void>((resolve) => (arrive = resolve));
    answers.overview = overview({ subscribers: 1206 });
    renderWithProviders(<OverviewView storeId="demo-store-a" />);
    const heading = screen.getByRole('heading', { name: 'Overview', level: 1 });
    heading.focus();
    arrive();
    expect((await screen.findByRole('region', { name: 'Subscribers' })).textContent).toContain('1,206');
    expect(document.activeElement).toBe(heading);
  });

  it('shows the headline figures the API returns, formatted for the reader', async () => {
    answers.overview = overview({ subscribers: 1206, campaigns_sent: 45, average_open_rate: 0.3997, average_click_rate: 0.102 });
    renderWithProviders(<OverviewView storeId="demo-store-a" />);
    expect((await screen.findByRole('region', { name: 'Subscribers' })).textContent).toContain('1,206');
    expect(screen.getByRole('region', { name: 'Average open rate' }).textContent).toContain('40.0%');
  });

  it('says which average the rate cards show: the mean of each campaign’s rate, as Mailchimp shows it', async () => {
    answers.overview = overview({ subscribers: 10, campaigns_sent: 2, average_open_rate: 0.5, average_click_rate: 0.1 });
    renderWithProviders(<OverviewView storeId="demo-store-a" />);
    expect((await screen.findByRole('region', { name: 'Average open rate' })).textContent).toContain("Mean of each sent campaign's open rate (opened ÷ delivered)");
    expect(screen.getByRole('region', { name: 'Average click rate' }).textContent).toContain("Mean of each sent campaign's click rate (clicked ÷ delivered)");
  });

  it('invites the owner to create a first campaign when none was sent', async () => {
    answers.overview = overview({ subscribers: 12 });
    renderWithProviders(<OverviewView storeId="demo-store-a" />);
    expect(await screen.findByText('No campaigns yet')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Create your first campaign' }).getAttribute('href')).toBe('#/campaigns/new');
  });

  it('explains a failure with the API’s sentence and code, with a way to retry', async () => {
    answers.error = new AppError('odoo.access_denied', 'Your Odoo user may not read mailing lists.');
    renderWithProviders(<OverviewView storeId="demo-store-a" />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Your Odoo user may not read mailing lists.');
    expect(alert.textContent).toContain('odoo.access_denied');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('turns something the Odoo user may not do into "Ask your Odoo administrator", not a fault: it is Odoo that refused', async () => {
    answers.error = new AppError('odoo.access_denied', 'Your Odoo user may not create fields records.');
    renderWithProviders(<OverviewView storeId="demo-store-a" />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Ask your Odoo administrator');
    expect(alert.textContent).not.toContain('Markket administrator');
    expect(alert.textContent).toContain('Your Odoo user may not create fields records.');
  });
  it('marks figures answered from the offline cache with "Offline · as of" the time they were fetched', async () => {
    const fetchedAt = new Date(Date.now() - 30 * 60_000).toISOString();
    answers.overview = { ...overview({ subscribers: 1206 }), stale: true, as_of: fetchedAt };
    renderWithProviders(<OverviewView storeId="demo-store-a" />);
    const badge = await screen.findByTestId('stale-badge');
    expect(badge.textContent).toBe(`Offline · as of ${formatAsOf(fetchedAt, new Date())}`);
    expect(screen.getByRole('region', { name: 'Subscribers' }).textContent).toContain('1,206');
  });

  it('shows no offline mark on fresh figures', async () => {
    answers.overview = overview({ subscribers: 1206 });
    renderWithProviders(<OverviewView storeId="demo-store-a" />);
    await screen.findByRole('region', { name: 'Subscribers' });
    expect(screen.queryByTestId('stale-badge')).toBeNull();
  });
});
