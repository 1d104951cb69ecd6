import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type { Domain, OdooClient } from '../odoo';

/** read_progress_bar's answer: {"<group value>": {"<bar value>": count}} (addons/web/models/models.py). */
const Bars = z.record(z.string(), z.record(z.string(), z.number().int().nonnegative()));

/**
 * Counts per value of `groupBy` over a mailing's traces, with no copy of the domain per group:
 * read_progress_bar, whose bar field is trace_type ("mail" on every trace of a mailing).
 */
export async function countBy(odoo: OdooClient, mailingId: number, where: Domain, groupBy: string, context?: Record<string, string>): Promise<Map<string, number>> {
  const answer = await odoo.call('mailing.trace', 'read_progress_bar', [], {
    domain: [['mass_mailing_id', '=', mailingId], ...where], group_by: groupBy, progress_bar: { field: 'trace_type', colors: { mail: '' } },
    ...(context ? { context } : {}),
  }, { mutating: false });
  return new Map(Object.entries(Bars.parse(answer)).map(([key, counts]) => [key, counts.mail ?? 0]));
}

/**
 * Odoo 18 labels its periods in English with no tz in the context (UTC), and tells nothing else
 * (read_progress_bar takes read_group's formatted rows, addons/web/models/models.py 18.0).
 */
const LABELS = { lang: 'en_US', tz: 'UTC' };
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const HOURS = Array.from({ length: 24 }, (_, h) => h);
const pad = (n: number): string => String(n).padStart(2, '0');

/** A day's label in Odoo 18's read_group ('dd MMM yyyy' in babel's en_US, "01 Mar 2026") as Odoo writes its start. */
function dayStart(label: string): string {
  const match = /^(\d{2}) ([A-Z][a-z]{2}) (\d{4})$/.exec(label);
  const month = match ? MONTHS.indexOf(match[2] ?? '') : -1;
  if (!match || month < 0) throw new AppError('odoo.malformed_response', 'Odoo sent a date the console cannot read.', { value: label.slice(0, 40) });
  return `${match[3]}-${pad(month + 1)}-${match[1]} 00:00:00`;
}

const emptyGroup = (key: string): boolean => key === 'None' || key === 'False';

/**
 * Traces counted per hour or day of `field` (open or click time), keyed by the period's start as
 * Odoo writes datetimes. Odoo 19's read_progress_bar keys a period by its start. Odoo 18 keys it
 * by read_group's label, whose hour ('hh:00 dd MMM') is on a 12-hour clock with no year, so 9 am
 * and 9 pm share an entry: by the hour, 18 is asked per day with the hour of the day
 * (`:hour_number`, 0–23) as the bar values, still one call, ~24 small counts a day.
 */
export async function countPeriods(odoo: OdooClient, major: number, mailingId: number, field: string, granularity: 'hour' | 'day'): Promise<Map<string, number>> {
  const where: Domain = [[field, '!=', false]];
  if (major >= 19) return countBy(odoo, mailingId, where, `${field}:${granularity}`);
  if (granularity === 'day') {
    const days = await countBy(odoo, mailingId, where, `${field}:day`, LABELS);
    return new Map([...days].filter(([label, n]) => !emptyGroup(label) && n > 0).map(([label, n]) => [dayStart(label), n]));
  }
  const answer = await odoo.call('mailing.trace', 'read_progress_bar', [], {
    domain: [['mass_mailing_id', '=', mailingId], ...where], group_by: `${field}:day`,
    progress_bar: { field: `${field}:hour_number`, colors: HOURS }, context: LABELS,
  }, { mutating: false });
  const counts = new Map<string, number>();
  for (const [label, byHour] of Object.entries(Bars.parse(answer))) {
    if (emptyGroup(label)) continue;
    const day = dayStart(label).slice(0, 10);
    for (const [hour, n] of Object.entries(byHour)) if (n > 0) counts.set(`${day} ${pad(Number(hour))}:00:00`, n);
  }
  return counts;
}
