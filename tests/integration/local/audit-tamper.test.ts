import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createAuditKeyring, createAuditLog, entryHash } from '../../../src/main/core/audit';
import { createProfileManager, createProfileStore } from '../../../src/main/core/profiles';
import { createKeychainStore, PROFILE_SECRET_KINDS, profileSecretAccount } from '../../../src/main/core/secrets';
import { createOdooClient } from '../../../src/main/core/odoo';
import { openLocalData } from '../../../src/main/host/local-data';
import type { ProfileView } from '../../../src/shared/schemas/profile';

// Runs against the real Secret Service (gnome-keyring in a private D-Bus session; `npm test` sets it up):
// the audit key and the anchored head live there, out of reach of someone who can only edit files.
const keychain = createKeychainStore({ service: `markket-audit-test-${randomBytes(4).toString('hex')}` });
const profilesMade: string[] = [];
let work: string;
let tick = 0;
const now = () => new Date(Date.UTC(2025, 2, 1, 10, 0, tick++));

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'markket-audit-tamper-'));
  return () => rm(work, { recursive: true, force: true });
});
afterAll(async () => {
  await Promise.all(profilesMade.flatMap((id) => PROFILE_SECRET_KINDS.map((kind) => keychain.delete(profileSecretAccount(id, kind)))));
});

async function clinicProfile(hipaa = false): Promise<{ profile: ProfileView; dir: string }> {
  const profiles = createProfileManager({ store: createProfileStore({ cwd: join(work, 'console'), secrets: keychain }), createOdooClient });
  const profile = await profiles.create({
    name: 'Clinic', kind: 'own-odoo', odoo: { url: 'http://127.0.0.1:8069', database: 'clinic', login: 'owner', protocol: 'auto' }, storeIds: ['clinic'],
    ...(hipaa ? { hipaa: { enabled: true } } : {}),
  });
  profilesMade.push(profile.id);
  return { profile, dir: join(work, 'console', 'profiles', profile.id) };
}

/** The profile opened by the console (its connect entry is #1), then three things the owner did. */
async function clinicWithFourEntries(hipaa = false) {
  const { profile, dir } = await clinicProfile(hipaa);
  const open = () => openLocalData({ dir, profile, secrets: keychain, now });
  const local = await open();
  await local.audit.append({ actor: local.actor, action: 'subscribers.list_viewed', details: { listId: 3, rows: 50 } });
  await local.audit.append({ actor: local.actor, action: 'export.created', details: { format: 'csv', rows: 1250 } });
  await local.audit.append({ actor: local.actor, action: 'campaign.sent', details: { campaignId: 'camp_flu' } });
  const file = join(dir, 'audit', 'audit.jsonl');
  const rewrite = async (edit: (lines: string[]) => string[]) => {
    const lines = (await readFile(file, 'utf8')).trimEnd().split('\n');
    await writeFile(file, edit(lines).map((line) => `${line}\n`).join(''));
  };
  return { profile, dir, local, open, file, rewrite };
}

