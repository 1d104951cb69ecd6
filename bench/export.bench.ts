import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);
const child = fileURLToPath(new URL('../tests/support/csv-memory-child.ts', import.meta.url));
const MB = 1024 * 1024;

/**
 * CSV export throughput and memory for 10k / 100k / 1M synthetic subscribers, each size in its
 * own process so one run's garbage does not colour the next. Prints figures; never pass/fail.
 */
export async function run(sizes: number[] = [10_000, 100_000, 1_000_000]): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'markket-export-bench-'));
  try {
    console.log('export.csv        rows     rows/s   peak heap   peak RSS   file');
    for (const rows of sizes) {
      const out = join(work, `bench-${rows}.csv`);
      const { stdout } = await execFileAsync(process.execPath, ['--expose-gc', '--import', 'tsx', child, String(rows), out], { maxBuffer: 1 << 20 });
      const result = JSON.parse(stdout) as { seconds: number; peakHeap: number; peakRss: number };
      const size = (await stat(out)).size;
      await rm(out, { force: true });
      console.log(
        `export.csv ${String(rows).padStart(12)} ${String(Math.round(rows / result.seconds)).padStart(10)} ${(result.peakHeap / MB).toFixed(1).padStart(9)} MB ${(result.peakRss / MB).toFixed(1).padStart(7)} MB ${(size / MB).toFixed(1).padStart(6)} MB`,
      );
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await run();
