// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import { StaleBadge, asOfText, formatAsOf } from '../../src/renderer/src/components';
import { renderWithProviders } from './render';

// The editor's audience box asks the host for tags and the estimate; the fake answers by name.
const answers = vi.hoisted(() => ({ estimate: null as unknown }));
vi.mock('../../src/renderer/src/api', () => ({
  api: {
    call: async (name: string) => {
      if (name === 'marketing.subscribers.tags') return { tags: [] };
      if (name === 'marketing.campaigns.estimate') return answers.estimate;
      throw new Error(`unexpected op ${name}`);
    },
  },
}));
const { AudienceFields } = await import('../../src/renderer/src/views/editor/AudienceFields');

const pinned = { locale: 'en-GB', timeZone: 'UTC' };
const now = new Date('2025-03-01T16:30:00Z');
afterEach(() => {
  cleanup();
  answers.estimate = null;
});

describe('the offline "as of" mark', () => {
  it('says "Offline · as of 14:05" for figures fetched earlier today', () => {
    renderWithProviders(<StaleBadge data={{ stale: true, as_of: '2025-03-01T14:05:00.000Z' }} now={now} {...pinned} />);
    expect(screen.getByTestId('stale-badge').textContent).toBe('Offline · as of 14:05');
  });

  it('names the day for figures fetched on an earlier day', () => {
    expect(formatAsOf('2025-02-27T09:40:00.000Z', now, pinned)).toBe('27 Feb, 09:40');
  });

  it('shows nothing for a fresh answer', () => {
    renderWithProviders(<StaleBadge data={{}} now={now} {...pinned} />);
    expect(screen.queryByTestId('stale-badge')).toBeNull();
    expect(asOfText({ as_of: '2025-03-01T14:05:00.000Z' }, now, pinned)).toBeNull();
  });

  it('shows the estimate offline as "about N recipients" with the time Odoo counted it', async () => {
    const countedAt = new Date(Date.now() - 10 * 60_000).toISOString();
    answers.estimate = { estimated_recipients: 312, list_total: 1250, stale: true, as_of: countedAt };
    const list = { id: 3, name: 'Newsletter', contact_count: 1300, active_contacts: 1250, last_campaign: null, last_campaign_detail: null };
    renderWithProviders(
      <AudienceFields storeId="demo-store-a" lists={[list]} listId="3" onListId={() => undefined} segment="buyers" onSegment={() => undefined} tag="" onTag={() => undefined} listsFreshness={{ stale: true, as_of: countedAt }} />,
    );
    const count = await screen.findByTestId('estimated-recipients', {}, { timeout: 3000 });
    const sentence = count.parentElement?.textContent ?? '';
    expect(sentence).toContain(`About 312 recipients · as of ${formatAsOf(countedAt, new Date())}`);
    expect(screen.getByTestId('stale-badge').textContent).toContain('Offline · as of');
  });
});
