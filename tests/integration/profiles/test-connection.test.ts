import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { createOdooClient } from '../../../src/main/core/odoo';
import { createProfileManager, type ProfileManager } from '../../../src/main/core/profiles';
import { DEMO_API_KEY, DEMO_DATABASE, DEMO_LOGIN, PORTAL_LOGIN, PORTAL_PASSWORD, startOdooPeer, type OdooPeer } from '../../../src/main/sandbox/odoo';
import type { ConnectionReport } from '../../../src/shared/schemas/profile';
import { ConnectionReport as ConnectionReportSchema } from '../../../src/shared/schemas/profile';
import { profileFixture } from './helpers';

let peer: OdooPeer;
beforeAll(async () => {
  peer = await startOdooPeer({ seed: 'demo', randomSeed: 7, contactCount: 40, autoProcessQueue: false });
});
afterAll(() => peer.close());

let fixture: ReturnType<typeof profileFixture>;
let manager: ProfileManager;
beforeEach(() => {
  fixture = profileFixture();
  manager = createProfileManager({ store: fixture.store, createOdooClient, now: fixture.clock.now });
});
afterEach(async () => {
  const { profiles } = await manager.list();
  await Promise.all(profiles.map((p) => manager.delete(p.id)));
  fixture.cleanup();
});

async function testWith(odoo: { url: string; database: string; login: string }, apiKey: string): Promise<ConnectionReport> {
  const profile = await manager.create({ name: 'Peer', kind: 'own-odoo', odoo, secrets: { odooApiKey: apiKey } });
  return ConnectionReportSchema.parse(await manager.testConnection(profile.id));
}

async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 9}`;
}

describe('testing the connection to an Odoo', () => {
  it('reports a working demo Odoo as ready, with its version, protocol and login', async () => {
    const report = await testWith({ url: peer.url, database: DEMO_DATABASE, login: DEMO_LOGIN }, DEMO_API_KEY);
    expect({ ok: report.ok, version: report.serverVersion, protocol: report.protocol, login: report.login, uid: typeof report.uid, massMailing: report.massMailingInstalled, problems: report.problems }).toEqual({
      ok: true,
      version: '18.0',
      protocol: 'jsonrpc',
      login: DEMO_LOGIN,
      uid: 'number',
      massMailing: true,
      problems: [],
    });
  });

  it('shows that the demo user may read every mailing model', async () => {
    const report = await testWith({ url: peer.url, database: DEMO_DATABASE, login: DEMO_LOGIN }, DEMO_API_KEY);
    expect(report.rights.map((r) => [r.model, r.read])).toEqual([
      ['mailing.list', true],
      ['mailing.contact', true],
      ['mailing.mailing', true],
      ['mailing.trace', true],
    ]);
  });

  it('explains that a portal user lacks Email Marketing rights', async () => {
    const report = await testWith({ url: peer.url, database: DEMO_DATABASE, login: PORTAL_LOGIN }, PORTAL_PASSWORD);
    expect([report.ok, report.rights.every((r) => r.read === false), report.problems.map((p) => p.code)]).toEqual([false, true, ['odoo.access_denied']]);
  });

  it('names the missing rights in words a store owner understands', async () => {
    const report = await testWith({ url: peer.url, database: DEMO_DATABASE, login: PORTAL_LOGIN }, PORTAL_PASSWORD);
    expect(report.problems[0]?.message).toMatch(/may not read mailing lists, subscribers, campaigns, delivery statistics\. Ask your Odoo administrator/);
  });

  it.each(['18.0', '19.0'] as const)('asks Odoo %s has_access for create and write rights, never the deprecated check_access_rights', async (version) => {
    const odoo = await startOdooPeer({ seed: 'demo', randomSeed: 7, contactCount: 10, autoProcessQueue: false, version });
    const methods: string[] = [];
    // Every request the console sends, read off the wire: JSON-2 names the method in its path, JSON-RPC in its args.
    const recording: typeof fetch = async (input, init) => {
      const url = String(input);
      const json2 = /\/json\/2\/[^/]+\/([^/?]+)/.exec(url);
      if (json2?.[1]) methods.push(json2[1]);
      else if (typeof init?.body === 'string' && url.endsWith('/jsonrpc')) methods.push(String((JSON.parse(init.body) as { params: { args: unknown[] } }).params.args[4] ?? ''));
      return fetch(input, init);
    };
    const recorded = createProfileManager({ store: fixture.store, createOdooClient: (settings) => createOdooClient(settings, { fetch: recording }), now: fixture.clock.now });
    try {
      const admin = await recorded.create({ name: 'Admin', kind: 'own-odoo', odoo: { url: odoo.url, database: DEMO_DATABASE, login: DEMO_LOGIN, protocol: 'auto' }, secrets: { odooApiKey: DEMO_API_KEY } });
      const portal = await recorded.create({ name: 'Portal', kind: 'own-odoo', odoo: { url: odoo.url, database: DEMO_DATABASE, login: PORTAL_LOGIN, protocol: 'auto' }, secrets: { odooApiKey: PORTAL_PASSWORD } });
      const asAdmin = await recorded.testConnection(admin.id);
      const asPortal = await recorded.testConnection(portal.id);
      expect(asAdmin.rights.map((r) => [r.model, r.create, r.write])).toEqual(asAdmin.rights.map((r) => [r.model, true, true]));
      // JSON-2 takes API keys only: the portal user's password gets no further than the login there.
      const portalChecks = version === '18.0' ? 2 * 4 : 0;
      expect(asPortal.rights.map((r) => [r.model, r.create, r.write])).toEqual(version === '18.0' ? asPortal.rights.map((r) => [r.model, false, false]) : []);
      expect(methods.filter((m) => m === 'has_access')).toHaveLength(2 * 4 + portalChecks);
      expect(methods).not.toContain('check_access_rights');
    } finally {
      await odoo.close();
    }
  });

  it('reports a wrong API key as bad credentials', async () => {
    const report = await testWith({ url: peer.url, database: DEMO_DATABASE, login: DEMO_LOGIN }, 'not-the-right-key-123');
    expect([report.ok, report.uid, report.problems.map((p) => p.code)]).toEqual([false, null, ['odoo.bad_credentials']]);
  });

  it('reports an address where no Odoo answers as unreachable', async () => {
    const report = await testWith({ url: await closedPortUrl(), database: DEMO_DATABASE, login: DEMO_LOGIN }, DEMO_API_KEY);
    expect([report.ok, report.serverVersion, report.problems.map((p) => p.code)]).toEqual([false, null, ['odoo.unreachable']]);
  });

  it('never puts the API key in the report', async () => {
    const report = await testWith({ url: peer.url, database: DEMO_DATABASE, login: DEMO_LOGIN }, 'wrong-key-LEAKCHECK-42');
    expect(JSON.stringify(report)).not.toContain('LEAKCHECK');
  });
});
