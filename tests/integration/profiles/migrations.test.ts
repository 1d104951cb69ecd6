import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProfileStore, migrateProfileV1ToV2 } from '../../../src/main/core/profiles';
import { profileFixture } from './helpers';

/** What a 1.0.0 console wrote: `hipaaMode` instead of `hipaa`, delivery optional. */
const v1File = {
  profiles: [
    {
      id: 'p_shop000001',
      name: 'Shop on Markket',
      kind: 'markket-default',
      odoo: { url: 'https://odoo.markket.place', database: 'markket', login: 'shop@example.com', protocol: 'auto' },
      storeIds: ['store_shop'],
      sendgrid: { region: 'eu' },
      hipaaMode: false,
      createdAt: '2024-11-02T10:00:00.000Z',
      updatedAt: '2024-11-02T10:00:00.000Z',
    },
    {
      id: 'p_clinic0001',
      name: 'Clinic',
      kind: 'own-odoo',
      odoo: { url: 'https://odoo.clinic.example', database: 'clinic', login: 'owner', protocol: 'jsonrpc' },
      storeIds: [],
      sendgrid: { region: 'global', delivery: 'sendgrid-relay' },
      hipaaMode: true,
      createdAt: '2024-11-03T10:00:00.000Z',
      updatedAt: '2024-11-03T10:00:00.000Z',
    },
  ],
  activeProfileId: 'p_clinic0001',
  __internal__: { migrations: { version: '1.0.0' } },
};

let fixture: ReturnType<typeof profileFixture>;
beforeEach(() => {
  fixture = profileFixture();
  writeFileSync(join(fixture.dir, 'profiles.json'), JSON.stringify(v1File));
});
afterEach(() => fixture.cleanup());

describe('opening a profiles file written by an older console (v1 → v2)', () => {
  it('gives every profile HIPAA settings with the default idle lock', async () => {
    const { profiles } = await createProfileStore(fixture.deps).list();
    expect(profiles.map((p) => [p.id, p.hipaa])).toEqual([
      ['p_shop000001', { enabled: false, idleLockMinutes: 15 }],
      ['p_clinic0001', { enabled: true, idleLockMinutes: 15 }],
    ]);
  });

  it('moves an old HIPAA profile off SendGrid until the owner acknowledges again', async () => {
    const clinic = await createProfileStore(fixture.deps).get('p_clinic0001');
    expect(clinic.sendgrid).toEqual({ region: 'global', delivery: 'odoo-mail-server' });
  });

  it('keeps SendGrid delivery for a profile that is not in HIPAA mode', async () => {
    const shop = await createProfileStore(fixture.deps).get('p_shop000001');
    expect(shop.sendgrid).toEqual({ region: 'eu', delivery: 'sendgrid-relay' });
  });

  it('keeps the active profile', async () => {
    expect((await createProfileStore(fixture.deps).active()).profile?.id).toBe('p_clinic0001');
  });

  it('records the new version in the file so the migration runs once', () => {
    createProfileStore(fixture.deps);
    const written = JSON.parse(readFileSync(join(fixture.dir, 'profiles.json'), 'utf8')) as { __internal__: { migrations: { version: string } }; profiles: object[] };
    expect([written.__internal__.migrations.version, written.profiles.every((p) => !('hipaaMode' in p))]).toEqual(['2.0.0', true]);
  });
});

describe('the v2 profile migration', () => {
  it('leaves a profile that is already v2 unchanged', () => {
    const v2 = { id: 'p_x00000001', sendgrid: { region: 'global', delivery: 'sendgrid-relay' }, hipaa: { enabled: true, idleLockMinutes: 5, sendgridAcknowledgedAt: '2025-01-01T00:00:00.000Z' } };
    expect(migrateProfileV1ToV2(v2)).toBe(v2);
  });
});
