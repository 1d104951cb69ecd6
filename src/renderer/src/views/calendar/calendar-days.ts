import dayjs from 'dayjs';
import type { z } from 'zod';
import type { CampaignRow } from '../../../../shared/schemas/marketing';

/**
 * The calendar's date arithmetic, in the person's own time zone (the browser's, as every date in
 * the console): a campaign sits on the local day its instant falls on, and a move keeps its local
 * time of day. Days are 'YYYY-MM-DD' strings, as Mantine's date components take them.
 */
export type CalendarView = 'month' | 'week';
type Row = z.infer<typeof CampaignRow>;

/** Weeks start on Monday, as Mantine's date components do by default. */
export function startOfWeek(day: string): string {
  const d = dayjs(day);
  return d.subtract((d.day() + 6) % 7, 'day').format('YYYY-MM-DD');
}

/** The days a view shows: the month's own days, or the seven of the week. */
export function daysShown(view: CalendarView, anchor: string): string[] {
  if (view === 'week') {
    const first = dayjs(startOfWeek(anchor));
    return Array.from({ length: 7 }, (_, i) => first.add(i, 'day').format('YYYY-MM-DD'));
  }
  const first = dayjs(anchor).startOf('month');
  return Array.from({ length: first.daysInMonth() }, (_, i) => first.add(i, 'day').format('YYYY-MM-DD'));
}

/** The instants bounding what a view shows, for the list's from/to (Odoo's calendar_date). */
export function rangeOf(view: CalendarView, anchor: string): { from: string; to: string } {
  const days = daysShown(view, anchor);
  return { from: dayjs(days[0]).startOf('day').toISOString(), to: dayjs(days[days.length - 1]).add(1, 'day').startOf('day').toISOString() };
}

/** The anchor of the view before or after this one. */
export function shift(view: CalendarView, anchor: string, by: 1 | -1): string {
  return dayjs(anchor).add(by, view).format('YYYY-MM-DD');
}

/** "December 2026", or "30 Nov – 6 Dec 2026" for a week. */
export function viewTitle(view: CalendarView, anchor: string, locale?: string): string {
  if (view === 'month') return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric' }).format(dayjs(anchor).toDate());
  const days = daysShown('week', anchor);
  const fmt = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric' });
  return fmt.formatRange(dayjs(days[0]).toDate(), dayjs(days[6]).toDate());
}

/** When a campaign sits on the calendar: sent on its send date, otherwise on its (scheduled) date. */
export function calendarInstant(row: Row): string | null {
  return row.status === 'sent' || row.status === 'failed' || row.status === 'canceled' ? row.sent_date ?? row.scheduled_for : row.scheduled_for ?? row.sent_date;
}

export function localDay(iso: string): string {
  return dayjs(iso).format('YYYY-MM-DD');
}

/** The campaigns of each local day, earliest first; one campaign appears once even if two queries found it. */
export function byDay(rows: readonly Row[]): Map<string, Row[]> {
  const seen = new Set<string>();
  const days = new Map<string, Row[]>();
  for (const row of rows) {
    const at = calendarInstant(row);
    if (!at || seen.has(row.campaign_id)) continue;
    seen.add(row.campaign_id);
    const day = localDay(at);
    days.set(day, [...(days.get(day) ?? []), row]);
  }
  for (const list of days.values()) list.sort((a, b) => (calendarInstant(a) ?? '').localeCompare(calendarInstant(b) ?? ''));
  return days;
}

/** Only what is still ahead and not on its way can move: scheduled campaigns and dated drafts. */
export function canMove(row: Row): boolean {
  return (row.status === 'scheduled' || row.status === 'draft') && row.scheduled_for !== null;
}

/** The instant on `day` at the same local time of day as `iso` (a move changes the day only). */
export function sameTimeOn(iso: string, day: string): string {
  const at = dayjs(iso);
  return dayjs(day).hour(at.hour()).minute(at.minute()).second(at.second()).millisecond(0).toISOString();
}

/** Why a move to `day` is refused before asking the server, or null when it may be tried. */
export function moveProblem(row: Row, day: string, now: Date): string | null {
  if (!canMove(row)) return row.status === 'sent' || row.status === 'sending' ? 'A campaign that was sent or is being sent stays on its day.' : 'Only scheduled campaigns and dated drafts can be moved.';
  const at = sameTimeOn(row.scheduled_for as string, day);
  if (new Date(at).getTime() <= now.getTime()) return 'A campaign cannot be moved into the past. Pick a day and time still ahead.';
  return null;
}
