import { parseCsv } from '../../../shared/csv';
import { AppError } from '../../../shared/errors';

/**
 * CSV text → subscriber rows for the newsletter's bulk form: a header row naming the columns in any
 * order (the reading itself is src/shared/csv.ts, the same the import dialog previews with).
 */
const COLUMNS: Record<string, 'email' | 'name' | 'documentId'> = {
  email: 'email', 'e-mail': 'email', email_address: 'email', 'email address': 'email',
  name: 'name', full_name: 'name', 'full name': 'name',
  documentid: 'documentId', document_id: 'documentId', subscriber_id: 'documentId', id: 'documentId',
};

export function parseSubscriberCsv(text: string): { email: string; name?: string; documentId?: string; source: 'import' }[] {
  const { header, rows } = parseCsv(text);
  if (header.length === 0) return [];
  const columns = header.map((h) => COLUMNS[h.trim().toLowerCase()]);
  const emailAt = columns.indexOf('email');
  if (emailAt === -1) {
    throw new AppError('input.invalid', 'The CSV has no email column. Name the first row’s columns, e.g. "email,name".', { fields: [{ field: 'csv', problem: 'has no email column' }] });
  }
  return rows.map((cells) => {
    const row: { email: string; name?: string; documentId?: string; source: 'import' } = { email: '', source: 'import' };
    columns.forEach((column, i) => {
      const value = (cells[i] ?? '').trim();
      if (column && value) row[column] = value;
    });
    return row;
  });
}
