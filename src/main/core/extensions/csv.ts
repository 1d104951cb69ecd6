import { AppError } from '../../../shared/errors';

/**
 * CSV text → subscriber rows for the newsletter's bulk form. RFC 4180 quoting, comma or semicolon
 * (spreadsheets in many locales write ';'), a header row naming the columns in any order.
 */
const COLUMNS: Record<string, 'email' | 'name' | 'documentId'> = {
  email: 'email', 'e-mail': 'email', email_address: 'email', 'email address': 'email',
  name: 'name', full_name: 'name', 'full name': 'name',
  documentid: 'documentId', document_id: 'documentId', subscriber_id: 'documentId', id: 'documentId',
};

function parseRecords(text: string, delimiter: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records.filter((r) => r.some((f) => f.trim() !== ''));
}

export function parseSubscriberCsv(text: string): { email: string; name?: string; documentId?: string; source: 'import' }[] {
  const clean = text.replace(/^\uFEFF/, '');
  const firstLine = clean.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const [header, ...rows] = parseRecords(clean, delimiter);
  if (!header) return [];
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
