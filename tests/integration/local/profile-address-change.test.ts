import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure, startLocalHarness, STORE_ID, type LocalHarness } from './harness';

/** Moving the active profile to another Odoo drops its key (never sent to a new host) without failing the change. */
let h: LocalHarness;
let profileId: string;

beforeEach(async () => {
  h = await startLocalHarness();
  profileId = (await h.api.call('profiles.active', {})).profile!.id;
});
afterEach(() => h.close());

describe('changing the active profile’s Odoo address', () => {
  it('saves the change, asks for the key again, and works once the key is saved', async () => {
    const { url, database, login, apiKey } = h.odooSettings;
    const moved = await h.api.call('profiles.update', { id: profileId, odoo: { url: url.replace('127.0.0.1', 'localhost'), database, login, protocol: 'auto' } });
    expect(moved.secrets.odooApiKey).toBe(false);
    expect((await failure(h.api.call('marketing.lists', { storeId: STORE_ID }))).code).toBe('odoo.not_configured');

    await h.api.call('profiles.setSecret', { id: profileId, secret: 'odoo', value: apiKey });
    expect((await h.api.call('marketing.lists', { storeId: STORE_ID })).lists.length).toBeGreaterThan(0);
  });
});
