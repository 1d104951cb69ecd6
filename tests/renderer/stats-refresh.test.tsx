// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { CampaignDetail, ProcessQueueResult } from '../../src/shared/schemas/marketing';
import { renderWithProviders } from './render';

// The fake sits where the transports plug in: api.call answers by operation name, as the host would.
// The campaign goes out between two reads, as Odoo's queue sends it after the Send button.
const host = vi.hoisted(() => ({ campaign: null as unknown, gets: 0, processed: 0 }));
vi.mock('../../src/renderer/src/api', () => ({
  api: {
    call: async (name: string) => {
      if (name === 'marketing.campaigns.get') {
        host.gets += 1;
        return host.campaign;
      }
      if (name === 'marketing.campaigns.process_queue') {
        host.processed += 1;
        host.campaign = sending(900, { expected: 900, sent: 900, failed: 0, queued: 0, waiting_for: null });
        return ProcessQueueResult.parse({ campaign_id: 'camp_spring01', ran: 'mail_queue', progress: { expected: 900, sent: 900, failed: 0, queued: 0, waiting_for: null } });
      }
      throw new Error(`not part of this story: ${name}`);
    },
  },
}));

const { CampaignStatsView, figuresRefresh } = await import('../../src/renderer/src/views/stats/CampaignStatsView');

function sending(sent: number, progress?: Record<string, unknown>) {
  return CampaignDetail.parse({
    campaign_id: 'camp_spring01', odoo_campaign_id: 12, subject: 'Spring sale', status: 'sending', sent_date: null, scheduled_for: null,
    stats: { sent, delivered: sent, bounced: 0, opened: 0, unique_opened: 0, clicked: 0, unique_clicked: 0, unsubscribed: 0, open_rate: 0, click_rate: 0 },
    sendgrid_template_id: null, preview_text: '', email_from: null, list_ids: [3], made_in_odoo: false,
    audience: { kind: 'segment', segment: 'all', label: 'Everyone on the list', list_ids: [3], domain: '[]', recipients: 900, version: 'v1' },
    ...(progress ? { progress } : {}),
  });
}

afterEach(() => {
  cleanup();
  host.gets = 0;
  host.processed = 0;
});

describe('the stats view right after Send', () => {
  it('says the campaign is sending, not "No figures yet", and shows the figures once the first mails are out without a reload', async () => {
    host.campaign = sending(0);
    renderWithProviders(<CampaignStatsView storeId="demo-store-a" campaignId="camp_spring01" />);
    expect((await screen.findByText(/Odoo is preparing the mails/)).textContent).toContain('this page refreshes on its own');
    expect(screen.queryByText('No figures yet')).toBeNull();

    host.campaign = sending(120);
    const delivered = await screen.findByRole('region', { name: 'Delivered' }, { timeout: 5_000 });
    expect(delivered.textContent).toContain('120');
  });

  it('asks sooner while nothing is out yet, then while it sends or waits for opens, then rarely', () => {
    expect(figuresRefresh(sending(0))).toBe(2_000);
    expect(figuresRefresh(sending(120))).toBe(5_000);
    expect(figuresRefresh({ status: 'sent', stats: { sent: 900, unique_opened: 0 } })).toBe(5_000);
    expect(figuresRefresh({ status: 'sent', stats: { sent: 900, unique_opened: 310 } })).toBe(30_000);
  });

  it('reads the campaign again after "Process the queue now", so the progress moves at once', async () => {
    host.campaign = sending(0, { expected: 900, sent: 0, failed: 0, queued: 900, waiting_for: 'mail_queue', next_batch_at: null, can_process_now: true });
    renderWithProviders(<CampaignStatsView storeId="demo-store-a" campaignId="camp_spring01" />);
    fireEvent.click(await screen.findByRole('button', { name: 'Process the queue now' }));
    await waitFor(() => expect(host.processed).toBe(1));
    expect((await screen.findByRole('region', { name: 'Delivered' })).textContent).toContain('900');
  });
});
