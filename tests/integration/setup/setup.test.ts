import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createOdooClient, countingClient, parseRecords, type OdooClient } from '../../../src/main/core/odoo';
import { runSetup } from '../../../src/main/core/setup/setup';
import { MARKKET_FIELDS } from '../../../src/main/core/setup/fields';
import { DEMO_API_KEY, DEMO_DATABASE, DEMO_LOGIN, PORTAL_LOGIN, PORTAL_PASSWORD, startOdooPeer, type OdooPeer } from '../../../src/main/sandbox/odoo';
import { SENDGRID_DEMO_API_KEY } from '../../../src/main/sandbox/sendgrid';

const WRITES = new Set(['create', 'write', 'unlink']);

describe('Odoo setup on an empty Odoo', () => {
  let peer: OdooPeer;
  let odoo: OdooClient;
  const request = { storeId: 'store-new', storeName: 'New Store', sendgridApiKey: SENDGRID_DEMO_API_KEY };

  beforeAll(async () => {
    peer = await startOdooPeer({ seed: 'empty' });
    odoo = createOdooClient({ url: peer.url, database: DEMO_DATABASE, login: DEMO_LOGIN, apiKey: DEMO_API_KEY });
  });
  afterAll(async () => {
    await odoo.close();
    await peer.close();
  });

  it('reports what is missing without changing anything when only checking', async () => {
    const counting = countingClient(odoo);
    const report = await runSetup(counting.client, { ...request, apply: false });
    expect(report.ready).toBe(false);
    expect(report.steps.find((s) => s.id === 'module')).toMatchObject({ status: 'ok' });
    expect(report.steps.filter((s) => s.id.startsWith('field:')).map((s) => s.status)).toEqual(MARKKET_FIELDS.map(() => 'missing'));
    expect(report.steps.find((s) => s.id === 'mail_server')).toMatchObject({ status: 'missing' });
    expect(counting.calls().filter((c) => WRITES.has(c.method))).toEqual([]);
  });

  it('creates the fields, the store list and the SendGrid relay, then a second run finds everything in place and writes nothing', async () => {
    const first = await runSetup(odoo, { ...request, apply: true });
    expect(first.ready).toBe(true);
    expect(first.steps.map((s) => s.status)).toEqual(['ok', ...MARKKET_FIELDS.map(() => 'created'), 'created', 'created']);

    const lists = await odoo.searchRead('mailing.list', [['x_markket_store_id', '=', 'store-new']], ['name']);
    expect(lists).toEqual([expect.objectContaining({ name: 'New Store - Newsletter' })]);
    const servers = parseRecords(z.object({ smtp_port: z.number(), smtp_encryption: z.string(), smtp_user: z.string() }), await odoo.searchRead('ir.mail_server', [['smtp_host', '=', 'smtp.sendgrid.net']], ['smtp_port', 'smtp_encryption', 'smtp_user']), 'ir.mail_server');
    expect(servers).toEqual([{ smtp_port: 587, smtp_encryption: 'starttls', smtp_user: 'apikey' }]);

    const counting = countingClient(odoo);
    const second = await runSetup(counting.client, { ...request, apply: true });
    expect(second.ready).toBe(true);
    expect(second.steps.every((s) => s.status === 'ok')).toBe(true);
    expect(counting.calls().filter((c) => WRITES.has(c.method))).toEqual([]);
  });

  it('never puts the SendGrid key in a step message', async () => {
    const report = await runSetup(odoo, { ...request, apply: true, sendgridApiKey: 'SG.another-key-for-the-relay' });
    expect(report.steps.find((s) => s.id === 'mail_server')).toMatchObject({ status: 'updated' });
    expect(JSON.stringify(report)).not.toContain('SG.');
  });

  it('skips the relay with a reason when the profile has no SendGrid key', async () => {
    const fresh = await startOdooPeer({ seed: 'empty' });
    const client = createOdooClient({ url: fresh.url, database: DEMO_DATABASE, login: DEMO_LOGIN, apiKey: DEMO_API_KEY });
    try {
      const report = await runSetup(client, { storeId: 's', storeName: 'S', apply: true, sendgridApiKey: null });
      expect(report.steps.find((s) => s.id === 'mail_server')).toMatchObject({ status: 'skipped', message: expect.stringContaining('SendGrid API key') });
    } finally {
      await client.close();
      await fresh.close();
    }
  });

  it('never adds the SendGrid relay for a profile that delivers through its Odoo mail server (HIPAA)', async () => {
    const fresh = await startOdooPeer({ seed: 'empty' });
    const client = createOdooClient({ url: fresh.url, database: DEMO_DATABASE, login: DEMO_LOGIN, apiKey: DEMO_API_KEY });
    try {
      const report = await runSetup(client, { storeId: 's', storeName: 'S', apply: true, sendgridApiKey: SENDGRID_DEMO_API_KEY, delivery: 'odoo-mail-server' });
      expect(report.steps.find((s) => s.id === 'mail_server')).toMatchObject({ status: 'skipped', message: expect.stringContaining("Odoo's own mail server") });
      expect(await client.searchCount('ir.mail_server', [['smtp_host', '=', 'smtp.sendgrid.net']], { context: { active_test: false } })).toBe(0);
    } finally {
      await client.close();
      await fresh.close();
    }
  });

  it('tells a user without administration rights which access is missing', async () => {
    const portal = createOdooClient({ url: peer.url, database: DEMO_DATABASE, login: PORTAL_LOGIN, apiKey: PORTAL_PASSWORD });
    try {
      const report = await runSetup(portal, { ...request, storeId: 'store-portal', apply: true });
      expect(report.ready).toBe(false);
      const failed = report.steps.find((s) => s.status === 'failed');
      expect(failed?.error?.code).toBe('odoo.access_denied');
      expect(failed?.message).toContain('Administration / Settings rights');
    } finally {
      await portal.close();
    }
  });
});
