import { valueError, type OdooError } from '../errors';
import type { Env } from './env';

/**
 * The ValueError for a field name a model does not have, where a read or a write meets it. Odoo 18
 * says "Invalid field 'x' on model 'm'" for both (odoo18-wire/088 read, 092 create). Odoo 19 words
 * them apart: a read's _determine_fields_to_fetch says "on 'm'" (odoo19-json2-wire/111, 214), the
 * field check of create and write says "in 'm'" (114, 250). Orders and groupings keep "on model"
 * on both (_order_field_to_sql, _read_group_groupby), so they do not come here.
 */
export function unknownFieldError(env: Env, model: string, name: string, use: 'read' | 'write'): OdooError {
  if (Number(env.services.version.split('.')[0]) < 19) return valueError(`Invalid field '${name}' on model '${model}'`);
  return valueError(use === 'read' ? `Invalid field '${name}' on '${model}'` : `Invalid field '${name}' in '${model}'`);
}
