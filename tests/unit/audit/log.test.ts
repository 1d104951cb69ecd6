import { mkdtemp, readFile, rm, writeFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAuditLog, entryHash } from '../../../src/main/core/audit';
import { createAesGcmCipher } from '../../../src/main/core/crypto/cipher';

let dir: string;
let tick = 0;
const now = () => new Date(Date.UTC(2025, 2, 1, 10, 0, tick++));
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'markket-audit-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function logWithThreeEntries(cipher?: ReturnType<typeof createAesGcmCipher>) {
  const log = createAuditLog({ dir, now, cipher });
  await log.append({ actor: 'dr.house', action: 'profile.connect', details: { profile: 'clinic' } });
  await log.append({ actor: 'dr.house', action: 'subscribers.list_viewed', details: { listId: 3, rows: 50 } });
  await log.append({ actor: 'dr.house', action: 'export.created', details: { format: 'csv', rows: 1250, path: '/home/h/report.csv' } });
  return log;
}

async function rewriteLines(edit: (lines: string[]) => string[]) {
  const file = join(dir, 'audit.jsonl');
  const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
  await writeFile(file, `${edit(lines).join('\n')}\n`);
}

describe('audit log', () => {
  it('keeps one chain when two instances append to the same file, as after a profile change', async () => {
    const before = createAuditLog({ dir, now });
    const after = createAuditLog({ dir, now });
    await before.append({ actor: 'a', action: 'profile.connect' });
    await after.append({ actor: 'a', action: 'profile.connect' });
    await Promise.all([before.append({ actor: 'a', action: 'setup.changed' }), after.append({ actor: 'a', action: 'subscribers.list_viewed' })]);
    expect(await after.verify()).toEqual({ ok: true, keyed: false, entries: 4 });
  });

  it('refuses a plain entry slipped into a sealed log', async () => {
    const cipher = createAesGcmCipher(Buffer.alloc(32, 7));
    const sealed = createAuditLog({ dir, now, cipher });
    await sealed.append({ actor: 'a', action: 'profile.connect' });
    await appendFile(join(dir, 'audit.jsonl'), `${JSON.stringify({ seq: 2, at: now().toISOString(), actor: 'intruder', action: 'setup.changed', details: {}, prevHash: '0'.repeat(64), hash: '0'.repeat(64) })}\n`);
    expect(await sealed.verify()).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('chains every entry to the one before it and verifies', async () => {
    const log = await logWithThreeEntries();
    const { entries } = await log.read({ limit: 10 });
    expect(entries.map((e) => e.seq)).toEqual([3, 2, 1]);
    expect(entries[0]?.prevHash).toBe(entries[1]?.hash);
    expect(entries[2]?.prevHash).toBe('0'.repeat(64));
    expect(await log.verify()).toEqual({ ok: true, keyed: false, entries: 3 });
  });

  it('continues the chain after the console restarts', async () => {
    await logWithThreeEntries();
    const reopened = createAuditLog({ dir, now });
    const entry = await reopened.append({ actor: 'dr.house', action: 'campaign.sent', details: { campaignId: 'camp_abcdef' } });
    expect(entry.seq).toBe(4);
    expect(await reopened.verify()).toEqual({ ok: true, keyed: false, entries: 4 });
  });

  it('detects an entry whose details were modified', async () => {
    const log = await logWithThreeEntries();
    await rewriteLines((lines) => lines.map((line, i) => (i === 1 ? line.replace('"rows":50', '"rows":5') : line)));
    expect(await log.verify()).toMatchObject({ ok: false, brokenAt: 2, reason: expect.stringContaining('changed') });
  });

  it('detects a modified entry even when its hash was recomputed', async () => {
    const log = await logWithThreeEntries();
    await rewriteLines((lines) =>
      lines.map((line, i) => {
        if (i !== 0) return line;
        const entry = JSON.parse(line);
        entry.actor = 'someone.else';
        entry.hash = entryHash(entry);
        return JSON.stringify(entry);
      }),
    );
    expect(await log.verify()).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('detects a deleted entry', async () => {
    const log = await logWithThreeEntries();
    await rewriteLines((lines) => lines.filter((_, i) => i !== 1));
    expect(await log.verify()).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('detects reordered entries', async () => {
    const log = await logWithThreeEntries();
    await rewriteLines(([a, b, c]) => [a, c, b] as string[]);
    expect(await log.verify()).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('pages through entries newest first', async () => {
    const log = await logWithThreeEntries();
    const page = await log.read({ limit: 1, offset: 1 });
    expect(page.total).toBe(3);
    expect(page.entries.map((e) => e.action)).toEqual(['subscribers.list_viewed']);
  });

  it('cuts off a line torn by a crash before appending the next entry', async () => {
    await logWithThreeEntries();
    await appendFile(join(dir, 'audit.jsonl'), '{"seq":4,"at":"2025-');
    const log = createAuditLog({ dir, now });
    await log.append({ actor: 'dr.house', action: 'setup.changed', details: { field: 'idleLockMinutes' } });
    expect(await log.verify()).toEqual({ ok: true, keyed: false, entries: 4 });
  });

  it('keeps the details unreadable on disk when the profile encrypts its data and still verifies', async () => {
    const cipher = createAesGcmCipher(Buffer.alloc(32, 5));
    const log = await logWithThreeEntries(cipher);
    const raw = await readFile(join(dir, 'audit.jsonl'), 'utf8');
    expect(raw).not.toContain('dr.house');
    expect(raw).not.toContain('report.csv');
    expect(await log.verify()).toEqual({ ok: true, keyed: false, entries: 3 });
  });

  it('detects tampering with an encrypted line', async () => {
    const cipher = createAesGcmCipher(Buffer.alloc(32, 5));
    const log = await logWithThreeEntries(cipher);
    await rewriteLines((lines) => lines.map((line, i) => (i === 2 ? `${line.slice(0, 40)}${line[40] === 'A' ? 'B' : 'A'}${line.slice(41)}` : line)));
    expect(await log.verify()).toMatchObject({ ok: false, brokenAt: 3, reason: expect.stringContaining('cannot be read') });
  });

  it('exports the decrypted log as JSONL together with its verification', async () => {
    const log = await logWithThreeEntries(createAesGcmCipher(Buffer.alloc(32, 5)));
    const target = join(dir, 'export', 'audit-export.jsonl');
    const result = await log.exportTo(target);
    expect(result).toEqual({ entries: 3, verified: { ok: true, keyed: false, entries: 3 } });
    const exported = (await readFile(target, 'utf8')).trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(exported.map((e) => e.action)).toEqual(['profile.connect', 'subscribers.list_viewed', 'export.created']);
  });
});
