import type { CellValue, ColumnDef, Table } from './columns';
import type { RowSink } from './sink';

/**
 * Spreadsheet programs run a cell that starts with = + - @ (or a tab / CR, which some strip
 * first) as a formula (OWASP "CSV injection"). A leading single quote makes it plain text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** ISO 8601 in UTC without milliseconds: sorts as text and Excel reads it as a date. */
export function formatDate(date: Date): string {
  return date.toISOString().replace('T', ' ').slice(0, 19);
}

export function csvCell(value: CellValue, type: ColumnDef<unknown>['type']): string {
  if (value === null) return '';
  let text: string;
  if (value instanceof Date) text = formatDate(value);
  else if (typeof value === 'boolean') text = value ? 'yes' : 'no';
  else if (typeof value === 'number') text = String(value);
  else text = type === 'text' ? neutralizeFormula(value) : value;
  // RFC 4180: quote fields holding a quote, comma or line break; double the quotes inside.
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine<R>(columns: ColumnDef<R>[], row: R): string {
  return `${columns.map((column) => csvCell(column.value(row), column.type)).join(',')}\r\n`;
}

export interface CsvOptions {
  /** A UTF-8 byte order mark so Excel opens accented names correctly. */
  bom?: boolean;
}

/** Streams the table as RFC 4180 CSV (UTF-8, CRLF), one batch at a time. */
export async function writeCsv<R>(table: Table<R>, sink: RowSink, options: CsvOptions = {}): Promise<void> {
  const header = table.columns.map((column) => csvCell(column.header, 'text')).join(',');
  await sink.write(`${options.bom ? '\uFEFF' : ''}${header}\r\n`);
  for await (const batch of table.batches) {
    sink.checkCancelled();
    await sink.write(batch.map((row) => csvLine(table.columns, row)).join(''));
    sink.rowsWritten(batch.length);
  }
}
