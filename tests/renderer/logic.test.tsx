// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { CampaignRow } from '../../src/shared/schemas/marketing';
import { AppError } from '../../src/shared/errors';
import { rateSeries, rateTrend } from '../../src/renderer/src/views/overview/trends';
import { deliveryFunnel } from '../../src/renderer/src/views/stats/funnel';
import { parseRoute, hrefFor } from '../../src/renderer/src/router';
import { shouldRetry } from '../../src/renderer/src/query-client';
import { localPickerValueToIso, isoToLocalPickerValue, subjectHint } from '../../src/renderer/src/views/editor/schedule';

type Row = z.infer<typeof CampaignRow>;
/** open and click in percent, for reading; the row carries fractions, as the API answers. */
const row = (day: number, open: number, click: number): Row => ({
  campaign_id: `camp_test${String(day).padStart(4, '0')}`,
  odoo_campaign_id: day,
  subject: `Campaign ${day}`,
  status: 'sent',
  sent_date: `2025-01-${String(day).padStart(2, '0')}T10:00:00Z`,
  scheduled_for: null,
  recipients: 1000,
  open_rate: open / 100,
  click_rate: click / 100,
});

describe('overview trends', () => {
  it('compares the newest sent campaigns with the ones sent just before them', () => {
    const recent = [row(1, 20, 2), row(2, 20, 2), row(3, 30, 3), row(4, 30, 3)];
    const trend = rateTrend(recent, 'open_rate');
    expect(trend?.delta).toBeCloseTo(10);
    expect(trend?.comparedTo).toBe('Last 2 campaigns vs the 2 sent before them');
  });

  it('shows no trend with fewer than four sent campaigns', () => {
    expect(rateTrend([row(1, 20, 2), row(2, 30, 3), row(3, 40, 4)], 'open_rate')).toBeNull();
  });

  it('orders the chart oldest first and leaves drafts out', () => {
    const draft = { ...row(9, 0, 0), status: 'draft' as const, sent_date: null };
    const series = rateSeries([row(3, 30, 3), draft, row(1, 10, 1)], (iso) => iso.slice(0, 10));
    expect(series.map((p) => p.label)).toEqual(['2025-01-01', '2025-01-03']);
    expect(series.map((p) => p.open)).toEqual([10, 30]);
  });

  it('leaves out a campaign sent moments ago whose opens and clicks have not arrived yet', () => {
    const recent = [row(1, 20, 2), row(2, 20, 2), row(3, 30, 3), row(4, 30, 3), row(5, 0, 0)];
    expect(rateTrend(recent, 'open_rate')?.delta).toBeCloseTo(10);
    expect(rateSeries(recent, (iso) => iso).length).toBe(4);
  });
});

describe('delivery funnel', () => {
  it('counts unique people at each step as a share of sent and of the previous step', () => {
    const steps = deliveryFunnel({ sent: 1000, delivered: 950, bounced: 50, opened: 600, unique_opened: 380, clicked: 120, unique_clicked: 95, unsubscribed: 3, open_rate: 40, click_rate: 10 });
    expect(steps.map((s) => s.value)).toEqual([1000, 950, 380, 95]);
    expect(steps[2]?.ofSent).toBeCloseTo(38);
    expect(steps[3]?.ofPrevious).toBeCloseTo(25);
  });

  it('does not divide by zero for a campaign nobody received', () => {
    const steps = deliveryFunnel({ sent: 0, delivered: 0, bounced: 0, opened: 0, unique_opened: 0, clicked: 0, unique_clicked: 0, unsubscribed: 0, open_rate: 0, click_rate: 0 });
    expect(steps.every((s) => s.ofSent === 0)).toBe(true);
  });
});

describe('hash router', () => {
  it('treats the browser-mode token fragment as the Overview', () => {
    expect(parseRoute('#token=abc123')).toEqual({ name: 'overview' });
  });

  it('round-trips every screen through its link', () => {
    const routes = [
      { name: 'campaigns' },
      { name: 'campaign-stats', campaignId: 'camp_abc123' },
      { name: 'campaign-new', draftId: '0b0e7d2c-6c1e-4c3e-9a55-2f7f3c1d9e10' },
      { name: 'campaign-edit', campaignId: 'camp_abc123' },
      { name: 'subscribers', import: true },
      { name: 'segments' },
      { name: 'settings' },
    ] as const;
    for (const route of routes) expect(parseRoute(hrefFor(route))).toEqual(route);
  });
});

describe('query retry policy', () => {
  it('does not retry an error the user has to fix', () => {
    expect(shouldRetry(0, new AppError('odoo.access_denied', 'No access.'))).toBe(false);
    expect(shouldRetry(0, new AppError('input.invalid', 'Bad input.'))).toBe(false);
  });

  it('retries an unreachable Odoo twice, then gives up', () => {
    const error = new AppError('odoo.unreachable', 'Down.');
    expect(shouldRetry(0, error)).toBe(true);
    expect(shouldRetry(1, error)).toBe(true);
    expect(shouldRetry(2, error)).toBe(false);
  });
});

describe('campaign schedule', () => {
  it('turns the wall-clock time the user picked into the same instant in UTC and back', () => {
    const iso = localPickerValueToIso('2030-06-01 09:15:00');
    expect(iso).toBe(new Date(2030, 5, 1, 9, 15, 0).toISOString());
    expect(isoToLocalPickerValue(iso)).toBe('2030-06-01 09:15:00');
  });

  it('warns when a subject will be cut on phones and refuses one Odoo cannot store', () => {
    expect(subjectHint('Spring sale: 20% off everything').color).toBe('dimmed');
    expect(subjectHint('x'.repeat(70)).color).toBe('yellow');
    expect(subjectHint('x'.repeat(256)).color).toBe('red');
  });
});