describe('the audit log sealed with a key in the OS keychain', () => {
  it('verifies as keyed and keeps its key and its head in the keychain, not in the folder', async () => {
    const { profile, local, dir } = await clinicWithFourEntries();
    expect(await local.audit.verify()).toEqual({ ok: true, keyed: true, entries: 4 });
    const anchor = JSON.parse(String(await keychain.get(profileSecretAccount(profile.id, 'audit-head'))));
    const newest = (await local.audit.read({ limit: 1 })).entries[0];
    expect(anchor).toEqual({ seq: 4, hash: newest?.hash });
    const key = String(await keychain.get(profileSecretAccount(profile.id, 'audit-key')));
    expect(await readFile(join(dir, 'audit', 'audit.jsonl'), 'utf8')).not.toContain(key);
  });

  it('detects an edited entry even when the editor recomputed its hash and every hash after it', async () => {
    const { local, rewrite } = await clinicWithFourEntries();
    await rewrite((lines) => {
      let prevHash = '';
      return lines.map((line, i) => {
        const entry = JSON.parse(line);
        if (i === 1) entry.details.rows = 5;
        if (i >= 1) {
          entry.prevHash = prevHash;
          entry.hash = entryHash(entry);
        }
        prevHash = entry.hash;
        return JSON.stringify(entry);
      });
    });
    expect(await local.audit.verify()).toMatchObject({ ok: false, keyed: true, brokenAt: 2, reason: expect.stringContaining("audit key") });
  });

  it('detects a deleted entry', async () => {
    const { local, rewrite } = await clinicWithFourEntries();
    await rewrite((lines) => lines.filter((_, i) => i !== 2));
    expect(await local.audit.verify()).toMatchObject({ ok: false, brokenAt: 3, reason: expect.stringContaining('removed or moved') });
  });

  it('detects reordered entries', async () => {
    const { local, rewrite } = await clinicWithFourEntries();
    await rewrite(([a, b, c, d]) => [a, c, b, d] as string[]);
    expect(await local.audit.verify()).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('detects entries cut off the end', async () => {
    const { local, rewrite } = await clinicWithFourEntries();
    await rewrite((lines) => lines.slice(0, 2));
    expect(await local.audit.verify()).toMatchObject({
      ok: false, entries: 2, brokenAt: 3, reason: expect.stringContaining('removed from the end: the keychain records that the log reached entry 4'),
    });
  });

  it('detects a log file deleted outright', async () => {
    const { local, file } = await clinicWithFourEntries();
    await rm(file);
    expect(await local.audit.verify()).toMatchObject({ ok: false, entries: 0, brokenAt: 1 });
  });

  it('still reports a cut-short log after the console reopens it and records more', async () => {
    const { rewrite, open } = await clinicWithFourEntries();
    await rewrite((lines) => lines.slice(0, 2));
    const reopened = await open();
    await reopened.audit.append({ actor: reopened.actor, action: 'session.locked', details: { reason: 'idle' } });
    // Five lines again (2 kept, the reconnect, the lock): the anchored #4 is not the one in the file.
    expect(await reopened.audit.verify()).toMatchObject({ ok: false, brokenAt: 4, reason: expect.stringContaining('replaced') });
  });

  it('detects a cut-short log in HIPAA mode, where every line is also encrypted', async () => {
    const { local, rewrite } = await clinicWithFourEntries(true);
    await rewrite((lines) => lines.slice(0, 3));
    expect(await local.audit.verify()).toMatchObject({ ok: false, keyed: true, brokenAt: 4 });
  });

  it('continues a log written before logs were keyed, and then protects it whole', async () => {
    const { profile, dir } = await clinicProfile();
    const plain = createAuditLog({ dir: join(dir, 'audit'), now });
    await plain.append({ actor: 'owner', action: 'profile.connect', details: {} });
    await plain.append({ actor: 'owner', action: 'subscribers.list_viewed', details: { rows: 50 } });
    const local = await openLocalData({ dir, profile, secrets: keychain, now });
    expect(await local.audit.verify()).toEqual({ ok: true, keyed: true, entries: 3 });
  });

  it('says the log cannot be checked when its key is no longer in the keychain, and never vouches for it again', async () => {
    const { profile, dir } = await clinicWithFourEntries();
    await keychain.delete(profileSecretAccount(profile.id, 'audit-key'));
    const another = createAuditLog({ dir: join(dir, 'audit'), now, keyring: createAuditKeyring(keychain, profile.id) });
    expect(await another.verify()).toMatchObject({ ok: false, brokenAt: 1, reason: expect.stringContaining("no longer in this computer's keychain") });
    // Reopening makes a new key for what comes next; the entries sealed with the lost one still do not pass.
    const reopened = await openLocalData({ dir, profile, secrets: keychain, now });
    expect(await reopened.audit.verify()).toMatchObject({ ok: false, brokenAt: 1 });
  });
});
