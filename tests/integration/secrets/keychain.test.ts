import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ErrorPayload } from '../../../src/shared/errors';
import { createKeychainStore } from '../../../src/main/core/secrets';

// Runs against the real Secret Service (gnome-keyring in a private D-Bus session; `npm test` sets it up).
const service = `markket-console-test-${randomBytes(4).toString('hex')}`;
const store = createKeychainStore({ service });
const account = (name: string) => `profile:p_keychaintest:${name}`;
const used = new Set<string>();
const use = (name: string) => {
  used.add(account(name));
  return account(name);
};

afterAll(async () => {
  await Promise.all([...used].map((name) => store.delete(name)));
});

describe('the OS keychain secret store', () => {
  it('gives back the secret it saved', async () => {
    await store.set(use('odoo-api-key'), 'odoo-key-4f1c9a0b7e');
    expect(await store.get(account('odoo-api-key'))).toBe('odoo-key-4f1c9a0b7e');
  });

  it('replaces a secret saved again under the same account', async () => {
    await store.set(use('sendgrid-api-key'), 'SG.first-key-value');
    await store.set(account('sendgrid-api-key'), 'SG.second-key-value');
    expect(await store.get(account('sendgrid-api-key'))).toBe('SG.second-key-value');
  });

  it('says whether a secret is set without needing its value', async () => {
    await store.set(use('data-key'), 'k'.repeat(44));
    expect([await store.has(account('data-key')), await store.has(use('never-set'))]).toEqual([true, false]);
  });

  it('deletes a secret so it can no longer be read', async () => {
    await store.set(use('to-delete'), 'short-lived-secret');
    expect(await store.delete(account('to-delete'))).toBe(true);
    expect(await store.get(account('to-delete'))).toBeNull();
  });

  it('reports false when deleting a secret that is not there', async () => {
    expect(await store.delete(use('absent'))).toBe(false);
  });

  it('keeps secrets of different services apart', async () => {
    const other = createKeychainStore({ service: `${service}-other` });
    await store.set(use('shared-name'), 'belongs-to-first-service');
    expect(await other.get(account('shared-name'))).toBeNull();
  });

  it('keeps the last of many overlapping writes to one entry, and none of them fails', async () => {
    // The audit head is rewritten on every audit entry; gnome-keyring fails overlapping writes of one item.
    const writes = Array.from({ length: 24 }, (_, i) => [store.set(use('audit-head'), `head-${i}`), ...(i % 6 === 0 ? [store.delete(account('audit-head'))] : [])]).flat();
    const outcomes = await Promise.allSettled(writes);
    expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
    expect(await store.get(account('audit-head'))).toBe('head-23');
  });

  it('refuses an empty secret instead of saving nothing as a key', async () => {
    await expect(store.set(use('empty'), '')).rejects.toMatchObject({ code: 'input.invalid' });
  });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('without a Secret Service', () => {
  const home = mkdtempSync(join(tmpdir(), 'markket-nokeychain-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));
  const secret = `odoo-nokeychain-${randomBytes(6).toString('hex')}`;

  // A child process with no reachable D-Bus: what a desktop without gnome-keyring/KWallet looks like.
  const child = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures/no-keychain-child.ts'), home, secret], {
    encoding: 'utf8',
    env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/markket-bus', HOME: home, XDG_DATA_HOME: join(home, 'data'), XDG_CONFIG_HOME: join(home, 'config') },
  });
  const Outcome = z.object({ set: ErrorPayload.nullable(), create: ErrorPayload.optional(), savedProfiles: z.number() });
  const outcome = () => Outcome.parse(JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}'));

  it('fails saving a secret with keychain.unavailable and says what to install', () => {
    expect(child.status, child.stderr).toBe(0);
    const { set } = outcome();
    expect(set?.code).toBe('keychain.unavailable');
    expect(set?.message).toMatch(/gnome-keyring.*KWallet/);
  });

  it('refuses to create a profile whose key could not be stored', () => {
    const { create, savedProfiles } = outcome();
    expect([create?.code, savedProfiles]).toEqual(['keychain.unavailable', 0]);
  });

  it('writes the secret nowhere on disk instead', () => {
    const leaks = filesUnder(home).filter((path) => readFileSync(path).includes(secret));
    expect(leaks).toEqual([]);
  });
});
