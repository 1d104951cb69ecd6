import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateWebhookKeyPair, signWebhookPayload, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../../src/main/core/sendgrid';
import { createOdooClient, type OdooClient } from '../../../src/main/core/odoo';
import { DEMO_API_KEY, DEMO_DATABASE, DEMO_LOGIN, startOdooPeer, type OdooPeer } from '../../../src/main/sandbox/odoo';

const EVENTS = 7;

let work: string;
let childScript: string;
let peer: OdooPeer;
let odoo: OdooClient;
const keys = generateWebhookKeyPair();

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'markket-webhook-crash-'));
  childScript = join(work, 'webhook-child.mjs');
  await build({
    entryPoints: [join(import.meta.dirname, '../../support/webhook-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: childScript,
    logLevel: 'silent',
    // Bundled CommonJS dependencies still call require().
    banner: { js: "import { createRequire as bannerRequire } from 'node:module'; const require = bannerRequire(import.meta.url);" },
  });
  peer = await startOdooPeer({ seed: 'demo', contactCount: 40 });
  odoo = createOdooClient({ url: peer.url, database: DEMO_DATABASE, login: DEMO_LOGIN, apiKey: DEMO_API_KEY });
});

afterAll(async () => {
  await odoo?.close();
  await peer?.close();
  await rm(work, { recursive: true, force: true });
});

/** Starts the console's webhook in a child process over `dataDir`; resolves with its port once it listens. */
function startChild(dataDir: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [childScript, dataDir, peer.url, keys.publicKey], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const ready = /ready (\d+)/.exec(out);
      if (ready) resolve({ child, port: Number(ready[1]) });
    });
    child.on('exit', (code) => reject(new Error(`the webhook child exited (code ${code}): ${stderr}`)));
  });
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

async function openStatuses(ids: number[]): Promise<string[]> {
  const rows = (await odoo.read('mailing.trace', ids, ['trace_status'])) as { trace_status: string }[];
  return rows.map((row) => row.trace_status);
}

/** Waits for a condition on Odoo's records, re-reading until it holds or the bound runs out. */
async function eventually(read: () => Promise<string[]>, expected: string[], rounds = 600): Promise<string[]> {
  let last = await read();
  for (let i = 0; i < rounds && JSON.stringify(last) !== JSON.stringify(expected); i++) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    await peer.whenIdle();
    last = await read();
  }
  return last;
}

describe('SendGrid events and a crash between receipt and processing', () => {
  it('applies every event of an acknowledged batch after a kill -9 and a restart', async () => {
    const dataDir = join(work, 'profile');
    const traces = (await odoo.searchRead('mailing.trace', [['trace_status', '=', 'sent'], ['message_id', '!=', false]], ['message_id', 'email'], { limit: EVENTS, order: 'id asc' })) as { id: number; message_id: string; email: string }[];
    expect(traces).toHaveLength(EVENTS);
    const now = Math.floor(Date.now() / 1000);
    const body = JSON.stringify(traces.map((trace, i) => ({ event: 'open', email: trace.email, timestamp: now - 60, sg_event_id: `crash-open-${i}`, 'smtp-id': trace.message_id })));

    const first = await startChild(dataDir);
    // Odoo holds every answer: the child has acknowledged the batch but cannot have applied any of it.
    peer.faults.stallMs = 600_000;
    const response = await fetch(`http://127.0.0.1:${first.port}/webhooks/sendgrid`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [SIGNATURE_HEADER]: signWebhookPayload(keys.privateKeyPem, now, body), [TIMESTAMP_HEADER]: String(now) },
      body,
    });
    expect(response.status).toBe(202);
    await killed(first.child);
    peer.faults.clear();
    expect(await openStatuses(traces.map((t) => t.id))).toEqual(traces.map(() => 'sent'));

    const second = await startChild(dataDir);
    try {
      expect(await eventually(() => openStatuses(traces.map((t) => t.id)), traces.map(() => 'open'))).toEqual(traces.map(() => 'open'));
    } finally {
      await killed(second.child);
    }
  });
});
