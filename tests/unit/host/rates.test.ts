import { describe, expect, it } from 'vitest';
import { percent } from '../../../src/main/core/marketing/stats';
import { detailRates, overviewRates, toRate } from '../../../src/main/host/handlers/rates';
import { formatRate } from '../../../src/renderer/src/components/format';

describe('rates at the API edge', () => {
  it('answers the spec’s example: 480 opened and 120 clicked of 1,150 delivered are 0.417 and 0.104', () => {
    expect(toRate(percent(480, 1150))).toBe(0.417);
    expect(toRate(percent(120, 1150))).toBe(0.104);
  });

  it('converts every rate of an answer once, and nothing else', () => {
    const stats = { sent: 1200, delivered: 1150, opened: 480, open_rate: 41.7, click_rate: 10.4 };
    expect(detailRates({ campaign_id: 'camp_abc123', stats })).toEqual({ campaign_id: 'camp_abc123', stats: { ...stats, open_rate: 0.417, click_rate: 0.104 } });
    const overview = overviewRates({
      subscribers: 1250,
      average_open_rate: 38.5,
      average_click_rate: 9.2,
      recent_campaigns: [{ open_rate: 40, click_rate: 10 }],
      trends: { period_days: 30, average_open_rate: { current: 38.5, previous: 36 }, average_click_rate: { current: 9.2, previous: 9.2 } },
    });
    expect(overview).toEqual({
      subscribers: 1250,
      average_open_rate: 0.385,
      average_click_rate: 0.092,
      recent_campaigns: [{ open_rate: 0.4, click_rate: 0.1 }],
      trends: { period_days: 30, average_open_rate: { current: 0.385, previous: 0.36 }, average_click_rate: { current: 0.092, previous: 0.092 } },
    });
  });

  it('is shown as the same percentage the console always showed', () => {
    expect(formatRate(0.417, { locale: 'en-US' })).toBe('41.7%');
    expect(formatRate(0.385, { locale: 'en-US' })).toBe('38.5%');
  });
});
