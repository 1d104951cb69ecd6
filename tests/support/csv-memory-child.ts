/**
 * Child of the export memory test and the export bench: streams `rows` synthetic subscribers to
 * a CSV and prints peak heap / RSS seen during the export. argv: <rows> <outFile>. Run with --expose-gc.
 */
import { exportTable } from '../../src/main/core/export/run';
import { ALL_SUBSCRIBER_COLUMNS, pickColumns, subscriberColumns } from '../../src/main/core/export/columns';
import { syntheticSubscribers } from './synthetic-subscribers';

const [rowsArg, out] = process.argv.slice(2);
const rows = Number(rowsArg);
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const baseline = process.memoryUsage();
let peakHeap = baseline.heapUsed;
let peakRss = baseline.rss;
const started = performance.now();
await exportTable({
  path: String(out),
  format: 'csv',
  table: { columns: pickColumns(subscriberColumns, ALL_SUBSCRIBER_COLUMNS), batches: syntheticSubscribers(rows, 500), total: rows },
  onProgress: () => {
    const usage = process.memoryUsage();
    peakHeap = Math.max(peakHeap, usage.heapUsed);
    peakRss = Math.max(peakRss, usage.rss);
  },
});
const seconds = (performance.now() - started) / 1000;
process.stdout.write(`${JSON.stringify({ rows, seconds, baselineHeap: baseline.heapUsed, peakHeap, baselineRss: baseline.rss, peakRss })}\n`);
