// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import { CampaignDetail } from '../../src/shared/schemas/marketing';
import { renderWithProviders } from './render';

// A store owner's first screens, answered as the host would; SendGrid knows one template by name.
const host = vi.hoisted(() => ({ templateId: '', sendgrid: true }));
vi.mock('../../src/renderer/src/api', () => ({
  api: {
    call: async (name: string) => {
      if (name === 'profiles.list') return { profiles: [], activeId: null };
      if (name === 'marketing.campaigns.get') {
        return CampaignDetail.parse({
          campaign_id: 'camp_spring01', odoo_campaign_id: 12, subject: 'Spring sale', status: 'sent', sent_date: '2026-11-20T09:00:00.000Z', scheduled_for: null,
          stats: { sent: 900, delivered: 880, bounced: 20, opened: 400, unique_opened: 350, clicked: 90, unique_clicked: 80, unsubscribed: 0, open_rate: 0.4, click_rate: 0.09 },
          sendgrid_template_id: host.templateId, preview_text: '', email_from: null, list_ids: [3], made_in_odoo: false,
          audience: { kind: 'segment', segment: 'all', label: 'Everyone on the list', list_ids: [3], domain: '[]', recipients: 900, version: 'v1' },
        });
      }
      if (name === 'sendgrid.templates.list') {
        if (!host.sendgrid) throw new Error('no SendGrid key');
        return { templates: [{ id: 'd-8f3c2a', name: 'Spring newsletter', updated_at: '2026-11-01 10:00:00', active_version: null }] };
      }
      throw new Error(`not part of this story: ${name}`);
    },
  },
}));

const { WelcomeView } = await import('../../src/renderer/src/views/settings/WelcomeView');
const { CampaignStatsView } = await import('../../src/renderer/src/views/stats/CampaignStatsView');

afterEach(cleanup);

describe('plain words for a store owner', () => {
  it('welcomes a new user without promising SendGrid, since delivery is theirs to choose', () => {
    renderWithProviders(<WelcomeView />);
    const intro = screen.getByText(/Your data stays in Odoo/).textContent ?? '';
    expect(intro).toContain("SendGrid or your Odoo's own mail server");
  });

  it('names a campaign’s SendGrid template by its name, never its d-… id', async () => {
    host.templateId = 'd-8f3c2a';
    host.sendgrid = true;
    renderWithProviders(<CampaignStatsView storeId="demo-store-a" campaignId="camp_spring01" />);
    expect(await screen.findByText('· Template “Spring newsletter”')).toBeTruthy();
    expect(document.body.textContent).not.toContain('d-8f3c2a');
  });

  it('shows no template id when SendGrid cannot name it', async () => {
    host.templateId = 'd-0000ff';
    host.sendgrid = false;
    renderWithProviders(<CampaignStatsView storeId="demo-store-a" campaignId="camp_spring01" />);
    await screen.findByRole('region', { name: 'Delivered' });
    expect(document.body.textContent).not.toContain('d-0000ff');
    expect(screen.queryByText(/· Template/)).toBeNull();
  });
});
