import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import type { CellValue, ColumnDef, ColumnType, Table } from './columns';
import type { RowSink } from './sink';

const NUMBER_FORMATS: Partial<Record<ColumnType, string>> = {
  date: 'yyyy-mm-dd hh:mm',
  number: '0',
};

function xlsxCell(value: CellValue): ExcelJS.CellValue {
  // Booleans read better as words in a report than as TRUE/FALSE cells.
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return value;
}

/**
 * Streams the table as an XLSX sheet with exceljs's streaming writer: each row is committed
 * (serialized and released) as soon as it is added, dates stay dates and numbers numbers, the
 * header row is frozen and carries an autofilter. No shared-strings table, which would grow
 * with the row count.
 */
export async function writeXlsx<R>(table: Table<R>, sink: RowSink, options: { sheetName?: string; title?: string } = {}): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink.stream, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Markket Marketing Console';
  if (options.title) workbook.title = options.title;
  const sheet = workbook.addWorksheet(options.sheetName ?? 'Subscribers', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((column: ColumnDef<R>) => ({
    header: column.header,
    key: column.key,
    width: column.width,
    style: NUMBER_FORMATS[column.type] ? { numFmt: NUMBER_FORMATS[column.type] } : {},
  }));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();

  for await (const batch of table.batches) {
    sink.checkCancelled();
    for (const row of batch) sheet.addRow(table.columns.map((column) => xlsxCell(column.value(row)))).commit();
    sink.rowsWritten(batch.length);
    await sink.drained();
  }
  sheet.commit();
  await workbook.commit();
  // The workbook ends the stream itself; wait until all of it is flushed.
  if (!sink.stream.writableFinished) await finished(sink.stream, { readable: false });
}
