import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserMode, type BrowserMode } from '../../../src/main/host/browser-mode';
import { createApi } from '../../../src/renderer/src/api/client';
import { httpTransport } from '../../../src/renderer/src/api/http-transport';
import { failure } from './harness';

/**
 * Browser mode with a data folder that lasts (--data-dir) keeps its keys in memory for the run only:
 * a HIPAA data key kept there would leave sealed drafts no one can open after a restart (2/2 in the trial).
 */
describe('HIPAA mode in browser mode with a lasting data folder', () => {
  let work: string;
  let served: BrowserMode;
  let api: ReturnType<typeof createApi>;
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'markket-hipaa-browser-'));
    served = await startBrowserMode({ demo: true, envOdoo: null, dataDir: join(work, 'console') });
    api = createApi(httpTransport({ baseUrl: served.url, token: served.token }));
  }, 60_000);
  afterAll(async () => {
    await served?.close();
    await rm(work, { recursive: true, force: true });
  });

  it('refuses to turn HIPAA mode on, saying why, and seals nothing', async () => {
    const active = await api.call('profiles.active', {});
    await api.call('drafts.save', { storeId: 'demo-store-a', subject: 'Written before the attempt' });
    const error = await failure(api.call('profiles.update', { id: String(active.profile?.id), hipaa: { enabled: true }, sendgrid: { delivery: 'odoo-mail-server' } }));
    expect(error).toMatchObject({ code: 'profile.invalid', message: expect.stringContaining('after a restart'), details: { field: 'hipaa.enabled' } });
    expect((await api.call('profiles.active', {})).profile?.hipaa.enabled).toBe(false);
    expect(await readdir(join(work, 'console', 'profiles', String(active.profile?.id)))).not.toContain('.hipaa-sealed');
    expect((await api.call('drafts.list', { storeId: 'demo-store-a' })).drafts.map((d) => d.subject)).toContain('Written before the attempt');
  });

  it('refuses to create a profile in HIPAA mode', async () => {
    const error = await failure(api.call('profiles.create', { name: 'Clinic', kind: 'own-odoo', odoo: { url: 'https://odoo.clinic.example', database: 'clinic', login: 'admin', protocol: 'auto' }, hipaa: { enabled: true } }));
    expect(error).toMatchObject({ code: 'profile.invalid', details: { reason: 'keychain_not_lasting' } });
    expect((await api.call('profiles.list', {})).profiles.map((p) => p.name)).not.toContain('Clinic');
  });
});
