import { basename } from 'node:path';
import type { ExportProgress, ExportResult } from '../../../shared/schemas/export';
import type { SubscriberRow, Table } from './columns';
import { writeCsv } from './csv';
import { writeSummaryPdf } from './pdf';
import { cancelledError, openExportTarget, type ExportTarget, type TargetOptions } from './sink';
import { createSubscriberSummarizer, type ReportSummary } from './summary';
import { writeXlsx } from './xlsx';

export interface ExportCommon {
  /** The destination the user chose (save dialog) or a download temp path (browser mode). */
  path: string;
  signal?: AbortSignal;
  onProgress?: (progress: ExportProgress) => void;
  /** Password for an AES-256 ZIP around the report; the file then ends in .zip. */
  password?: string;
  /** Notes the temp file beside a chosen destination while it exists (see TempJournal). */
  journal?: TargetOptions['journal'];
}

export interface TableExport<R> extends ExportCommon {
  format: 'csv' | 'xlsx';
  table: Table<R>;
  /** CSV only: a byte order mark for Excel. */
  bom?: boolean;
  sheetName?: string;
  /** XLSX only: the workbook's title (a filtered report names its filters). */
  title?: string;
}

export interface SummaryExport extends ExportCommon {
  rows: Table<SubscriberRow>;
  title: string;
  listName: string;
  campaigns: ReportSummary['campaigns'];
  now: () => Date;
}

/** The name of the report inside an encrypted ZIP: the chosen name without ".zip". */
function entryNameFor(path: string, extension: string): string {
  const name = basename(path).replace(/\.zip$/i, '');
  return name.toLowerCase().endsWith(`.${extension}`) ? name : `${name}.${extension}`;
}

async function withTarget(common: ExportCommon, total: number | null, extension: string, work: (target: ExportTarget) => Promise<void>) {
  if (common.signal?.aborted) throw cancelledError();
  const target = await openExportTarget({
    path: common.path,
    total,
    signal: common.signal,
    onProgress: common.onProgress,
    encryption: common.password ? { password: common.password, entryName: entryNameFor(common.path, extension) } : undefined,
    ...(common.journal ? { journal: common.journal } : {}),
  });
  try {
    await work(target);
    target.sink.checkCancelled();
    const { bytes } = await target.commit();
    return { bytes, rows: target.sink.rowsDone };
  } catch (error) {
    await target.discard();
    throw error;
  }
}

/** Streams a table to CSV or XLSX; the file appears only when complete. */
export async function exportTable<R>(request: TableExport<R>): Promise<ExportResult> {
  const { bytes, rows } = await withTarget(request, request.table.total, request.format, (target) =>
    request.format === 'csv'
      ? writeCsv(request.table, target.sink, { bom: request.bom })
      : writeXlsx(request.table, target.sink, { sheetName: request.sheetName, title: request.title }),
  );
  return { path: request.path, format: request.format, rows, bytes, encrypted: Boolean(request.password) };
}

/** Reads every subscriber once (constant memory) to build the figures, then draws the PDF. */
export async function exportSummaryPdf(request: SummaryExport): Promise<ExportResult> {
  const { bytes, rows } = await withTarget(request, request.rows.total, 'pdf', async (target) => {
    const summarizer = createSubscriberSummarizer();
    for await (const batch of request.rows.batches) {
      target.sink.checkCancelled();
      summarizer.add(batch);
      target.sink.rowsWritten(batch.length);
    }
    const summary: ReportSummary = { title: request.title, listName: request.listName, generatedAt: request.now(), campaigns: request.campaigns, ...summarizer.result() };
    await writeSummaryPdf(summary, target.sink);
  });
  return { path: request.path, format: 'pdf', rows, bytes, encrypted: Boolean(request.password) };
}
