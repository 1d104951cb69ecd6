import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAesGcmCipher } from '../../../src/main/core/crypto/cipher';
import { createOutbox, type OutboxItem } from '../../../src/main/core/outbox';
import { AppError } from '../../../src/shared/errors';

let dir: string;
const now = () => new Date('2025-03-01T10:00:00Z');
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'markket-outbox-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const upsert = (draftId: string, subject: string) => ({ kind: 'campaign.upsertDraft' as const, draftId, payload: { subject } });

describe('outbox', () => {
  it('pushes queued changes in the order they were made', async () => {
    const outbox = createOutbox({ dir, now });
    await outbox.enqueue(upsert('a', 'A1'));
    await outbox.enqueue(upsert('b', 'B1'));
    await outbox.enqueue(upsert('c', 'C1'));
    const seen: string[] = [];
    const result = await outbox.drain(async (item) => (seen.push(item.draftId), 'done'));
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(result).toEqual({ pushed: 3, failed: 0, remaining: 0 });
  });

  it('keeps the queue on disk so a restarted console still pushes it', async () => {
    await createOutbox({ dir, now }).enqueue(upsert('a', 'A1'));
    const reopened = createOutbox({ dir, now });
    expect((await reopened.list()).map((item) => item.payload)).toEqual([{ subject: 'A1' }]);
  });

  it('replaces an unpushed change of the same draft with the newer edit instead of queueing two', async () => {
    const outbox = createOutbox({ dir, now });
    const first = await outbox.enqueue(upsert('a', 'A1'));
    const second = await outbox.enqueue(upsert('a', 'A2'));
    expect(second.id).toBe(first.id);
    expect((await outbox.list()).map((item) => item.payload)).toEqual([{ subject: 'A2' }]);
  });

  it('stops at a transient failure and keeps the item first with its error and attempt count', async () => {
    const outbox = createOutbox({ dir, now });
    await outbox.enqueue(upsert('a', 'A1'));
    await outbox.enqueue(upsert('b', 'B1'));
    const seen: string[] = [];
    const result = await outbox.drain(async (item) => {
      seen.push(item.draftId);
      throw new AppError('odoo.unreachable', 'Odoo cannot be reached.');
    });
    expect(seen).toEqual(['a']);
    expect(result.stoppedBy?.code).toBe('odoo.unreachable');
    const [first] = await outbox.list();
    expect(first).toMatchObject({ draftId: 'a', attempts: 1, state: 'pending', lastError: { code: 'odoo.unreachable' } });
  });

  it('parks a permanently failing item, holds back later edits of that draft and carries on with other drafts', async () => {
    const outbox = createOutbox({ dir, now });
    await outbox.enqueue(upsert('a', 'A1'));
    await outbox.enqueue(upsert('b', 'B1'));
    const seen: string[] = [];
    const push = async (item: OutboxItem) => {
      seen.push(`${item.draftId}:${String(item.payload.subject)}`);
      return item.draftId === 'a' && item.payload.subject === 'A1' ? { permanent: new AppError('odoo.validation', 'The subject is required.') } : ('done' as const);
    };
    const result = await outbox.drain(push);
    expect(result).toEqual({ pushed: 1, failed: 1, remaining: 1 });
    await outbox.enqueue(upsert('a', 'A2')); // queued behind the failed one, not merged into it
    expect((await outbox.drain(push)).pushed).toBe(0);
    expect(seen).toEqual(['a:A1', 'b:B1']);
    const [failed] = await outbox.list();
    expect(failed).toMatchObject({ state: 'failed', lastError: { code: 'odoo.validation', message: 'The subject is required.' } });
  });

  it('pushes a failed item again after retry and lets the held-back edits follow', async () => {
    const outbox = createOutbox({ dir, now });
    const failing = await outbox.enqueue(upsert('a', 'A1'));
    await outbox.drain(async () => ({ permanent: new AppError('odoo.validation', 'Bad.') }));
    await outbox.enqueue(upsert('a', 'A2'));
    await outbox.retry(failing.id);
    const seen: unknown[] = [];
    await outbox.drain(async (item) => (seen.push(item.payload.subject), 'done'));
    expect(seen).toEqual(['A1', 'A2']);
    expect(await outbox.list()).toEqual([]);
  });

  it('drops a discarded item without pushing it', async () => {
    const outbox = createOutbox({ dir, now });
    const item = await outbox.enqueue(upsert('a', 'A1'));
    expect(await outbox.discard(item.id)).toBe(true);
    expect((await outbox.drain(async () => 'done')).pushed).toBe(0);
  });

  it('pushes each item once when two drains are started at the same time', async () => {
    const outbox = createOutbox({ dir, now });
    await outbox.enqueue(upsert('a', 'A1'));
    await outbox.enqueue(upsert('b', 'B1'));
    let pushes = 0;
    const push = async () => (pushes++, 'done' as const);
    await Promise.all([outbox.drain(push), outbox.drain(push)]);
    expect(pushes).toBe(2);
  });

  it('stops between items when the drain is cancelled', async () => {
    const outbox = createOutbox({ dir, now });
    await outbox.enqueue(upsert('a', 'A1'));
    await outbox.enqueue(upsert('b', 'B1'));
    const controller = new AbortController();
    const result = await outbox.drain(async () => (controller.abort(), 'done'), { signal: controller.signal });
    expect(result).toEqual({ pushed: 1, failed: 0, remaining: 1 });
  });

  it('keeps a newer edit made while the older one was being pushed', async () => {
    const outbox = createOutbox({ dir, now });
    await outbox.enqueue(upsert('a', 'A1'));
    const seen: unknown[] = [];
    await outbox.drain(async (item) => {
      seen.push(item.payload.subject);
      if (item.payload.subject === 'A1') await outbox.enqueue(upsert('a', 'A2'));
      return 'done';
    });
    expect(seen).toEqual(['A1', 'A2']);
  });

  it('stores the queue sealed when the profile encrypts its data', async () => {
    const outbox = createOutbox({ dir, now, cipher: createAesGcmCipher(Buffer.alloc(32, 1)) });
    await outbox.enqueue(upsert('a', 'Patient reminder for Jane Roe'));
    const raw = await readFile(join(dir, 'outbox.json'));
    expect(raw.includes('Jane Roe')).toBe(false);
    expect((await createOutbox({ dir, now, cipher: createAesGcmCipher(Buffer.alloc(32, 1)) }).list())[0]?.payload.subject).toBe('Patient reminder for Jane Roe');
  });
});
