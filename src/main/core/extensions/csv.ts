import { parseCsv } from '../../../shared/csv';
import { AppError } from '../../../shared/errors';
import { guessColumns, mappingProblems, type ColumnRole, type ImportField } from '../../../shared/import-mapping';
import { normalizeEmail } from './handlers/email';
import type { RowReport } from './handlers/newsletter';

/**
 * CSV text → subscribers for the newsletter's bulk form. The file is read with the same parser the
 * import dialog previews with (src/shared/csv.ts), its columns mapped by role (given, or guessed
 * from the header). Every non-blank row ends up either as a subscriber to sync or as a report line
 * (no address, not an address, an address already seen): none vanishes, and every row keeps the
 * spreadsheet's row number.
 */
export type FieldValue = string | number | boolean;
export interface ImportSubscriber {
  row: number;
  email: string;
  name?: string;
  tags?: string[];
  documentId?: string;
  fields?: Record<string, FieldValue>;
  source: 'import';
}
export interface SubscriberFile {
  subscribers: ImportSubscriber[];
  /** Rows that go no further, with the reason. */
  refused: RowReport[];
  /** Rows holding anything (what the dialog announced). */
  rows: number;
  blankLines: number;
}

function invalid(field: string, problem: string): AppError {
  return new AppError('input.invalid', problem, { fields: [{ field, problem }] });
}

const TRUE = /^(1|y|yes|true|x|oui|si|sí|ja)$/i;
const FALSE = /^(0|n|no|false|non|nein)$/i;

/** A cell as the Odoo field wants it, or a sentence saying why it cannot be. */
export function fieldValue(field: ImportField, cell: string): FieldValue | { problem: string } {
  switch (field.type) {
    case 'char':
    case 'text':
      return cell;
    case 'integer':
      return /^[-+]?\d{1,15}$/.test(cell) ? Number(cell) : { problem: `${field.label} "${cell}" is not a whole number` };
    case 'float': {
      const n = Number(cell.replace(',', '.'));
      return Number.isFinite(n) ? n : { problem: `${field.label} "${cell}" is not a number` };
    }
    case 'boolean':
      return TRUE.test(cell) ? true : FALSE.test(cell) ? false : { problem: `${field.label} "${cell}" is neither yes nor no` };
    case 'date':
      // Odoo's own date format; guessing between 03/04 orders would put wrong dates in silently.
      return /^\d{4}-\d{2}-\d{2}$/.test(cell) ? cell : { problem: `${field.label} "${cell}" is not a date written as YYYY-MM-DD` };
    case 'selection': {
      const hit = field.selection?.find(([key, label]) => key.toLowerCase() === cell.toLowerCase() || label.toLowerCase() === cell.toLowerCase());
      return hit ? hit[0] : { problem: `${field.label} "${cell}" is not one of ${field.selection?.map(([, l]) => l).join(', ') ?? 'its choices'}` };
    }
  }
}

export function readSubscriberFile(text: string, options: { columns?: ColumnRole[]; fields: ImportField[] }): SubscriberFile {
  const parsed = parseCsv(text);
  if (parsed.problem) throw invalid('csv', parsed.problem.message);
  if (parsed.header.length === 0) return { subscribers: [], refused: [], rows: 0, blankLines: parsed.blankLines };
  const roles = options.columns ?? guessColumns(parsed.header, options.fields);
  if (roles.length !== parsed.header.length) throw invalid('columns', `The mapping names ${roles.length} columns but the file has ${parsed.header.length}. Pick the file again.`);
  const problems = mappingProblems(roles);
  if (problems.length > 0) throw invalid('columns', problems.join(' '));
  const fieldsByName = new Map(options.fields.map((f) => [f.name, f]));
  for (const role of roles) {
    if (role.startsWith('field:') && !fieldsByName.has(role.slice(6))) throw invalid('columns', `Odoo's contacts have no field "${role.slice(6)}" an import can fill. Choose another field or skip the column.`);
  }
  const at = (role: ColumnRole) => roles.indexOf(role);
  const subscribers: ImportSubscriber[] = [];
  const refused: RowReport[] = [];
  const firstRowOf = new Map<string, number>();

  for (const { line, cells } of parsed.rows) {
    const cell = (i: number) => (i === -1 ? '' : (cells[i] ?? '').trim());
    const email = cell(at('email'));
    if (!email) {
      refused.push({ row: line, email: '', outcome: 'invalid', reason: 'no email address in this row' });
      continue;
    }
    const normalized = normalizeEmail(email);
    if (!normalized) {
      refused.push({ row: line, email, outcome: 'invalid', reason: 'not a valid email address' });
      continue;
    }
    const first = firstRowOf.get(normalized);
    if (first !== undefined) {
      refused.push({ row: line, email: normalized, outcome: 'skipped', reason: `same address as row ${first}` });
      continue;
    }
    const fields: Record<string, FieldValue> = {};
    let problem: string | undefined;
    roles.forEach((role, i) => {
      const value = cell(i);
      const name = role.startsWith('field:') ? role.slice(6) : role === 'first_name' || role === 'last_name' ? role : null;
      const field = name ? fieldsByName.get(name) : undefined;
      if (!field || !value || problem) return;
      const converted = fieldValue(field, value);
      if (typeof converted === 'object') problem = converted.problem;
      else fields[field.name] = converted;
    });
    if (problem) {
      refused.push({ row: line, email: normalized, outcome: 'invalid', reason: problem });
      continue;
    }
    firstRowOf.set(normalized, line);
    const name = cell(at('name')) || [cell(at('first_name')), cell(at('last_name'))].filter(Boolean).join(' ');
    const documentId = cell(at('document_id'));
    const tags = cell(at('tags')).split(/[;|,]/).map((t) => t.trim()).filter(Boolean);
    subscribers.push({
      row: line,
      email,
      ...(name ? { name: name.slice(0, 200) } : {}),
      ...(tags.length > 0 ? { tags } : {}),
      ...(documentId ? { documentId: documentId.slice(0, 128) } : {}),
      ...(Object.keys(fields).length > 0 ? { fields } : {}),
      source: 'import',
    });
  }
  return { subscribers, refused, rows: parsed.rows.length, blankLines: parsed.blankLines };
}
