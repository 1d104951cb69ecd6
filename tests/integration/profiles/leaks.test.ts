import { createServer } from 'node:net';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOdooClient } from '../../../src/main/core/odoo';
import { createProfileManager } from '../../../src/main/core/profiles';
import { profileHandlers, type ProfileServices } from '../../../src/main/host/handlers/profiles';
import { profileOps } from '../../../src/shared/ops/profiles';
import { dispatch, type Outcome } from '../../../src/shared/rpc';
import { profileFixture } from './helpers';

// Recognisable keys: if any of them shows up in a file, an answer or a log line, it leaked.
const KEYS = ['odoo-LEAKCHECK-6c1f0e2a9b', 'SG.LEAKCHECK-sendgrid-71d3', 'odoo-LEAKCHECK-replaced-88e4', 'SG.LEAKCHECK-replaced-5a0c'];

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const fixture = profileFixture();
const services: ProfileServices = { profiles: createProfileManager({ store: fixture.store, createOdooClient, now: fixture.clock.now }) };
const outcomes: Outcome[] = [];
const logged: string[] = [];
const call = async (name: keyof typeof profileOps, input: unknown) => {
  const outcome = await dispatch(profileOps, profileHandlers, services, name, input);
  outcomes.push(outcome);
  return outcome;
};

beforeAll(async () => {
  // Everything written to the console while the operations run counts as a log.
  const originals = { stdout: process.stdout.write.bind(process.stdout), stderr: process.stderr.write.bind(process.stderr) };
  const capture = (chunk: unknown) => {
    logged.push(String(chunk));
    return true;
  };
  process.stdout.write = capture as typeof process.stdout.write;
  process.stderr.write = capture as typeof process.stderr.write;
  try {
    const port = await closedPort();
    const created = await call('profiles.create', {
      name: 'Leak check',
      kind: 'own-odoo',
      odoo: { url: `http://127.0.0.1:${port}`, database: 'leaks', login: 'owner' },
      secrets: { odooApiKey: KEYS[0], sendgridApiKey: KEYS[1] },
      activate: true,
    });
    const id = created.ok ? (created.value as { id: string }).id : 'p_unknown01';
    await call('profiles.setSecret', { id, secret: 'odoo', value: KEYS[2] });
    await call('profiles.setSecret', { id, secret: 'sendgrid', value: KEYS[3] });
    await call('profiles.update', { id, name: 'Leak check (renamed)', odoo: { protocol: 'jsonrpc' } });
    await call('profiles.list', {});
    await call('profiles.active', {});
    await call('profiles.activate', { id });
    await call('profiles.testConnection', { id });
    await call('profiles.setSecret', { id, secret: 'odoo', value: '' });
    await call('profiles.delete', { id: 'p_notthere01' });
  } finally {
    process.stdout.write = originals.stdout;
    process.stderr.write = originals.stderr;
  }
});
afterAll(async () => {
  const { profiles } = await services.profiles.list();
  await Promise.all(profiles.map((p) => services.profiles.delete(p.id)));
  fixture.cleanup();
});

const findKeys = (text: string) => KEYS.filter((key) => text.includes(key));

describe('no secret leaves the keychain', () => {
  it('ran every profile operation, including failing ones', () => {
    expect(outcomes.map((o) => o.ok)).toEqual([true, true, true, true, true, true, true, true, false, false]);
  });

  it('keeps the keys out of the settings files', () => {
    const files = filesUnder(fixture.dir);
    expect([files.length > 0, files.flatMap((path) => findKeys(readFileSync(path, 'utf8')))]).toEqual([true, []]);
  });

  it('keeps the keys out of every operation answer and error', () => {
    expect(findKeys(JSON.stringify(outcomes))).toEqual([]);
  });

  it('keeps the keys out of the logs', () => {
    expect(findKeys(logged.join(''))).toEqual([]);
  });

  it('still has the replaced keys in the keychain for the services', async () => {
    const { profiles } = await services.profiles.list();
    const connection = await services.profiles.resolveConnection(profiles[0]?.id ?? '');
    expect([connection.odoo.apiKey, connection.sendgrid?.apiKey]).toEqual([KEYS[2], KEYS[3]]);
  });
});
