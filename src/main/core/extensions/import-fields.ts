import { ImportField } from '../../../shared/import-mapping';
import type { OdooClient } from '../odoo';

/** Fields the console fills itself, or that are Odoo's bookkeeping: never a target for a column. */
const NOT_IMPORTABLE = new Set(['id', 'email', 'email_normalized', 'name', 'display_name', 'is_blacklisted', 'opt_out', 'message_bounce']);

/**
 * The mailing.contact fields an imported column may fill, read from this Odoo's fields_get so a
 * field another module (or an administrator) added is offered too, and a field this Odoo lacks is
 * never offered: writable, plain-valued (text, numbers, yes/no, dates, choices).
 */
export async function importFields(odoo: OdooClient): Promise<ImportField[]> {
  const fields = await odoo.fieldsGet('mailing.contact', { attributes: ['string', 'type', 'readonly', 'selection'] });
  const result: ImportField[] = [];
  for (const [name, info] of Object.entries(fields)) {
    if (info.readonly === true || NOT_IMPORTABLE.has(name) || name.startsWith('x_markket_') || name.startsWith('message_')) continue;
    const parsed = ImportField.safeParse({ name, label: typeof info.string === 'string' ? info.string : name, type: info.type, ...(Array.isArray(info.selection) ? { selection: info.selection } : {}) });
    if (parsed.success) result.push(parsed.data);
  }
  return result.sort((a, b) => a.label.localeCompare(b.label));
}
