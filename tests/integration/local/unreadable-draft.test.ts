import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalHarness, STORE_ID, type LocalHarness } from './harness';

/** One damaged draft file must not hide the others: it is set aside, reported, and kept for recovery. */
describe('an unreadable draft file', () => {
  let h: LocalHarness;
  beforeAll(async () => {
    h = await startLocalHarness();
  }, 60_000);
  afterAll(() => h.close());

  it('lists the other drafts, reports the bad file and keeps its bytes in quarantine', async () => {
    await h.api.call('drafts.save', { storeId: STORE_ID, subject: 'Spring sale' });
    const broken = await h.api.call('drafts.save', { storeId: STORE_ID, subject: 'About to be damaged' });
    const draftsDir = join(await h.profileDir(), 'drafts');
    const damaged = '{"id":"' + broken.id + '","subject":"cut off by a disk err';
    await writeFile(join(draftsDir, `${broken.id}.draft.json`), damaged);

    const listed = await h.api.call('drafts.list', { storeId: STORE_ID });
    expect(listed.drafts.map((d) => d.subject)).toEqual(['Spring sale']);
    expect(listed.unreadable).toEqual([{ file: expect.stringContaining(broken.id), reason: expect.any(String) }]);
    const kept = await readdir(join(draftsDir, 'quarantine'));
    expect(await readFile(join(draftsDir, 'quarantine', kept[0]!), 'utf8')).toBe(damaged);
  });
});
