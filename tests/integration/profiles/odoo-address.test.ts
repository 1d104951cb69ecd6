import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { profileSecretAccount } from '../../../src/main/core/secrets/types';
import { ownOdoo, profileFixture } from './helpers';

/** An Odoo API key belongs to one server: it never follows the profile to another address, and never travels over plain http. */
let fixture: ReturnType<typeof profileFixture>;
beforeEach(() => {
  fixture = profileFixture();
});
afterEach(async () => {
  await fixture.secrets.delete(profileSecretAccount('p_test0001', 'odoo-api-key'));
  fixture.cleanup();
});

const withKey = { ...ownOdoo, secrets: { odooApiKey: 'key-for-the-clinic-odoo' } };

describe('the Odoo address of a profile', () => {
  it('deletes the saved Odoo key when the address changes without a new key, and says it is no longer set', async () => {
    const created = await fixture.store.create(withKey);
    const updated = await fixture.store.update({ id: created.id, odoo: { url: 'https://odoo.elsewhere.example' } });
    expect([updated.secrets.odooApiKey, await fixture.secrets.get(profileSecretAccount(created.id, 'odoo-api-key'))]).toEqual([false, null]);
  });

  it('deletes the saved Odoo key when the database changes without a new key', async () => {
    const created = await fixture.store.create(withKey);
    const updated = await fixture.store.update({ id: created.id, odoo: { database: 'other' } });
    expect(updated.secrets.odooApiKey).toBe(false);
  });

  it('keeps the new key given with the new address', async () => {
    const created = await fixture.store.create(withKey);
    await fixture.store.update({ id: created.id, odoo: { url: 'https://odoo.elsewhere.example' }, secrets: { odooApiKey: 'key-for-elsewhere' } });
    expect(await fixture.secrets.get(profileSecretAccount(created.id, 'odoo-api-key'))).toBe('key-for-elsewhere');
  });

  it('keeps the saved key when only the login changes', async () => {
    const created = await fixture.store.create(withKey);
    expect((await fixture.store.update({ id: created.id, odoo: { login: 'manager@clinic.example' } })).secrets.odooApiKey).toBe(true);
  });

  it('refuses a plain http:// address of another computer, naming the field', async () => {
    const error = await fixture.store.create({ ...ownOdoo, odoo: { ...ownOdoo.odoo, url: 'http://odoo.clinic.example' } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'input.invalid', details: { fields: [expect.objectContaining({ field: expect.stringMatching(/odoo\.url/), problem: expect.stringMatching(/https:\/\//) })] } });
  });

  it.each(['http://localhost:8069', 'http://127.0.0.1:8069', 'http://[::1]:8069'])('accepts plain http:// to this computer (%s)', async (url) => {
    expect((await fixture.store.create({ ...ownOdoo, odoo: { ...ownOdoo.odoo, url } })).odoo.url).toBe(url);
  });
});
