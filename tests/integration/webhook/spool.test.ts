import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAesGcmCipher } from '../../../src/main/core/crypto/cipher';
import { createWebhookInbox, fileEventSpool, type BatchResult } from '../../../src/main/core/extensions';
import type { SendgridEvent } from '../../../src/main/core/sendgrid';
import { tempDir } from '../extensions/helpers';

const open = (n: number): SendgridEvent => ({ event: 'open', email: `reader${n}@clinic.example`, timestamp: 1_743_508_800, sg_event_id: `spool-${n}`, sg_machine_open: false }) as SendgridEvent;

describe('the webhook spool', () => {
  let folder: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    folder = await tempDir('spool');
  });
  afterAll(() => folder.remove());

  it('keeps a HIPAA profile\'s batches sealed on disk and empties itself once they are applied', async () => {
    const dir = join(folder.dir, 'sealed');
    const spool = fileEventSpool({ dir, cipher: createAesGcmCipher(Buffer.alloc(32, 3)) });
    const batch = await spool.append([open(1)]);
    const onDisk = await readFile(join(dir, 'sendgrid-webhook-spool.jsonl'), 'utf8');
    expect([onDisk.includes('clinic.example'), (await spool.pending()).map((b) => b.id)]).toEqual([false, [batch.id]]);
    await spool.markProcessed(batch.id);
    expect([await readFile(join(dir, 'sendgrid-webhook-spool.jsonl'), 'utf8'), await spool.pending()]).toEqual(['', []]);
  });

  it('keeps a batch, and those after it, while Odoo cannot be reached, and applies them in order on the next try', async () => {
    const spool = fileEventSpool({ dir: join(folder.dir, 'retry') });
    const applied: string[] = [];
    let reachable = false;
    const inbox = createWebhookInbox({
      spool,
      async apply(events): Promise<BatchResult> {
        if (!reachable) return 'retry';
        applied.push(...events.map((e) => e.sg_event_id ?? ''));
        return 'done';
      },
    });
    await inbox.receive([open(1)]);
    await inbox.receive([open(2)]);
    await inbox.whenIdle();
    expect([applied, (await spool.pending()).length]).toEqual([[], 2]);
    reachable = true;
    inbox.resume();
    await inbox.whenIdle();
    expect([applied, await spool.pending()]).toEqual([['spool-1', 'spool-2'], []]);
  });

  it('is not idle while a batch is still being written to the spool, so a HIPAA switch waits for it', async () => {
    const real = fileEventSpool({ dir: join(folder.dir, 'storing') });
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    // The disk is slow for this one batch: its append finishes only when released.
    const spool = { ...real, key: real.key, append: async (events: SendgridEvent[]) => held.then(() => real.append(events)) };
    const inbox = createWebhookInbox({ spool, apply: async (): Promise<BatchResult> => 'done' });
    const receiving = inbox.receive([open(3)]);
    let idle = false;
    const waiting = inbox.whenIdle().then(() => (idle = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(idle).toBe(false);
    release();
    await Promise.all([receiving, waiting]);
    expect([idle, await real.pending()]).toEqual([true, []]);
  });
});
