import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createOfflineCache, type CacheLimits } from '../../../src/main/core/cache/offline-cache';
import { encodeJson } from '../../../src/main/core/local-data/atomic';

/**
 * The offline cache stays bounded (issue 16): every subscriber page, campaign and report a person
 * opens becomes an entry, so past its limits the answers fetched longest ago go first.
 */
const Page = z.object({ page: z.number(), rows: z.array(z.string()) });
const pageKey = (n: number) => `marketing.subscribers.list:demo-store-a:page-${n}`;
const page = (n: number, rows = 3) => ({ page: n, rows: Array.from({ length: rows }, (_, i) => `person${n}-${i}@corner-shop.example`) });

let dir: string;
let clock: { now: Date };
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'markket-cache-limits-'));
  clock = { now: new Date('2026-03-02T14:00:00Z') };
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const open = (limits: CacheLimits) => createOfflineCache({ dir, now: () => clock.now, limits });
const later = () => (clock.now = new Date(clock.now.getTime() + 60_000));
const files = async () => (await readdir(dir)).filter((f) => f.endsWith('.cache.json')).length;
/** Which of pages 1..n the cache still answers. */
async function kept(cache: ReturnType<typeof open>, n: number): Promise<number[]> {
  const answered: number[] = [];
  for (let i = 1; i <= n; i++) if (await cache.get(pageKey(i), Page)) answered.push(i);
  return answered;
}

describe('the offline cache within its limits', () => {
  it('keeps the most recent answers and removes the one fetched longest ago; an answer fetched again counts as recent', async () => {
    const cache = open({ maxEntries: 3, maxBytes: 1_000_000 });
    for (const n of [1, 2, 3]) {
      await cache.put(pageKey(n), page(n));
      later();
    }
    // Page 1 is opened again, unchanged: it is now more recent than page 2.
    await cache.put(pageKey(1), page(1));
    later();
    await cache.put(pageKey(4), page(4));
    expect(await kept(cache, 4)).toEqual([1, 3, 4]);
    expect(await files()).toBe(3);
    expect((await cache.size()).entries).toBe(3);
  });

  it('removes the oldest answers once their size passes the limit, and always keeps the newest one', async () => {
    const small = page(1, 2);
    // Room for three small pages as the cache writes them, not a fourth.
    const onDisk = encodeJson({ key: pageKey(1), asOf: clock.now.toISOString(), value: small }).length;
    const cache = open({ maxEntries: 100, maxBytes: 3 * onDisk + 10 });
    for (const n of [1, 2, 3]) {
      await cache.put(pageKey(n), page(n, 2));
      later();
    }
    expect(await kept(cache, 3)).toEqual([1, 2, 3]);
    // One large page outweighs the limit by itself: everything older goes, the new page stays.
    await cache.put(pageKey(4), page(4, 400));
    expect(await kept(cache, 4)).toEqual([4]);
    const size = await cache.size();
    expect(size.entries).toBe(1);
    expect(size.bytes).toBeGreaterThan(3 * onDisk + 10);
  });

  it('takes new limits at once: lower ones remove the oldest copies now, never the newest; higher ones let it grow again', async () => {
    const cache = open({ maxEntries: 5, maxBytes: 1_000_000 });
    for (const n of [1, 2, 3, 4, 5]) {
      await cache.put(pageKey(n), page(n));
      later();
    }
    expect(await cache.setLimits({ maxEntries: 2, maxBytes: 1_000_000 })).toMatchObject({ entries: 2 });
    expect(cache.limits()).toEqual({ maxEntries: 2, maxBytes: 1_000_000 });
    expect(await kept(cache, 5)).toEqual([4, 5]);
    expect(await files()).toBe(2);
    // A byte limit below the newest copy's own size keeps that copy alone.
    expect((await cache.setLimits({ maxEntries: 2, maxBytes: 1 })).entries).toBe(1);
    expect(await kept(cache, 5)).toEqual([5]);
    await cache.setLimits({ maxEntries: 3, maxBytes: 1_000_000 });
    for (const n of [6, 7]) {
      await cache.put(pageKey(n), page(n));
      later();
    }
    expect(await kept(cache, 7)).toEqual([5, 6, 7]);
  });

  it('after a restart, knows what the folder holds and still removes the oldest first', async () => {
    const before = open({ maxEntries: 3, maxBytes: 1_000_000 });
    for (const n of [1, 2, 3]) {
      await before.put(pageKey(n), page(n));
      later();
    }
    const after = open({ maxEntries: 3, maxBytes: 1_000_000 });
    expect((await after.size()).entries).toBe(3);
    await after.put(pageKey(4), page(4));
    expect(await kept(after, 4)).toEqual([2, 3, 4]);
  });

  it('clears every copy on request and says how many and how large they were; later answers are kept again', async () => {
    const cache = open({ maxEntries: 10, maxBytes: 1_000_000 });
    for (const n of [1, 2]) await cache.put(pageKey(n), page(n));
    const size = await cache.size();
    expect(size.entries).toBe(2);
    expect(await cache.clear()).toEqual(size);
    expect(await files()).toBe(0);
    expect(await cache.size()).toEqual({ entries: 0, bytes: 0 });
    expect(await kept(cache, 2)).toEqual([]);
    // The same answer fetched again after clearing is written again, not taken for unchanged.
    await cache.put(pageKey(1), page(1));
    expect(await kept(cache, 2)).toEqual([1]);
  });
});
