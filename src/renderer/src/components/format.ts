/**
 * Number, percent and date formatting for the whole renderer. Everything goes through Intl so a
 * store owner sees their own locale and, for dates (which cross the API as ISO UTC strings), their
 * own time zone. `timeZone` and `locale` are parameters only so tests can pin them.
 */
export interface FormatOptions {
  locale?: string;
  timeZone?: string;
}

export function formatNumber(value: number, { locale }: FormatOptions = {}): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** Compact figures for tight spaces: 1,250 → "1.3K". */
export function formatCompact(value: number, { locale }: FormatOptions = {}): string {
  return new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

/** A share the renderer computed itself, as a percentage 0–100: 41.7 → "41.7%". */
export function formatPercent(value: number, { locale }: FormatOptions = {}): string {
  return new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value / 100);
}

/** A rate as the API answers it, a fraction 0–1 (the spec's "open_rate": 0.417) → "41.7%". */
export function formatRate(rate: number, { locale }: FormatOptions = {}): string {
  return new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(rate);
}

/** A signed difference in percentage points: +2.4 pts / −1.0 pts. */
export function formatPointsDelta(delta: number, { locale }: FormatOptions = {}): string {
  const formatted = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(delta);
  return `${formatted} pts`;
}

function parseIso(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function formatDate(iso: string | null | undefined, { locale, timeZone }: FormatOptions = {}): string {
  const date = iso ? parseIso(iso) : null;
  if (!date) return '—';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(date);
}

export function formatDateTime(iso: string | null | undefined, { locale, timeZone }: FormatOptions = {}): string {
  const date = iso ? parseIso(iso) : null;
  if (!date) return '—';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(date);
}

/** "3 days ago" / "in 2 hours", relative to `now` (passed in, so callers and tests control the clock). */
export function formatRelative(iso: string | null | undefined, now: Date, { locale }: FormatOptions = {}): string {
  const date = iso ? parseIso(iso) : null;
  if (!date) return '—';
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['year', 31_536_000],
    ['month', 2_592_000],
    ['week', 604_800],
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return rtf.format(Math.round(seconds / size), unit);
  }
  return rtf.format(0, 'minute');
}

/** The user's IANA time zone, shown next to date pickers so "9:00" is never ambiguous. */
export function userTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
