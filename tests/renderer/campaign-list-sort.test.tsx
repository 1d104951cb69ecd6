// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { renderWithProviders } from './render';

// The fake sits where the transports plug in: api.call answers by operation name, as the host would.
const host = vi.hoisted(() => ({ lists: [] as Record<string, unknown>[] }));
vi.mock('../../src/renderer/src/api', () => ({
  api: {
    call: async (name: string, input: Record<string, unknown>) => {
      if (name === 'marketing.campaigns.list') {
        host.lists.push(input);
        return { campaigns: [], total: 0 };
      }
      if (name === 'drafts.list') return { drafts: [] };
      throw new Error(`unexpected op ${name}`);
    },
  },
}));

const { CampaignsView } = await import('../../src/renderer/src/views/campaigns/CampaignsView');

afterEach(() => cleanup());

describe('sorting and filtering the campaign list', () => {
  it('asks the server for the highest open rates above a minimum, sent within the days picked', async () => {
    renderWithProviders(<CampaignsView storeId="demo-store-a" />);
    await waitFor(() => expect(host.lists.length).toBeGreaterThan(0));
    fireEvent.click(screen.getByLabelText('Sort campaigns'));
    fireEvent.click(await screen.findByRole('option', { name: 'Highest open rate' }));
    fireEvent.change(screen.getByLabelText('Open rate at least (%)'), { target: { value: '25' } });
    fireEvent.change(screen.getByLabelText('Sent or scheduled from'), { target: { value: '2026-11-01' } });
    fireEvent.change(screen.getByLabelText('Until'), { target: { value: '2026-11-30' } });
    await waitFor(() => expect(host.lists.at(-1)).toMatchObject({
      storeId: 'demo-store-a', sort: 'open_rate', direction: 'desc', min_open_rate: 0.25,
      from: new Date('2026-11-01T00:00').toISOString(), to: new Date('2026-12-01T00:00').toISOString(),
    }));
  });

  it('asks for the lowest click rates among campaigns clicked by at least a share of their readers, and says when none matches', async () => {
    renderWithProviders(<CampaignsView storeId="demo-store-a" />);
    await waitFor(() => expect(host.lists.length).toBeGreaterThan(0));
    fireEvent.click(screen.getByLabelText('Sort campaigns'));
    fireEvent.click(await screen.findByRole('option', { name: 'Lowest click rate' }));
    fireEvent.change(screen.getByLabelText('Click rate at least (%)'), { target: { value: '4' } });
    await waitFor(() => expect(host.lists.at(-1)).toMatchObject({ storeId: 'demo-store-a', sort: 'click_rate', direction: 'asc', min_click_rate: 0.04 }));
    expect(await screen.findByText('No campaign matches')).toBeTruthy();
    expect(screen.getByText('Try another status, search term, date or rate.')).toBeTruthy();
  });
});
