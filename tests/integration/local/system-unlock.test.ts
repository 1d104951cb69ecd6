import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOdooClient } from '../../../src/main/core/odoo';
import { createProfileManager, createProfileStore } from '../../../src/main/core/profiles';
import { createMemorySecretStore } from '../../../src/main/core/secrets';
import { handlers } from '../../../src/main/host/handlers';
import { createServices, type DesktopIntegration, type Services } from '../../../src/main/host/services';
import { contract } from '../../../src/shared/contract';
import { dispatch } from '../../../src/shared/rpc';

/** Unlocking with the operating system's own user check (Touch ID), which only the desktop app offers. */
let dir: string;
let answers: boolean[];
const prompts: string[] = [];
const desktop: DesktopIntegration = {
  chooseSavePath: async () => null,
  verifyUser: { label: 'Touch ID', prompt: async (reason) => (prompts.push(reason), answers.shift() ?? false) },
};

async function servicesWith(integration?: DesktopIntegration): Promise<Services> {
  const secrets = createMemorySecretStore();
  const profiles = createProfileManager({ store: createProfileStore({ cwd: dir, secrets }), createOdooClient });
  return createServices({ odoo: null, profiles, secrets, ...(integration ? { desktop: integration } : {}) });
}
const call = (s: Services, name: string, input: unknown = {}) => dispatch(contract, handlers, s, name, input);

/** A lock only holds once a passphrase exists (someone must be able to unlock it). */
async function locked(s: Services) {
  await call(s, 'session.setPassphrase', { passphrase: 'correct horse battery' });
  expect(await call(s, 'session.lock')).toMatchObject({ ok: true, value: { locked: true } });
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'markket-system-unlock-'));
  answers = [];
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('unlocking with the system check', () => {
  it('tells the lock screen which check the desktop offers', async () => {
    expect(await call(await servicesWith(desktop), 'session.status')).toMatchObject({ ok: true, value: { systemUnlock: 'Touch ID' } });
    expect(await call(await servicesWith(), 'session.status')).toMatchObject({ ok: true, value: { systemUnlock: null } });
  });

  it('unlocks when the operating system confirms the user', async () => {
    const s = await servicesWith(desktop);
    await locked(s);
    answers = [true];
    expect(await call(s, 'session.unlockWithSystem')).toMatchObject({ ok: true, value: { locked: false } });
    expect(prompts.at(-1)).toMatch(/unlock/);
  });

  it('stays locked when the check is cancelled or fails', async () => {
    const s = await servicesWith(desktop);
    await locked(s);
    answers = [false];
    expect(await call(s, 'session.unlockWithSystem')).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await call(s, 'session.status')).toMatchObject({ ok: true, value: { locked: true } });
  });

  it('refuses where there is no system check (browser mode), pointing to the passphrase', async () => {
    const s = await servicesWith();
    await locked(s);
    expect(await call(s, 'session.unlockWithSystem')).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/passphrase/) } });
  });
});
