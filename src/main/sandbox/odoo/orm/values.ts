import { validationError, valueError } from '../errors';
import type { Env } from './env';
import { unknownFieldError } from './field-errors';
import type { FieldDef, Rec, StoredValue } from './types';

/** A recordset returned by a method; JSON-RPC serializes it as its repr (odoo18-wire/124). */
export class RecordSet {
  constructor(
    readonly model: string,
    readonly ids: number[],
    /** Odoo's @api.returns downgrade over JSON-RPC: create(dict) -> id, create(list)/copy -> ids. */
    readonly downgrade?: 'id' | 'ids',
  ) {}
}

export type WireValue = string | number | boolean | null | WireValue[] | { [k: string]: WireValue };

/** A stored value as `read` returns it: many2one [id, name] | false, x2many id lists, false for empty. */
export function toWire(env: Env, def: FieldDef, stored: StoredValue): WireValue {
  switch (def.type) {
    case 'many2one': {
      if (typeof stored !== 'number' || !def.relation) return false;
      const target = env.browse(def.relation, stored);
      // Odoo still answers [id, name] for a dangling id it can read; the peer deletes dangling links.
      return target ? [stored, env.displayName(def.relation, target)] : false;
    }
    case 'one2many':
    case 'many2many':
      return Array.isArray(stored) ? [...stored] : [];
    case 'integer':
    case 'many2one_reference':
      return typeof stored === 'number' ? stored : 0;
    case 'float':
    case 'monetary':
      return typeof stored === 'number' ? stored : 0;
    case 'boolean':
      return stored === true;
    default:
      if (stored === null || stored === undefined || stored === '') return stored === '' && def.type !== 'selection' ? '' : false;
      return stored as WireValue;
  }
}

export function readField(env: Env, model: string, rec: Rec, name: string): WireValue {
  if (name === 'id') return rec.id;
  const def = env.field(model, name);
  if (!def) throw unknownFieldError(env, model, name, 'read');
  return toWire(env, def, env.value(model, rec, name));
}

const DATETIME = /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2}(\.\d+)?)?$/;

/** Converts a written scalar to its stored form, with Odoo's errors for wrong values (odoo18-wire/090). */
export function toStored(model: string, def: FieldDef, value: unknown): StoredValue {
  if (value === null || value === undefined) return null;
  switch (def.type) {
    case 'selection': {
      if (value === false) return null;
      const keys = (def.selection ?? []).map(([k]) => k);
      if (typeof value !== 'string' || (keys.length > 0 && !keys.includes(value))) {
        throw valueError(`Wrong value for ${model}.${def.name}: ${pyReprShort(value)}`);
      }
      return value;
    }
    case 'many2one':
      if (value === false || value === 0) return null;
      if (Array.isArray(value) && typeof value[0] === 'number') return value[0];
      if (typeof value !== 'number' || !Number.isInteger(value)) throw valueError(`Wrong value for ${model}.${def.name}: ${pyReprShort(value)}`);
      return value;
    case 'integer':
    case 'many2one_reference':
      if (value === false) return null;
      if (typeof value !== 'number') throw valueError(`Wrong value for ${model}.${def.name}: ${pyReprShort(value)}`);
      return Math.trunc(value);
    case 'float':
    case 'monetary':
      if (value === false) return null;
      if (typeof value !== 'number') throw valueError(`Wrong value for ${model}.${def.name}: ${pyReprShort(value)}`);
      return value;
    case 'boolean':
      return Boolean(value);
    case 'date':
    case 'datetime': {
      if (value === false || value === '') return null;
      if (typeof value !== 'string' || !DATETIME.test(value)) {
        throw valueError(`time data ${pyReprShort(value)} does not match format '%Y-%m-%d %H:%M:%S'`);
      }
      if (def.type === 'date') return value.slice(0, 10);
      return value.length === 10 ? `${value} 00:00:00` : value.slice(0, 19);
    }
    default:
      if (value === false) return null;
      return typeof value === 'string' ? value : String(value);
  }
}

function pyReprShort(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
}

/**
 * Odoo's message for a NOT NULL violation on create/write (odoo18-wire/083, 084). Odoo 19 words it
 * anew and gives no second argument (odoo19-json2-wire/109, 110).
 */
export function mandatoryFieldError(env: Env, modelDescription: string, model: string, def: FieldDef) {
  if (Number(env.services.version.split('.')[0]) >= 19) {
    return validationError(
      `The operation cannot be completed: Missing required value for the field '${def.string}' (${def.name}).\n` +
        `Model: '${modelDescription}' (${model})\n` +
        '- create/update: a mandatory field is not set\n' +
        '- delete: another model requires the record being deleted, you can archive it instead\n',
    );
  }
  const field = `Field: ${def.string} (${def.name})`;
  return validationError(
    'The operation cannot be completed:\n- Create/update: a mandatory field is not set.\n' +
      '- Delete: another model requires the record being deleted. If possible, archive it instead.\n\n' +
      `Model: ${modelDescription} (${model})\n${field}\n`,
    field,
  );
}

export function isEmpty(value: StoredValue | undefined): boolean {
  return value === null || value === undefined || value === false || value === '';
}

export function formatDatetime(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

export function parseDatetime(value: string): Date {
  return new Date(`${value.replace(' ', 'T')}Z`);
}
