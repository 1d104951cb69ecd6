import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Cipher } from '../crypto/cipher';
import { createKeyedQueue, fsyncDirectory, writeFileAtomic } from '../local-data/atomic';
import { SendgridEvent } from '../sendgrid';

/** One verified webhook batch, kept until it has been applied to Odoo. */
export interface SpooledBatch {
  id: string;
  events: SendgridEvent[];
}

/**
 * Where verified SendGrid batches wait between the webhook's 2xx and their processing into Odoo.
 * SendGrid never resends after a 2xx, so a batch is on disk (fsync'd) before the webhook answers.
 */
export interface EventSpool {
  /** Resolves once the batch is durable. */
  append(events: SendgridEvent[]): Promise<SpooledBatch>;
  /** Batches not yet marked processed, oldest first. */
  pending(): Promise<SpooledBatch[]>;
  markProcessed(id: string): Promise<void>;
  /** Identifies the spool across instances (the services are rebuilt on a settings change). */
  readonly key: string;
}

const SPOOL_FILE = 'sendgrid-webhook-spool.jsonl';
const Line = z.union([
  z.object({ v: z.literal(1), batch: z.string(), events: z.array(SendgridEvent) }),
  z.object({ v: z.literal(1), done: z.string() }),
]);
type Line = z.infer<typeof Line>;

/** Appends, reads and compactions of one spool file take turns across every instance of the process. */
const fileQueue = createKeyedQueue();

/**
 * An append-only JSON-lines file beside the extension records: one line per received batch, one
 * per processed batch. Sealed line by line (base64) when the profile encrypts its local data; named
 * .jsonl so that switching HIPAA on seals it line by line too (crypto/reseal.ts). Emptied once
 * nothing in it is pending, so it stays small.
 */
export function fileEventSpool(opts: { dir: string; cipher?: Cipher }): EventSpool {
  const file = join(opts.dir, SPOOL_FILE);
  const encode = (line: Line): string => {
    const json = JSON.stringify(line);
    return opts.cipher ? opts.cipher.seal(Buffer.from(json, 'utf8')).toString('base64') : json;
  };
  const decode = (text: string): Line | null => {
    try {
      const json = opts.cipher ? opts.cipher.open(Buffer.from(text, 'base64')).toString('utf8') : text;
      return Line.parse(JSON.parse(json));
    } catch {
      // A line torn by a crash mid-append was never acknowledged (the 2xx follows the fsync): skip it.
      return null;
    }
  };

  async function readPending(): Promise<SpooledBatch[]> {
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    const batches = new Map<string, SendgridEvent[]>();
    for (const raw of text.split('\n')) {
      const line = raw.length > 0 ? decode(raw) : null;
      if (!line) continue;
      if ('batch' in line) batches.set(line.batch, line.events);
      else batches.delete(line.done);
    }
    return [...batches].map(([id, events]) => ({ id, events }));
  }

  async function appendLine(line: Line): Promise<void> {
    await mkdir(opts.dir, { recursive: true, mode: 0o700 });
    const handle = await open(file, 'a', 0o600);
    try {
      // A torn line before ours (a crash mid-append) must not swallow it: start on a fresh line.
      await handle.write(`\n${encode(line)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  return {
    key: file,
    append: (events) =>
      fileQueue(file, async () => {
        const created = !(await readFile(file).then(() => true, () => false));
        const batch = { id: randomUUID(), events };
        await appendLine({ v: 1, batch: batch.id, events });
        // A new file's directory entry must survive a power cut too.
        if (created) await fsyncDirectory(opts.dir);
        return batch;
      }),
    pending: () => fileQueue(file, readPending),
    markProcessed: (id) =>
      fileQueue(file, async () => {
        const left = (await readPending()).filter((batch) => batch.id !== id);
        if (left.length === 0) await writeFileAtomic(file, '');
        else await appendLine({ v: 1, done: id });
      }),
  };
}

/** Without a data folder (tests, a console with no profile) batches wait in memory. */
export function memoryEventSpool(): EventSpool {
  const batches: SpooledBatch[] = [];
  return {
    key: `memory:${randomUUID()}`,
    append: async (events) => {
      const batch = { id: randomUUID(), events };
      batches.push(batch);
      return batch;
    },
    pending: async () => [...batches],
    markProcessed: async (id) => {
      const index = batches.findIndex((batch) => batch.id === id);
      if (index >= 0) batches.splice(index, 1);
    },
  };
}
