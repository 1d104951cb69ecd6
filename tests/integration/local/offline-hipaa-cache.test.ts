import { readFile, stat } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEALED_MAGIC } from '../../../src/main/core/crypto';
import { filesUnder, startLocalHarness, STORE_ID, type LocalHarness } from './harness';

let h: LocalHarness;

/** A HIPAA profile on the demo Odoo, made active: its offline cache is sealed like its drafts. */
beforeEach(async () => {
  h = await startLocalHarness();
  const { url, database, login, apiKey } = h.odooSettings;
  await h.api.call('profiles.create', {
    name: 'Clinic', kind: 'own-odoo', odoo: { url, database, login, protocol: 'auto' }, storeIds: [STORE_ID],
    hipaa: { enabled: true, idleLockMinutes: 15 }, secrets: { odooApiKey: apiKey }, activate: true,
  });
});
afterEach(() => h.close());

describe('the offline cache of a HIPAA profile', () => {
  it('shows the patients of a page seen before while Odoo is unreachable, and keeps them sealed on disk', async () => {
    const page = await h.api.call('marketing.subscribers.list', { storeId: STORE_ID, limit: 25, offset: 0 });
    const campaigns = await h.api.call('marketing.campaigns.list', { storeId: STORE_ID });
    const fetchedAt = h.clock.now.toISOString();
    const patients = page.subscribers.map((s) => s.email);
    expect(patients.length).toBeGreaterThan(0);

    const dir = await h.profileDir();
    const cacheFiles = (await filesUnder(dir)).filter((f) => /[/\\]cache[/\\]/.test(f));
    expect(cacheFiles.length).toBeGreaterThanOrEqual(2);
    for (const file of cacheFiles) {
      const bytes = await readFile(file);
      expect(bytes.subarray(0, SEALED_MAGIC.length).equals(SEALED_MAGIC)).toBe(true);
      const text = bytes.toString('utf8');
      for (const email of patients) expect(text).not.toContain(email);
      expect(text).not.toContain(String(campaigns.campaigns[0]?.subject));
    }

    await h.stopPeer();
    expect(await h.api.call('marketing.subscribers.list', { storeId: STORE_ID, limit: 25, offset: 0 })).toEqual({ ...page, stale: true, as_of: fetchedAt });
    // Reading patients from the cache is still reading them: the audit log says so.
    const { entries } = await h.api.call('audit.list', { limit: 10 });
    expect(entries.find((e) => e.action === 'subscribers.list_viewed')?.details).toMatchObject({ fromCache: true, rows: patients.length });
  });

  it('Settings shows how much the sealed copies take, and "Clear offline copies" removes them all (audited, without what they held)', async () => {
    await h.api.call('marketing.subscribers.list', { storeId: STORE_ID, limit: 25, offset: 0 });
    await h.api.call('marketing.campaigns.list', { storeId: STORE_ID });
    const cacheFiles = async () => (await filesUnder(await h.profileDir())).filter((f) => /[/\\]cache[/\\]/.test(f));
    const files = await cacheFiles();
    const onDisk = (await Promise.all(files.map((f) => stat(f)))).reduce((sum, info) => sum + info.size, 0);
    const size = await h.api.call('offline.cacheSize', {});
    expect(size).toMatchObject({ entries: files.length, bytes: onDisk });
    expect(size.limits.maxEntries).toBeGreaterThan(0);

    expect(await h.api.call('offline.clearCache', {})).toEqual({ entries: files.length, bytes: onDisk });
    expect(await cacheFiles()).toEqual([]);
    expect(await h.api.call('offline.cacheSize', {})).toMatchObject({ entries: 0, bytes: 0 });
    const { entries } = await h.api.call('audit.list', { limit: 5 });
    expect(entries.find((e) => e.details.what === 'offline copies cleared')?.details).toEqual({ what: 'offline copies cleared', entries: files.length, bytes: onDisk });

    // Nothing seen before is left to show offline.
    await h.stopPeer();
    await expect(h.api.call('marketing.subscribers.list', { storeId: STORE_ID, limit: 25, offset: 0 })).rejects.toMatchObject({ code: expect.stringMatching(/unreachable|timeout|network/) });
  });
});
