import { OdooError } from '../errors';
import type { MethodSpec } from './model';

/** A method called on the model (no ids), with Python's parameter names and how many are required. */
export const model = (params: string[], run: MethodSpec['run'], required = 0): MethodSpec => ({ kind: 'model', params, run, required });
/** A method called on records: the first positional argument (or `ids`) is the record ids. */
export const records = (params: string[], run: MethodSpec['run'], required = 0): MethodSpec => ({ kind: 'records', params, run, required });

export type Args = Record<string, unknown>;
export const list = (v: unknown): string[] | null => (Array.isArray(v) ? (v as string[]) : null);
export const num = (v: unknown, fallback: number | null): number | null => (typeof v === 'number' ? v : fallback);
/**
 * A LIMIT or OFFSET goes into the SQL as given: a value PostgreSQL cannot read as a bigint fails
 * there, a 500 (odoo19-json2-wire/108: limit "ten").
 */
export function sqlInt(v: unknown, fallback: number | null): number | null {
  if (v === undefined || v === null || v === false) return fallback;
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  throw new OdooError('psycopg2.errors.InvalidTextRepresentation', `invalid input syntax for type bigint: ${JSON.stringify(String(v))}\n`, 500);
}
export const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
