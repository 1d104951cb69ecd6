import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_OFFLINE_LIMITS } from '../../../src/shared/schemas/profile';
import { failure, startLocalHarness, STORE_ID, type LocalHarness } from './harness';

/**
 * Settings → General → Offline copies: the owner sets how much the profile's offline copies may
 * take (issue 16). The limits are saved with the profile, checked on the server, applied to the
 * open cache at once (no restart), and kept when the console opens the profile again.
 */
let h: LocalHarness;
beforeEach(async () => {
  h = await startLocalHarness({ contactCount: 60 });
});
afterEach(() => h.close());

const MB = 1024 * 1024;
/** One subscriber page per offset, each its own offline copy, each fetched a second after the last. */
async function browsePages(count: number): Promise<void> {
  for (let offset = 0; offset < count; offset++) {
    await h.api.call('marketing.subscribers.list', { storeId: STORE_ID, limit: 1, offset });
    h.clock.now = new Date(h.clock.now.getTime() + 1000);
  }
}
const page = (offset: number) => h.api.call('marketing.subscribers.list', { storeId: STORE_ID, limit: 1, offset });

describe('the offline copies’ limits in Settings', () => {
  it('start at 500 copies or 50 MB; new limits hold in this run without a restart (the oldest copies go), and are kept with the profile when it is opened again', async () => {
    expect((await h.api.call('offline.cacheSize', {})).limits).toEqual({ maxEntries: DEFAULT_OFFLINE_LIMITS.maxCopies, maxBytes: DEFAULT_OFFLINE_LIMITS.maxMegabytes * MB });
    await browsePages(36);
    const before = await h.api.call('offline.cacheSize', {});
    expect(before.entries).toBeGreaterThanOrEqual(36);

    // Down to 50 copies and 5 MB: everything fits, nothing goes.
    const roomy = await h.api.call('offline.setLimits', { maxCopies: 50, maxMegabytes: 5 });
    expect(roomy).toEqual({ entries: before.entries, bytes: before.bytes, limits: { maxEntries: 50, maxBytes: 5 * MB } });
    const { entries } = await h.api.call('audit.list', { limit: 1 });
    expect(entries[0]?.details).toMatchObject({ what: 'offline copy limits', maxCopies: 50, maxMegabytes: 5 });
    // 20 more pages pass the new limit in this run, without a restart: the first pages seen go.
    await browsePages(56);
    const after = await h.api.call('offline.cacheSize', {});
    expect(after.entries).toBe(50);

    const profile = (await h.api.call('profiles.active', {})).profile!;
    expect(profile.offline).toEqual({ maxCopies: 50, maxMegabytes: 5 });

    // The profile opened again (its services rebuilt as on a switch) keeps the owner's limits.
    await h.api.call('profiles.activate', { id: profile.id });
    expect((await h.api.call('offline.cacheSize', {})).limits).toEqual({ maxEntries: 50, maxBytes: 5 * MB });

    // Offline, the newest pages read "as of" then; the first ones, removed, are not there to read.
    await h.stopPeer();
    expect(await page(55)).toMatchObject({ stale: true });
    expect(await failure(page(0))).toMatchObject({ code: expect.stringMatching(/unreachable|timeout|network/) });
  });

  it('refuses limits out of bounds with a sentence that says them, and changes nothing', async () => {
    expect(await failure(h.api.call('offline.setLimits', { maxCopies: 10, maxMegabytes: 50 }))).toMatchObject({ code: 'input.invalid', message: expect.stringMatching(/maxCopies — must be at least 50 copies/) });
    expect(await failure(h.api.call('offline.setLimits', { maxCopies: 500, maxMegabytes: 50_000 }))).toMatchObject({ code: 'input.invalid', message: expect.stringMatching(/maxMegabytes — must be at most 2,000 MB/) });
    expect(await failure(h.api.call('offline.setLimits', { maxCopies: 100.5, maxMegabytes: 10 }))).toMatchObject({ code: 'input.invalid' });
    expect((await h.api.call('profiles.active', {})).profile?.offline).toBeUndefined();
    expect((await h.api.call('offline.cacheSize', {})).limits.maxEntries).toBe(500);
  });
});
