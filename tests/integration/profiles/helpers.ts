import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProfileStore, type ProfileStoreDeps } from '../../../src/main/core/profiles';
import { createKeychainStore } from '../../../src/main/core/secrets';

/** A fixed clock that moves only when told to: profiles record times, tests compare them. */
export function steppingClock(start = '2025-03-01T09:00:00.000Z') {
  let current = new Date(start).getTime();
  return { now: () => new Date(current), advance: (ms: number) => (current += ms) };
}

/**
 * A profile store in a fresh temporary folder over the REAL keychain (one keychain service per
 * fixture, so parallel test files never see each other's entries).
 */
export function profileFixture(overrides: Partial<ProfileStoreDeps> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'markket-profiles-'));
  const service = `markket-console-test-${randomBytes(4).toString('hex')}`;
  const secrets = createKeychainStore({ service });
  const clock = steppingClock();
  let counter = 0;
  const deps: ProfileStoreDeps = { cwd: dir, secrets, now: clock.now, newId: () => `p_test${String(++counter).padStart(4, '0')}`, ...overrides };
  return { dir, service, secrets, clock, deps, store: createProfileStore(deps), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export const ownOdoo = {
  name: 'Clinic on its own Odoo',
  kind: 'own-odoo' as const,
  odoo: { url: 'https://odoo.clinic.example', database: 'clinic', login: 'owner@clinic.example' },
  storeIds: ['store_clinic'],
};
