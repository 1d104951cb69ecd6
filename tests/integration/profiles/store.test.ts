import { writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProfileStore } from '../../../src/main/core/profiles';
import { profileSecretAccount, type SecretStore } from '../../../src/main/core/secrets';
import { AppError } from '../../../src/shared/errors';
import { ownOdoo, profileFixture } from './helpers';

let fixture: ReturnType<typeof profileFixture>;
beforeEach(() => {
  fixture = profileFixture();
});
afterEach(() => fixture.cleanup());

describe('saving profiles', () => {
  it('lists a new profile with whether its keys are set, not the keys', async () => {
    await fixture.store.create({ ...ownOdoo, secrets: { odooApiKey: 'odoo-key-1234567890' } });
    const { profiles } = await fixture.store.list();
    expect(profiles.map((p) => [p.name, p.secrets])).toEqual([[ownOdoo.name, { odooApiKey: true, sendgridApiKey: false }]]);
  });

  it('keeps profiles when the console starts again', async () => {
    const created = await fixture.store.create(ownOdoo);
    const reopened = createProfileStore(fixture.deps);
    expect((await reopened.get(created.id)).odoo).toEqual({ ...ownOdoo.odoo, protocol: 'auto' });
  });

  it('reports a first run with no active profile in a fresh folder', async () => {
    expect(await fixture.store.active()).toEqual({ profile: null, firstRun: true });
  });

  it('remembers which profile is active', async () => {
    await fixture.store.create({ name: 'Demo', kind: 'demo' });
    const second = await fixture.store.create(ownOdoo);
    await fixture.store.activate(second.id);
    const active = await createProfileStore(fixture.deps).active();
    expect([active.profile?.id, active.firstRun]).toEqual([second.id, false]);
  });

  it('updates settings and records when, keeping the creation time', async () => {
    const created = await fixture.store.create(ownOdoo);
    fixture.clock.advance(60_000);
    const updated = await fixture.store.update({ id: created.id, name: 'Clinic (main)', odoo: { protocol: 'jsonrpc' } });
    expect([updated.name, updated.odoo.protocol, updated.createdAt, updated.updatedAt]).toEqual(['Clinic (main)', 'jsonrpc', '2025-03-01T09:00:00.000Z', '2025-03-01T09:01:00.000Z']);
  });

  it('refuses an Odoo profile without an Odoo address, naming the field', async () => {
    const error = await fixture.store.create({ ...ownOdoo, odoo: { database: 'clinic', login: 'owner' } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'input.invalid', details: { fields: [{ field: 'odoo.url' }] } });
  });

  it('answers profile.not_found for an id that does not exist', async () => {
    await expect(fixture.store.get('p_missing01')).rejects.toMatchObject({ code: 'profile.not_found' });
  });

  it('reports a damaged profiles file instead of using it', async () => {
    await fixture.store.create(ownOdoo);
    writeFileSync(fixture.store.path, JSON.stringify({ profiles: [{ id: 'p_broken01', name: 'no kind' }], activeProfileId: null }));
    const error = await fixture.store.list().catch((e: unknown) => e);
    expect([error instanceof AppError && error.code, error instanceof AppError && error.message.includes(fixture.store.path)]).toEqual(['profile.invalid', true]);
  });
});

describe('profile secrets', () => {
  it('says a key is set once it was saved', async () => {
    const created = await fixture.store.create(ownOdoo);
    const after = await fixture.store.setSecret(created.id, 'sendgrid', 'SG.key-for-the-clinic');
    expect(after.secrets).toEqual({ odooApiKey: false, sendgridApiKey: true });
  });

  it('hands the services the latest key after a replacement', async () => {
    const created = await fixture.store.create({ ...ownOdoo, secrets: { odooApiKey: 'odoo-first-key-0001' } });
    await fixture.store.setSecret(created.id, 'odoo', 'odoo-second-key-0002');
    const connection = await fixture.store.resolveConnection(created.id);
    expect(connection.odoo).toEqual({ ...ownOdoo.odoo, protocol: 'auto', apiKey: 'odoo-second-key-0002' });
  });

  it('says the Odoo key is missing when resolving a profile without one', async () => {
    const created = await fixture.store.create(ownOdoo);
    await expect(fixture.store.resolveConnection(created.id)).rejects.toMatchObject({ code: 'odoo.not_configured' });
  });

  it('deletes every keychain entry of a deleted profile', async () => {
    const created = await fixture.store.create({ ...ownOdoo, secrets: { odooApiKey: 'odoo-key-to-delete', sendgridApiKey: 'SG.key-to-delete' } });
    await fixture.secrets.set(profileSecretAccount(created.id, 'data-key'), 'data-key-to-delete');
    const result = await fixture.store.delete(created.id);
    const left = await Promise.all((['odoo-api-key', 'sendgrid-api-key', 'data-key'] as const).map((kind) => fixture.secrets.has(profileSecretAccount(created.id, kind))));
    expect([result.secretsRemoved, left]).toEqual([3, [false, false, false]]);
  });

  it('leaves no active profile after deleting the active one', async () => {
    const created = await fixture.store.create(ownOdoo);
    await fixture.store.activate(created.id);
    await fixture.store.delete(created.id);
    expect(await fixture.store.active()).toEqual({ profile: null, firstRun: true });
  });

  it('refuses an API key for the demo workspace', async () => {
    const demo = await fixture.store.create({ name: 'Demo', kind: 'demo' });
    await expect(fixture.store.setSecret(demo.id, 'odoo', 'odoo-key-demo-0001')).rejects.toMatchObject({ code: 'profile.invalid' });
  });
});

describe('the demo workspace profile', () => {
  const noKeychain: SecretStore = {
    set: () => Promise.reject(new AppError('keychain.unavailable', 'no keychain')),
    has: () => Promise.reject(new AppError('keychain.unavailable', 'no keychain')),
    get: () => Promise.reject(new AppError('keychain.unavailable', 'no keychain')),
    delete: () => Promise.reject(new AppError('keychain.unavailable', 'no keychain')),
  };

  it('is listed on a machine without a keychain', async () => {
    const store = createProfileStore({ ...fixture.deps, secrets: noKeychain });
    await store.create({ name: 'Demo', kind: 'demo' });
    expect((await store.list()).profiles.map((p) => p.kind)).toEqual(['demo']);
  });

  it("resolves to the demo workspace's peers with its store", async () => {
    const odoo = { url: 'http://127.0.0.1:5555', database: 'demo', login: 'demo', apiKey: 'demo-key', protocol: 'auto' as const };
    const store = createProfileStore({ ...fixture.deps, demo: async () => ({ odoo, storeIds: ['store_demo'] }) });
    const demo = await store.create({ name: 'Demo', kind: 'demo' });
    expect(await store.resolveConnection(demo.id)).toMatchObject({ kind: 'demo', odoo, storeIds: ['store_demo'] });
  });
});
