// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { formatCompact, formatDate, formatDateTime, formatNumber, formatPercent, formatPointsDelta, formatRelative } from '../../src/renderer/src/components/format';

const en = { locale: 'en-US' };

describe('formatters', () => {
  it('groups thousands in the user locale', () => {
    expect(formatNumber(1250, en)).toBe('1,250');
    expect(formatNumber(1250, { locale: 'de-DE' })).toBe('1.250');
  });

  it('reads API rates as percentages from 0 to 100, not fractions', () => {
    expect(formatPercent(23.456, en)).toBe('23.5%');
    expect(formatPercent(0, en)).toBe('0.0%');
    expect(formatPercent(100, en)).toBe('100.0%');
  });

  it('signs a change in percentage points and leaves zero unsigned', () => {
    expect(formatPointsDelta(2.44, en)).toBe('+2.4 pts');
    expect(formatPointsDelta(-1, en)).toBe('-1.0 pts');
    expect(formatPointsDelta(0, en)).toBe('0.0 pts');
  });

  it('shows a UTC instant in the user time zone, so an evening send in New York keeps its own date', () => {
    const iso = '2025-03-04T02:30:00Z';
    expect(formatDate(iso, { ...en, timeZone: 'America/New_York' })).toBe('Mar 3, 2025');
    expect(formatDate(iso, { ...en, timeZone: 'Europe/Paris' })).toBe('Mar 4, 2025');
    expect(formatDateTime(iso, { ...en, timeZone: 'America/New_York' })).toMatch(/^Mar 3, 2025, 9:30\sPM$/);
  });

  it('shows a dash for a missing or unreadable date instead of "Invalid Date"', () => {
    expect(formatDate(null, en)).toBe('—');
    expect(formatDateTime('not a date', en)).toBe('—');
  });

  it('describes a date relative to the given clock', () => {
    const now = new Date('2025-03-10T12:00:00Z');
    expect(formatRelative('2025-03-07T12:00:00Z', now, en)).toBe('3 days ago');
    expect(formatRelative('2025-03-10T14:00:00Z', now, en)).toBe('in 2 hours');
  });

  it('abbreviates large figures for tight spaces', () => {
    expect(formatCompact(1250, en)).toBe('1.3K');
  });
});
