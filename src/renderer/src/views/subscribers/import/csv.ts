/**
 * The import dialog reads the picked file with the same parser the main process imports with
 * (Papa Parse, src/shared/csv.ts) and guesses each column's role the same way, so what the
 * preview shows is what gets imported. The main process reads the file again and judges every row.
 */
import { parseCsv, type ParsedCsv } from '../../../../../shared/csv';
import { guessColumns, mappingProblems, ROLE_LABELS, type ColumnRole, type ImportField } from '../../../../../shared/import-mapping';

export { parseCsv, guessColumns, mappingProblems, type ParsedCsv, type ColumnRole, type ImportField };

/** The choices for one column's role: ours first, then the Odoo contact's own fields. */
export function roleOptions(fields: ImportField[]): { group: string; items: { value: ColumnRole; label: string }[] }[] {
  const ours = (['email', 'first_name', 'last_name', 'name', 'tags', 'document_id', 'skip'] as const).map((role) => ({ value: role, label: ROLE_LABELS[role] }));
  // first_name / last_name fields are filled through the name roles above; offering them twice would confuse.
  const theirs = fields.filter((f) => f.name !== 'first_name' && f.name !== 'last_name').map((f) => ({ value: `field:${f.name}` as ColumnRole, label: f.label }));
  return [{ group: 'Subscriber', items: ours }, ...(theirs.length > 0 ? [{ group: 'Odoo contact field', items: theirs }] : [])];
}

/** A few non-empty values of a column, to show what it holds next to its role. */
export function sampleOf(parsed: ParsedCsv, column: number, count = 2): string {
  const values: string[] = [];
  for (const row of parsed.rows) {
    const value = (row.cells[column] ?? '').trim();
    if (value) values.push(value.replace(/\s+/g, ' '));
    if (values.length === count) break;
  }
  return values.join(', ');
}
