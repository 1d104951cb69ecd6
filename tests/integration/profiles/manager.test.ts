import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProfileManager, type ProfileManager } from '../../../src/main/core/profiles';
import { createOdooClient } from '../../../src/main/core/odoo';
import { AppError } from '../../../src/shared/errors';
import type { ProfileView } from '../../../src/shared/schemas/profile';
import { ownOdoo, profileFixture } from './helpers';

let fixture: ReturnType<typeof profileFixture>;
let manager: ProfileManager;
beforeEach(() => {
  fixture = profileFixture();
  manager = createProfileManager({ store: fixture.store, createOdooClient, now: fixture.clock.now });
});
afterEach(() => fixture.cleanup());

describe('switching the active profile', () => {
  it('tells the host which profile became active so it can rebuild its services', async () => {
    const seen: (string | null)[] = [];
    manager.onActivate((profile) => void seen.push(profile?.name ?? null));
    const created = await manager.create(ownOdoo);
    await manager.activate(created.id);
    expect(seen).toEqual([ownOdoo.name]);
  });

  it('activates a new profile created with activate: true', async () => {
    const created = await manager.create({ ...ownOdoo, activate: true });
    expect((await manager.active()).profile?.id).toBe(created.id);
  });

  it('goes back to the previous profile when the services cannot be rebuilt', async () => {
    const first = await manager.create({ name: 'Demo', kind: 'demo', activate: true });
    const second = await manager.create(ownOdoo);
    manager.onActivate((profile: ProfileView | null) => {
      if (profile?.id === second.id) throw new AppError('odoo.not_configured', 'No Odoo API key is saved.');
    });
    await expect(manager.activate(second.id)).rejects.toMatchObject({ code: 'odoo.not_configured' });
    expect((await manager.active()).profile?.id).toBe(first.id);
  });

  it('tells the host there is no active profile after the active one was deleted', async () => {
    const created = await manager.create({ ...ownOdoo, activate: true });
    const seen: (string | null)[] = [];
    manager.onActivate((profile) => void seen.push(profile?.id ?? null));
    await manager.delete(created.id);
    expect(seen).toEqual([null]);
  });

  it('stops calling a listener once it unsubscribed', async () => {
    const seen: string[] = [];
    const unsubscribe = manager.onActivate((profile) => void seen.push(profile?.id ?? 'none'));
    unsubscribe();
    await manager.create({ ...ownOdoo, activate: true });
    expect(seen).toEqual([]);
  });
});

describe('testing a connection before a key is saved', () => {
  it('reports the missing key as a problem instead of failing', async () => {
    const created = await manager.create(ownOdoo);
    const report = await manager.testConnection(created.id);
    expect([report.ok, report.problems.map((p) => p.code)]).toEqual([false, ['odoo.not_configured']]);
  });
});
