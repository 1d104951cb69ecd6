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

export interface GroupSpec {
  /** As the caller wrote it: the key of the group's value in read_group's answer. */
  spec: string;
  field: string;
  granularity: Granularity | null;
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
