import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createOdooClient } from '../src/main/core/odoo';
import { DEMO_API_KEY, DEMO_DATABASE, DEMO_LOGIN, DEMO_STORE } from '../src/main/sandbox/odoo';
import { bundleChild } from '../tests/support/bundle-child';
import { freePort } from './measure';

const execFileAsync = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const CONTACTS = 100_000;
const ROUND_TRIPS = [0, 20];
const MB = 1024 * 1024;

/** The Odoo peer in its own process (its 100,000 contacts must not count in the export's memory). */
async function startPeerProcess(contacts: number) {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/main/sandbox/odoo/cli.ts'), '--port', String(port), '--contacts', String(contacts)], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const found = /listening on (\S+)/.exec(seen);
      if (found?.[1]) resolve(found[1]);
    });
    child.once('exit', (code) => reject(new Error(`the Odoo peer exited (${code}) before listening`)));
  });
  return { url, stop: () => void child.kill('SIGTERM') };
}

interface ChildResult {
  rows: number;
  seconds: number;
  calls: number;
  startRss: number;
  peakRss: number;
}

/** The child runs as one bundled script under plain node, as the app's built main process does (no tsx in its memory). */
async function runChild(child: string, mode: 'raw' | 'console', url: string, listId: number, roundTrip: number, out: string): Promise<ChildResult> {
  const { stdout } = await execFileAsync(process.execPath, [child, mode, url, String(listId), String(roundTrip), out], { cwd: root, maxBuffer: 1 << 20 });
  return JSON.parse(stdout) as ChildResult;
}

/**
 * `npm run bench export-odoo`: exports 100,000 contacts from the Odoo peer over HTTP with the
 * console's subscriber export, and in the same run takes the same contacts with a bare paged
 * search_read, on loopback and behind a 20 ms round trip. Prints throughput, the console's share
 * of the raw throughput, calls and peak RSS. Never passes or fails on time.
 */
export async function run(): Promise<void> {
  const peer = await startPeerProcess(CONTACTS);
  const work = await mkdtemp(join(tmpdir(), 'markket-export-odoo-bench-'));
  const child = await bundleChild(join(root, 'bench/odoo-export-child.ts'));
  try {
    const admin = createOdooClient({ url: peer.url, database: DEMO_DATABASE, login: DEMO_LOGIN, apiKey: DEMO_API_KEY });
    const [listId] = await admin.search('mailing.list', [['x_markket_store_id', '=', DEMO_STORE.id]]);
    await admin.close();
    console.log(`${CONTACTS.toLocaleString('en')} contacts from the Odoo peer over HTTP, pages of 500`);
    console.log('round trip   how         rows     rows/s   calls   RSS before → peak   share of raw');
    for (const roundTrip of ROUND_TRIPS) {
      const raw = await runChild(child, 'raw', peer.url, listId as number, roundTrip, join(work, 'raw.csv'));
      const exported = await runChild(child, 'console', peer.url, listId as number, roundTrip, join(work, 'export.csv'));
      for (const [how, r] of [['raw', raw], ['console', exported]] as const) {
        const share = how === 'raw' ? '' : `${((100 * (r.rows / r.seconds)) / (raw.rows / raw.seconds)).toFixed(0)} %`;
        console.log(`${`${roundTrip} ms`.padEnd(13)}${how.padEnd(9)}${String(r.rows).padStart(7)}${String(Math.round(r.rows / r.seconds)).padStart(11)}${String(r.calls).padStart(8)}${`${(r.startRss / MB).toFixed(0)} → ${(r.peakRss / MB).toFixed(0)} MB`.padStart(20)}${share.padStart(15)}`);
      }
    }
  } finally {
    peer.stop();
    await rm(work, { recursive: true, force: true });
    await rm(child, { force: true });
  }
}
