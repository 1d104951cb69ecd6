import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { freePort, median } from './measure';

const root = fileURLToPath(new URL('..', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
const RUNS = 5;
const CPU_SLOWDOWNS = [1, 4];

/** Browser mode with the demo workspace, as `npm run serve -- --demo` starts it. */
async function startBrowserMode(token: string, dataDir: string) {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/main/host/serve.ts'), '--demo', '--port', String(port), '--data-dir', dataDir], {
    cwd: root, env: { ...process.env, MARKKET_API_TOKEN: token }, stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`browser mode exited (${child.exitCode}) before serving`);
    try {
      if ((await fetch(`${url}/`)).ok) break;
    } catch {
      // not listening yet
    }
    if (attempt > 600) throw new Error('browser mode did not start within a minute');
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, stop: () => void child.kill('SIGTERM') };
}

/**
 * Marks the moment the Overview's subscriber figure first shows a number: the screen's meaningful
 * paint. Runs in the page before any of its scripts.
 */
const MARK_FIGURE = `(() => {
  const seen = () => {
    const card = document.querySelector('section[aria-label="Subscribers"]');
    if (card && /\\d/.test(card.textContent || '')) { window.__figureAt = performance.now(); observer.disconnect(); }
  };
  const observer = new MutationObserver(seen);
  document.addEventListener('DOMContentLoaded', () => observer.observe(document.body, { childList: true, subtree: true, characterData: true }));
})();`;

interface Paint {
  fcp: number;
  figure: number;
  scriptKb: number;
}

/**
 * `npm run bench first-paint`: the Overview's first contentful paint and the moment its subscriber
 * figure appears, in Debian's Chromium against browser mode with the demo, cold (no cache) each run,
 * at normal speed and with the CPU slowed 4× (a modest laptop). Also the script bytes transferred.
 * Prints figures only. Needs the built renderer (`npx electron-vite build`; built here if missing).
 */
export async function run(): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    console.log(`first-paint: ${CHROMIUM} is not installed (apt-get install chromium); skipped.`);
    return;
  }
  if (!existsSync(join(root, 'out/renderer/index.html'))) spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
  const token = randomBytes(16).toString('hex');
  const dataDir = await mkdtemp(join(tmpdir(), 'markket-first-paint-'));
  const server = await startBrowserMode(token, dataDir);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    console.log('CPU        first contentful paint   subscriber figure shown   script transferred');
    for (const slowdown of CPU_SLOWDOWNS) {
      const paints: Paint[] = [];
      for (let i = 0; i <= RUNS; i++) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        const page = await context.newPage();
        await page.addInitScript(MARK_FIGURE);
        const cdp = await context.newCDPSession(page);
        await cdp.send('Emulation.setCPUThrottlingRate', { rate: slowdown });
        await page.goto(`${server.url}/#token=${token}`);
        await page.waitForFunction(() => typeof (globalThis as unknown as { __figureAt?: number }).__figureAt === 'number', undefined, { timeout: 60_000 });
        const paint = await page.evaluate(() => ({
          fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
          figure: (globalThis as unknown as { __figureAt: number }).__figureAt,
          scriptKb: (performance.getEntriesByType('resource') as unknown as { initiatorType: string; name: string; transferSize: number }[]).filter((r) => r.initiatorType === 'script' || r.name.endsWith('.js')).reduce((n, r) => n + r.transferSize, 0) / 1024,
        }));
        await context.close();
        if (i > 0) paints.push(paint); // the first run warms the server's caches, not the browser's
      }
      console.log(`${`${slowdown}×`.padEnd(11)}${`${median(paints.map((p) => p.fcp)).toFixed(0)} ms`.padStart(22)}${`${median(paints.map((p) => p.figure)).toFixed(0)} ms`.padStart(26)}${`${median(paints.map((p) => p.scriptKb)).toFixed(0)} KB`.padStart(21)}`);
    }
  } finally {
    await browser.close();
    server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
