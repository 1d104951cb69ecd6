import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createOfflineCache, UNCHANGED_REWRITE_MS } from '../../../src/main/core/cache/offline-cache';

const Figures = z.object({ subscribers: z.number() });
const KEY = 'marketing.overview:demo-store-a';

let dir: string;
let clock: { now: Date };
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'markket-cache-'));
  clock = { now: new Date('2026-03-02T14:00:00Z') };
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const open = () => createOfflineCache({ dir, now: () => clock.now });
const later = (ms: number) => {
  clock.now = new Date(clock.now.getTime() + ms);
  return clock.now.toISOString();
};
/** The cache file's inode: an atomic write replaces the file, so a new inode means a new write. */
async function fileIdentity(): Promise<bigint> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.cache.json'));
  expect(files).toHaveLength(1);
  return (await stat(join(dir, files[0]!), { bigint: true })).ino;
}

describe('the offline cache under a view that polls', () => {
  it('does not rewrite an unchanged answer, yet answers offline as of the last time it was fetched', async () => {
    const cache = open();
    await cache.put(KEY, { subscribers: 19 });
    const written = await fileIdentity();
    let confirmed = '';
    for (let poll = 0; poll < 5; poll++) {
      confirmed = later(3_000);
      await cache.put(KEY, { subscribers: 19 });
    }
    expect(await fileIdentity()).toBe(written);
    expect(await cache.get(KEY, Figures)).toEqual({ value: { subscribers: 19 }, asOf: confirmed });
  });

  it('writes a changed answer at once, and an unchanged one again after a while so a restart loses little', async () => {
    const cache = open();
    await cache.put(KEY, { subscribers: 19 });
    const first = await fileIdentity();
    const changedAt = later(3_000);
    await cache.put(KEY, { subscribers: 20 });
    const second = await fileIdentity();
    expect(second).not.toBe(first);
    expect(await cache.get(KEY, Figures)).toEqual({ value: { subscribers: 20 }, asOf: changedAt });

    const rewrittenAt = later(UNCHANGED_REWRITE_MS);
    await cache.put(KEY, { subscribers: 20 });
    expect(await fileIdentity()).not.toBe(second);
    later(3_000);
    await cache.put(KEY, { subscribers: 20 });
    // After a restart only the disk is known: the time of the last write, a time the value held.
    expect(await open().get(KEY, Figures)).toEqual({ value: { subscribers: 20 }, asOf: rewrittenAt });
  });

  it('writes an unchanged answer again when its file was removed', async () => {
    const cache = open();
    await cache.put(KEY, { subscribers: 19 });
    for (const file of await readdir(dir)) await rm(join(dir, file));
    const refetchedAt = later(3_000);
    await cache.put(KEY, { subscribers: 19 });
    expect(await cache.get(KEY, Figures)).toEqual({ value: { subscribers: 19 }, asOf: refetchedAt });
  });
});
