import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleChild } from '../../support/bundle-child';

const run = promisify(execFile);
let work: string;
let child: string;

interface Usage {
  rows: number;
  peakHeap: number;
  peakRss: number;
  baselineRss: number;
}

async function measure(rows: number): Promise<Usage> {
  const out = join(work, `export-${rows}.csv`);
  // A small young generation keeps garbage from piling up before V8 collects it, so the peak
  // reflects what the export holds on to rather than how lazy the collector was.
  const { stdout } = await run(process.execPath, ['--expose-gc', '--max-semi-space-size=2', child, String(rows), out], { maxBuffer: 1 << 20 });
  expect((await stat(out)).size).toBeGreaterThan(rows * 50);
  return JSON.parse(stdout) as Usage;
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'markket-export-memory-'));
  child = await bundleChild(join(import.meta.dirname, '../../support/csv-memory-child.ts'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
  await rm(child, { force: true });
});

describe('CSV export memory', () => {
  it('needs no more memory for 200,000 rows than for 10,000', async () => {
    const small = await measure(10_000);
    const large = await measure(200_000);
    // 20x the rows: a streaming writer stays within a small factor; a buffering one grows ~20x.
    expect(large.peakHeap / small.peakHeap).toBeLessThan(1.5);
    expect((large.peakRss - large.baselineRss) / Math.max(small.peakRss - small.baselineRss, 16 * 1024 * 1024)).toBeLessThan(2);
  }, 120_000);
});
