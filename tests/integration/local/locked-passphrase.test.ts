import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOdooClient } from '../../../src/main/core/odoo';
import { createProfileManager, createProfileStore } from '../../../src/main/core/profiles';
import { createMemorySecretStore } from '../../../src/main/core/secrets';
import { handlers } from '../../../src/main/host/handlers';
import { createServices } from '../../../src/main/host/services';
import { contract } from '../../../src/shared/contract';
import { dispatch } from '../../../src/shared/rpc';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'markket-locked-passphrase-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('replacing the passphrase while locked', () => {
  it('answers locked, so the lock screen offers no second way to test guesses', async () => {
    const secrets = createMemorySecretStore();
    const profiles = createProfileManager({ store: createProfileStore({ cwd: dir, secrets }), createOdooClient });
    const s = createServices({ odoo: null, profiles, secrets });
    const call = (name: string, input: unknown = {}) => dispatch(contract, handlers, s, name, input);
    await call('session.setPassphrase', { passphrase: 'correct horse battery' });
    await call('session.lock');
    expect(await call('session.setPassphrase', { passphrase: 'a new passphrase', current: 'correct horse battery' })).toMatchObject({ ok: false, error: { code: 'locked' } });
    expect(await call('session.unlock', { passphrase: 'correct horse battery' })).toMatchObject({ ok: true, value: { locked: false } });
  });
});
