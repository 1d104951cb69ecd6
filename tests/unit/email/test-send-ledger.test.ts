import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAesGcmCipher } from '../../../src/main/core/crypto/cipher';
import { createTestSendLedger } from '../../../src/main/core/email/test-send-ledger';
import { createWriteGate } from '../../../src/main/core/local-data/write-gate';

/** The memory behind "Try again" on a test send, as it lasts across restarts of the console. */
describe('the test-send ledger in the profile folder', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'markket-test-sends-'));
    file = join(dir, 'test-sends', 'ledger.json');
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('a ledger opened on the same file remembers what a request sent, and what it may have sent', async () => {
    const first = createTestSendLedger({ file });
    const record = await first.record('store\ncampaign\nreq-1');
    record.spent.add('sent@example.com').add('maybe@example.com');
    record.uncertain.add('maybe@example.com');
    await first.keep('store\ncampaign\nreq-1');

    const reopened = await createTestSendLedger({ file }).record('store\ncampaign\nreq-1');
    expect([...reopened.spent]).toEqual(['sent@example.com', 'maybe@example.com']);
    expect([...reopened.uncertain]).toEqual(['maybe@example.com']);
    expect((await createTestSendLedger({ file }).record('store\ncampaign\nreq-2')).spent.size).toBe(0);
  });

  it('in HIPAA mode the file is sealed: no address can be read from it, and the same key opens it', async () => {
    const cipher = createAesGcmCipher(Buffer.alloc(32, 3));
    const ledger = createTestSendLedger({ file, cipher });
    (await ledger.record('k')).spent.add('nurse@clinic.example.com');
    await ledger.keep('k');
    expect((await readFile(file)).includes(Buffer.from('nurse@clinic.example.com'))).toBe(false);
    expect([...(await createTestSendLedger({ file, cipher }).record('k')).spent]).toEqual(['nurse@clinic.example.com']);
  });

  it('forgets requests older than a day, and keeps only the newest ones', async () => {
    let clock = Date.parse('2026-12-01T09:00:00Z');
    const now = () => new Date(clock);
    const ledger = createTestSendLedger({ file, now, capacity: 2 });
    for (const key of ['a', 'b', 'c']) {
      (await ledger.record(key)).spent.add(`${key}@example.com`);
      await ledger.keep(key);
      clock += 60_000;
    }
    const later = createTestSendLedger({ file, now });
    expect((await later.record('a')).spent.size).toBe(0);
    expect((await later.record('c')).spent.has('c@example.com')).toBe(true);

    clock += 25 * 60 * 60 * 1000;
    expect((await createTestSendLedger({ file, now }).record('c')).spent.size).toBe(0);
  });

  it('writes nothing once the folder’s write gate is closed, without failing the test send', async () => {
    const gate = createWriteGate();
    const ledger = createTestSendLedger({ file, gate });
    (await ledger.record('k')).spent.add('a@example.com');
    await gate.close();
    await expect(ledger.keep('k')).resolves.toBeUndefined();
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await ledger.record('k')).spent.has('a@example.com')).toBe(true);
  });
});
