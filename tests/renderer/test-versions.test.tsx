// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { AbTest } from '../../src/shared/schemas/ab';
import { AppError } from '../../src/shared/errors';
import { renderWithProviders } from './render';

// The fake sits where the transports plug in: api.call answers by operation name, as the host would.
const host = vi.hoisted(() => ({ test: null as unknown, calls: [] as { name: string; input: Record<string, unknown> }[], refuse: null as unknown }));
vi.mock('../../src/renderer/src/api', () => ({
  api: {
    call: async (name: string, input: Record<string, unknown>) => {
      host.calls.push({ name, input });
      if (name === 'marketing.campaigns.ab.get') return host.test;
      if (name === 'marketing.campaigns.ab.save') return host.test;
      if (name === 'marketing.campaigns.ab.winner') {
        const refusal = host.refuse;
        host.refuse = null;
        if (refusal) throw refusal;
        return host.test;
      }
      throw new Error(`unexpected op ${name}`);
    },
  },
}));

const { TestVersionsPanel } = await import('../../src/renderer/src/views/editor/ab/TestVersionsPanel');
const { AbComparison } = await import('../../src/renderer/src/views/stats/ab/AbComparison');

const off = AbTest.parse({ campaign_id: 'camp_versionA', enabled: false, test_share_pc: 0, winner_selection: null, send_winner_at: null, versions: [], winner: null, comparison: null });
const version = (label: 'A' | 'B', subject: string, status: string) => ({
  label, campaign_id: `camp_version${label}`, odoo_campaign_id: label === 'A' ? 10 : 11, subject, sender: 'Store A', status, share_pc: 15,
  recipients: 150, delivered: status === 'sent' ? 150 : 0, opened: 0, clicked: 0, open_rate: 0, click_rate: 0,
});
const sentTest = AbTest.parse({ campaign_id: 'camp_versionA', enabled: true, test_share_pc: 30, winner_selection: 'manual', send_winner_at: '2026-11-25T12:00:00.000Z', versions: [version('A', 'Spring sale', 'sent'), version('B', 'Spring sale: 20% off', 'sent')], winner: null, comparison: null });

afterEach(() => {
  cleanup();
  host.calls = [];
});

describe('"Test versions" in the editor', () => {
  it('starts a test of a second subject on 30 %, the winner picked by clicks at the chosen time', async () => {
    host.test = off;
    renderWithProviders(<TestVersionsPanel storeId="demo-store-a" campaignId="camp_versionA" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Test versions' }));
    fireEvent.change(screen.getByLabelText('Version B subject'), { target: { value: 'Spring sale: 20% off' } });
    fireEvent.click(screen.getByText('Most clicks'));
    fireEvent.change(screen.getByLabelText('Send the winner at'), { target: { value: '2026-11-26T09:30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start the test' }));
    await waitFor(() => expect(host.calls.some((c) => c.name === 'marketing.campaigns.ab.save')).toBe(true));
    expect(host.calls.find((c) => c.name === 'marketing.campaigns.ab.save')?.input).toEqual({
      storeId: 'demo-store-a', campaignId: 'camp_versionA', test_share_pc: 30, winner_selection: 'clicks',
      send_winner_at: new Date('2026-11-26T09:30').toISOString(), versions: [{ subject: 'Spring sale: 20% off' }],
    });
  });

  it('adds a third version that changes the sender name', async () => {
    host.test = off;
    renderWithProviders(<TestVersionsPanel storeId="demo-store-a" campaignId="camp_versionA" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Test versions' }));
    fireEvent.change(screen.getByLabelText('Version B subject'), { target: { value: 'Second subject' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add version C' }));
    fireEvent.click(screen.getByLabelText('Version C changes'));
    fireEvent.click(await screen.findByRole('option', { name: 'Another sender name' }));
    fireEvent.change(screen.getByLabelText('Version C sender name'), { target: { value: 'Ada from Store A' } });
    fireEvent.change(screen.getByLabelText('Test share (%)'), { target: { value: '45' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start the test' }));
    await waitFor(() => expect(host.calls.some((c) => c.name === 'marketing.campaigns.ab.save')).toBe(true));
    expect(host.calls.find((c) => c.name === 'marketing.campaigns.ab.save')?.input).toMatchObject({ test_share_pc: 45, versions: [{ subject: 'Second subject' }, { sender_name: 'Ada from Store A' }] });
  });
});

describe('picking the winner by hand on the stats view', () => {
  it('sends the picked version to everyone else, and acknowledges a warning only when the person says so', async () => {
    host.test = sentTest;
    host.refuse = new AppError('precheck.failed', 'The campaign was not sent: a warning needs your acknowledgement first (suppressions_unchecked).', { problems: [{ code: 'suppressions_unchecked', severity: 'warning', message: 'No SendGrid key.' }] });
    renderWithProviders(<AbComparison storeId="demo-store-a" campaignId="camp_versionA" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Send B to everyone else' }));
    expect(await screen.findByText('The winner was not sent')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Send anyway' }));
    await waitFor(() => expect(host.calls.filter((c) => c.name === 'marketing.campaigns.ab.winner')).toHaveLength(2));
    const [first, second] = host.calls.filter((c) => c.name === 'marketing.campaigns.ab.winner');
    expect(first?.input).toEqual({ storeId: 'demo-store-a', campaignId: 'camp_versionA', version: 'B' });
    expect(second?.input).toEqual({ storeId: 'demo-store-a', campaignId: 'camp_versionA', version: 'B', acknowledge: ['suppressions_unchecked'] });
  });
});
