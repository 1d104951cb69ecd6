// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { Modal } from '@mantine/core';
import { Breakdowns } from '../../src/renderer/src/views/stats/Breakdowns';
import { LoadingState, PageHeader, Pager } from '../../src/renderer/src/components';
import { NavigationVisit } from '../../src/renderer/src/router';
import { SkipLink } from '../../src/renderer/src/shell/SkipLink';
import type { OpOutput } from '../../src/renderer/src/api/hooks';
import { renderWithProviders } from './render';

afterEach(cleanup);

/** What a screen reader would call a control: its aria-label, else its text. */
const nameOf = (el: Element) => el.getAttribute('aria-label') ?? el.textContent?.trim() ?? '';

const report: OpOutput<'marketing.campaigns.report'> = {
  campaign_id: 'camp_1',
  odoo_campaign_id: 1,
  made_in_odoo: false,
  funnel: { expected: 100, canceled: 0, sent: 100, delivered: 90, opened: 40, clicked: 10, bounced: 10, failed: 0 },
  timeline: { granularity: 'hour', buckets: [] },
  bounces: { hard: 6, soft: 2, block: 1, dropped: 1 },
  opens: { unique: 40, total: 55, human: 30, machine: 10 },
  clicks: { unique: 10, total: 12 },
  top_links: [],
  unsubscribes_from_events: 0,
  sources: ['odoo', 'events'],
};

describe('the stats view read aloud', () => {
  it('names every bar of the bounce and open breakdowns', () => {
    renderWithProviders(<Breakdowns report={report} />);
    const bars = screen.getAllByRole('progressbar');
    expect(bars).toHaveLength(6);
    expect(bars.map(nameOf)).toEqual([
      'Hard (address does not exist), share of 10',
      'Soft (mailbox full, server busy), share of 10',
      'Blocked by the receiving server, share of 10',
      'Dropped by SendGrid, share of 10',
      'Human opens, share of 40',
      'Machine opens, share of 40',
    ]);
  });
});

describe('the pager', () => {
  it('says which page of what each button opens, arrows included', () => {
    renderWithProviders(<Pager total={3} value={2} onChange={() => undefined} of="Recipients" />);
    const names = screen.getAllByRole('button').map(nameOf);
    expect(names).toEqual(['Previous recipients page', 'Recipients page 1', 'Recipients page 2', 'Recipients page 3', 'Next recipients page']);
    expect(screen.getByRole('navigation', { name: 'Recipients pages' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Recipients page 2' }).getAttribute('aria-current')).toBe('page');
  });
});

describe('a view’s heading', () => {
  it('titles the window after the view', () => {
    renderWithProviders(<PageHeader title="Campaigns" />);
    expect(document.title).toBe('Campaigns — Markket');
  });

  it('takes focus after a navigation, so a screen reader announces the new view', () => {
    renderWithProviders(
      <NavigationVisit.Provider value={2}>
        <PageHeader title="Subscribers" />
      </NavigationVisit.Provider>,
    );
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Subscribers', level: 1 }));
  });

  it('leaves focus alone on the first screen after start-up', () => {
    renderWithProviders(<PageHeader title="Overview" />);
    expect(document.activeElement).not.toBe(screen.getByRole('heading', { name: 'Overview', level: 1 }));
  });
});

describe('keyboard shortcuts past the chrome', () => {
  it('the skip link moves focus to the view’s heading without changing the route', () => {
    window.location.hash = '#/campaigns';
    renderWithProviders(
      <>
        <SkipLink />
        <PageHeader title="Campaigns" />
      </>,
    );
    fireEvent.click(screen.getByRole('link', { name: 'Skip to content' }));
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Campaigns', level: 1 }));
    expect(window.location.hash).toBe('#/campaigns');
  });
});

describe('dialogs and loading', () => {
  it('every dialog’s close button has a name', () => {
    renderWithProviders(
      <Modal opened onClose={() => undefined} title="Delete this draft?">
        body
      </Modal>,
    );
    expect(screen.getByRole('button', { name: 'Close' })).toBeTruthy();
  });

  it('a loading skeleton is a named status, not a nameless box', () => {
    renderWithProviders(<LoadingState />);
    expect(screen.getByRole('status', { name: 'Loading' }).getAttribute('aria-busy')).toBe('true');
  });
});
