/**
 * Just enough CSV for the import dialog: read the file the user picked to show its first rows and
 * let them say which column is which, then write the mapped columns back out for subscribers.import.
 * The server parses the file again and is the judge of every row; this is for display and mapping.
 */
import { parseCsv, type ParsedCsv } from '../../../../../shared/csv';

export { parseCsv, type ParsedCsv };

export type MappedField = 'email' | 'name' | 'tags';
export type ColumnMapping = Record<MappedField, number | null>;

const guesses: Record<MappedField, RegExp> = {
  email: /^(e-?mail|email[ _]?address|courriel|correo)$/i,
  name: /^(name|full[ _]?name|nom|nombre|contact)$/i,
  tags: /^(tags?|labels?|categor(y|ies))$/i,
};

/** Columns named the usual way are mapped for the user; they can change it. */
export function guessMapping(header: string[]): ColumnMapping {
  const find = (field: MappedField) => {
    const at = header.findIndex((h) => guesses[field].test(h.trim()));
    return at === -1 ? null : at;
  };
  const email = find('email') ?? header.findIndex((h) => /mail/i.test(h));
  return { email: email === -1 ? null : email, name: find('name'), tags: find('tags') };
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * The file as subscribers.import reads it: an `email,name` header and the mapped values, one row
 * per source row in the same order, so the report's row numbers match the user's file.
 */
export function toImportCsv(parsed: ParsedCsv, mapping: ColumnMapping): string {
  const pick = (row: string[], at: number | null) => (at === null ? '' : (row[at] ?? '').trim());
  const lines = ['email,name', ...parsed.rows.map((row) => `${quote(pick(row, mapping.email))},${quote(pick(row, mapping.name))}`)];
  return `${lines.join('\r\n')}\r\n`;
}

/** Tags per source row (1-based, as the report numbers rows), split on ; | or , inside the cell. */
export function tagsByRow(parsed: ParsedCsv, mapping: ColumnMapping): Map<number, string[]> {
  const result = new Map<number, string[]>();
  if (mapping.tags === null) return result;
  parsed.rows.forEach((row, i) => {
    const tags = (row[mapping.tags as number] ?? '')
      .split(/[;|,]/)
      .map((t) => t.trim())
      .filter(Boolean);
    if (tags.length > 0) result.set(i + 1, tags);
  });
  return result;
}
