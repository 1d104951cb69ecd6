import { valueError } from '../errors';
import type { Env } from './env';
import type { StoredValue } from './types';

/**
 * Grouping a date or datetime field by a period ("open_datetime:hour"), as Odoo's _read_group does
 * (odoo/models.py READ_GROUP_TIME_GRANULARITY and READ_GROUP_DISPLAY_FORMAT, odoo19-json2-wire/246):
 * the group's value is the start of the period, its records those from that start (inclusive) to
 * the next one (exclusive). A plain date/datetime groupby means ":month", like Odoo.
 * The peer truncates in UTC: Odoo uses the context's tz, and the console sends none.
 */
export const GRANULARITIES = ['hour', 'day', 'month', 'year'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/**
 * Odoo's READ_GROUP_NUMBER_GRANULARITY (odoo/models.py, 17 to 19): a part of the date as a number
 * (PostgreSQL's date_part), e.g. "open_datetime:hour_number" groups by the hour of the day, 0–23.
 */
export const NUMBER_GRANULARITIES = ['year_number', 'quarter_number', 'month_number', 'iso_week_number', 'day_of_year', 'day_of_month', 'day_of_week', 'hour_number', 'minute_number', 'second_number'] as const;
export type NumberGranularity = (typeof NUMBER_GRANULARITIES)[number];

export interface GroupSpec {
  /** As the caller wrote it: the key of the group's value in read_group's answer. */
  spec: string;
  field: string;
  granularity: Granularity | null;
  /** A number granularity; `granularity` is then null (the group is a plain value, not a period). */
  number?: NumberGranularity;
  type: 'date' | 'datetime' | null;
}

export function parseGroupSpec(env: Env, model: string, spec: string): GroupSpec {
  const [field = '', granularity] = spec.split(':');
  const def = env.field(model, field);
  if (!def) throw valueError(`Invalid field '${field}' on model '${model}'`);
  if (def.type !== 'date' && def.type !== 'datetime') {
    if (granularity) throw valueError(`Granularity set on a field of type '${def.type}'`);
    return { spec, field, granularity: null, type: null };
  }
  const g = granularity ?? 'month';
  if ((NUMBER_GRANULARITIES as readonly string[]).includes(g)) return { spec, field, granularity: null, number: g as NumberGranularity, type: def.type };
  if (!(GRANULARITIES as readonly string[]).includes(g)) throw valueError(`Granularity '${g}' is not supported for field ${field}`);
  return { spec, field, granularity: g as Granularity, type: def.type };
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** The start of the period holding `value` ('YYYY-MM-DD HH:MM:SS' or 'YYYY-MM-DD'), or false for an empty value. */
export function periodStart(spec: GroupSpec, value: StoredValue): string | false {
  if (typeof value !== 'string' || !value) return false;
  const [date = '', time = '00:00:00'] = value.split(' ');
  const [y, m, d] = date.split('-');
  const day = spec.granularity === 'year' ? `${y}-01-01` : spec.granularity === 'month' ? `${y}-${m}-01` : `${y}-${m}-${d}`;
  if (spec.type === 'date') return day;
  return spec.granularity === 'hour' ? `${day} ${time.slice(0, 2)}:00:00` : `${day} 00:00:00`;
}

/** The start of the next period: the exclusive end of the group's range. */
export function periodEnd(spec: GroupSpec, start: string): string {
  const at = new Date(`${start.slice(0, 10)}T${spec.type === 'datetime' ? start.slice(11) : '00:00:00'}Z`);
  if (spec.granularity === 'hour') at.setUTCHours(at.getUTCHours() + 1);
  else if (spec.granularity === 'day') at.setUTCDate(at.getUTCDate() + 1);
  else if (spec.granularity === 'month') at.setUTCMonth(at.getUTCMonth() + 1);
  else at.setUTCFullYear(at.getUTCFullYear() + 1);
  const day = `${at.getUTCFullYear()}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}`;
  return spec.type === 'date' ? day : `${day} ${pad(at.getUTCHours())}:00:00`;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Babel's READ_GROUP_DISPLAY_FORMAT in en_US: 'hh:00 dd MMM', 'dd MMM yyyy', 'MMMM yyyy', 'yyyy'. */
export function periodLabel(spec: GroupSpec, start: string): string {
  const y = start.slice(0, 4);
  const month = MONTHS[Number(start.slice(5, 7)) - 1] ?? '';
  const d = start.slice(8, 10);
  switch (spec.granularity) {
    case 'hour': {
      const h = Number(start.slice(11, 13)) % 12 || 12;
      return `${pad(h)}:00 ${d} ${month.slice(0, 3)}`;
    }
    case 'day':
      return `${d} ${month.slice(0, 3)} ${y}`;
    case 'month':
      return `${month} ${y}`;
    default:
      return y;
  }
}

/**
 * date_part of the value for a number granularity (in UTC, like the periods above), or false for an
 * empty value: ISO week, day of the week from 0 (Sunday), quarter from 1.
 */
export function datePart(number: NumberGranularity, value: StoredValue): number | false {
  if (typeof value !== 'string' || !value) return false;
  const at = new Date(`${value.slice(0, 10)}T${value.length > 10 ? value.slice(11, 19) : '00:00:00'}Z`);
  const startOfYear = Date.UTC(at.getUTCFullYear(), 0, 1);
  switch (number) {
    case 'year_number':
      return at.getUTCFullYear();
    case 'quarter_number':
      return Math.floor(at.getUTCMonth() / 3) + 1;
    case 'month_number':
      return at.getUTCMonth() + 1;
    case 'iso_week_number': {
      const thursday = new Date(at.getTime());
      thursday.setUTCDate(at.getUTCDate() + 3 - ((at.getUTCDay() + 6) % 7));
      return Math.floor((thursday.getTime() - Date.UTC(thursday.getUTCFullYear(), 0, 1)) / 86_400_000 / 7) + 1;
    }
    case 'day_of_year':
      return Math.floor((at.getTime() - startOfYear) / 86_400_000) + 1;
    case 'day_of_month':
      return at.getUTCDate();
    case 'day_of_week':
      return at.getUTCDay();
    case 'hour_number':
      return at.getUTCHours();
    case 'minute_number':
      return at.getUTCMinutes();
    default:
      return at.getUTCSeconds();
  }
}
