import { z } from 'zod';
import { AppError } from '../../../shared/errors';

/** A many2one value: `[id, display_name]`, or `false` when empty (odoo18-wire/113, 126). */
export const many2one: z.ZodType<{ id: number; name: string } | null> = z
  .union([z.tuple([z.number().int(), z.string()]), z.literal(false)])
  .transform((value) => (value === false ? null : { id: value[0], name: value[1] }));

const ODOO_DATETIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/**
 * Odoo datetimes travel as UTC "YYYY-MM-DD HH:MM:SS" strings whatever the tz in the context
 * (odoo18-wire/251-search_read-mailing_trace-with-tz-context.json); empty is `false`.
 */
export function odooDatetime(value: unknown): Date | null {
  if (value === false || value === null || value === undefined) return null;
  const match = typeof value === 'string' ? ODOO_DATETIME.exec(value) : null;
  if (!match) {
    throw new AppError('odoo.malformed_response', 'Odoo sent a date the console cannot read.', { value: String(value).slice(0, 40) });
  }
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) {
    throw new AppError('odoo.malformed_response', 'Odoo sent a date the console cannot read.', { value });
  }
  return date;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** The UTC string Odoo expects in writes and domains (odoo18-wire/144-write-mailing_mailing-schedule.json). */
export function toOdooDatetime(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** zod field for an Odoo datetime, for record schemas used with parseRecords. */
export const odooDatetimeField: z.ZodType<Date | null> = z.union([z.string(), z.literal(false)]).transform((value, ctx) => {
  try {
    return odooDatetime(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'not an Odoo datetime' });
    return z.NEVER;
  }
});

/** An Odoo char/text value: `false` when empty. */
export const odooText: z.ZodType<string | null> = z.union([z.string(), z.literal(false)]).transform((v) => (v === false ? null : v));

/**
 * Validates records at the edge. A record that does not match throws odoo.malformed_response
 * naming the model, the record id and the field, so a changed Odoo schema is found at once.
 */
export function parseRecords<T extends z.ZodTypeAny>(schema: T, records: unknown, model?: string): z.infer<T>[] {
  if (!Array.isArray(records)) {
    throw new AppError('odoo.malformed_response', `Odoo sent ${model ?? 'records'} in a form the console does not understand.`, { ...(model ? { model } : {}), reason: 'not a list' });
  }
  return records.map((record: unknown, index) => {
    const parsed = schema.safeParse(record);
    if (parsed.success) return parsed.data as z.infer<T>;
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join('.') || undefined;
    const id = record && typeof record === 'object' && 'id' in record ? (record as { id: unknown }).id : undefined;
    throw new AppError(
      'odoo.malformed_response',
      `Odoo sent a ${model ?? 'record'} whose ${field ? `field "${field}"` : 'content'} the console does not understand. The Odoo version or its modules may differ from what the console supports.`,
      { ...(model ? { model } : {}), ...(field ? { field } : {}), index, ...(typeof id === 'number' ? { id } : {}), problem: issue?.message },
    );
  });
}
