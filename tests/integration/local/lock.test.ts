import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure, startLocalHarness, STORE_ID, type LocalHarness } from './harness';

let h: LocalHarness;
const PASSPHRASE = 'long enough passphrase';

/** A HIPAA profile that locks after 5 idle minutes, with an app passphrase. */
beforeEach(async () => {
  h = await startLocalHarness();
  const { url, database, login, apiKey } = h.odooSettings;
  await h.api.call('profiles.create', {
    name: 'Clinic', kind: 'own-odoo', odoo: { url, database, login, protocol: 'auto' }, storeIds: [STORE_ID],
    hipaa: { enabled: true, idleLockMinutes: 5 }, secrets: { odooApiKey: apiKey }, activate: true,
  });
  await h.api.call('session.setPassphrase', { passphrase: PASSPHRASE });
});
afterEach(() => h.close());

const idle = (minutes: number) => {
  h.clock.now = new Date(h.clock.now.getTime() + minutes * 60_000);
};
const get = (path: string) => fetch(`${h.served.url}${path}`, { headers: { Authorization: `Bearer ${h.served.token}` } });
const subscribersPath = `/api/stores/${STORE_ID}/marketing/subscribers`;

describe('auto-lock held by the host', () => {
  it('answers personal-data operations with 403 locked over HTTP after the idle time', async () => {
    expect((await get(subscribersPath)).status).toBe(200);
    idle(5);
    const res = await get(subscribersPath);
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: 'locked' } });
    expect((await failure(h.api.call('drafts.list', {}))).code).toBe('locked');
    expect((await failure(h.api.call('audit.list', {}))).code).toBe('locked');
  });

  it('keeps the lock status, the active profile and connectivity available while locked', async () => {
    idle(6);
    expect(await h.api.call('session.status', {})).toEqual({ locked: true, reason: 'idle', lockAfterMs: 300_000, passphraseSet: true, systemUnlock: null });
    expect((await h.api.call('profiles.active', {})).profile?.name).toBe('Clinic');
    expect((await h.api.call('connectivity.status', {})).online).toBe(true);
  });

  it('stays unlocked while the window reports activity', async () => {
    idle(4);
    await h.api.call('session.touch', {});
    idle(4);
    expect((await get(subscribersPath)).status).toBe(200);
  });

  it('refuses a wrong passphrase and stays locked', async () => {
    idle(5);
    const error = await failure(h.api.call('session.unlock', { passphrase: 'not the passphrase' }));
    expect(error.code).toBe('input.invalid');
    expect((await get(subscribersPath)).status).toBe(403);
  });

  it('gives the data back after unlocking with the passphrase, and records both in the audit log', async () => {
    idle(5);
    expect((await get(subscribersPath)).status).toBe(403);
    expect(await h.api.call('session.unlock', { passphrase: PASSPHRASE })).toMatchObject({ locked: false });
    expect((await get(subscribersPath)).status).toBe(200);
    const { entries } = await h.api.call('audit.list', { limit: 5 });
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['session.locked', 'session.unlocked']));
  });

  it('refuses one-time download links while locked', async () => {
    const result = await h.api.call('export.subscribers', { storeId: STORE_ID, format: 'csv', password: 'correct horse battery' });
    idle(5);
    expect((await fetch(`${h.served.url}${result.download?.url}`)).status).toBe(403);
  });
});
