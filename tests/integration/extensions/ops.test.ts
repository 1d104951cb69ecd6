import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../../src/shared/contract';
import { handlers } from '../../../src/main/host/handlers';
import { startHttpHost, type HttpHost } from '../../../src/main/host/http';
import { createServices, type Services } from '../../../src/main/host/services';
import type { ProfileManager } from '../../../src/main/core/profiles';
import { DEMO_API_KEY, DEMO_DATABASE, DEMO_LOGIN, DEMO_STORE, startOdooPeer, type OdooPeer } from '../../../src/main/sandbox/odoo';
import { SENDGRID_DEMO_API_KEY, startSendgridPeer, type SendgridPeer } from '../../../src/main/sandbox/sendgrid';
import { NOW, tempDir } from './helpers';

describe('extension, subscriber, setup and SendGrid operations over the loopback API', () => {
  let odooPeer: OdooPeer;
  let sgPeer: SendgridPeer;
  let services: Services;
  let host: HttpHost;
  let folder: Awaited<ReturnType<typeof tempDir>>;

  beforeAll(async () => {
    odooPeer = await startOdooPeer({ seed: 'demo', contactCount: 30, now: () => NOW });
    sgPeer = await startSendgridPeer({ now: () => NOW, randomSeed: 9 });
    folder = await tempDir('ops');
    services = createServices({
      odoo: { url: odooPeer.url, database: DEMO_DATABASE, login: DEMO_LOGIN, apiKey: DEMO_API_KEY },
      profiles: {} as ProfileManager,
      now: () => NOW,
      stores: [{ id: DEMO_STORE.id, name: DEMO_STORE.name }],
      sendgrid: { apiKey: SENDGRID_DEMO_API_KEY, baseUrl: sgPeer.url },
      dataDir: folder.dir,
    });
    host = await startHttpHost({ contract, handlers, services: () => services });
  });
  afterAll(async () => {
    await host.close();
    await services.odoo.close();
    await odooPeer.close();
    await sgPeer.close();
    await folder.remove();
  });

  async function call(method: string, path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
    const response = await fetch(`${host.url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  }
  const rpc = (name: string, input: unknown) => call('POST', `/api/rpc/${name}`, input);
  const base = `/api/stores/${DEMO_STORE.id}/marketing`;

  it('adds a subscriber, creating the store’s newsletter extension on first use', async () => {
    const { status, json } = await call('POST', `${base}/subscribers`, { email: 'ops-new@example.com', name: 'Ops New' });
    expect(status).toBe(200);
    expect(json).toMatchObject({ row: { outcome: 'created', email: 'ops-new@example.com' } });
    const listed = await rpc('extensions.list', { storeId: DEMO_STORE.id });
    expect(listed.json['extensions']).toEqual([expect.objectContaining({ id: json['extension_id'], key: 'markket:odoo:newsletter' })]);
  });

  it('refuses an invalid subscriber address with a clear error', async () => {
    const { status, json } = await call('POST', `${base}/subscribers`, { email: 'nope' });
    expect(status).toBe(400);
    expect(json['error']).toMatchObject({ code: 'input.invalid', message: expect.stringContaining('nope') });
  });

  it('imports CSV text and answers a report per row, numbered as in the file', async () => {
    const csv = 'Email;Name\nops-a@example.com;A\n"ops-b@example.com";"B, with comma"\nbad-row;C\nOPS-A@example.com;A again\n';
    const { status, json } = await call('POST', `${base}/subscribers/import`, { csv, permission: true });
    expect(status).toBe(200);
    expect(json['counts']).toMatchObject({ created: 2, invalid: 1, skipped: 1 });
    expect(json['rows']).toEqual([
      expect.objectContaining({ row: 2, outcome: 'created' }),
      expect.objectContaining({ row: 3, outcome: 'created' }),
      expect.objectContaining({ row: 4, outcome: 'invalid' }),
      expect.objectContaining({ row: 5, outcome: 'skipped' }),
    ]);
  });

  it('refuses an extension of another store', async () => {
    const record = await services.extensions.registry.add('other-store', { key: 'markket:sendgrid:stats', config: {} });
    const { status } = await rpc('extensions.remove', { storeId: DEMO_STORE.id, extensionId: record.id });
    expect(status).toBe(404);
  });

  it('lists the SendGrid dynamic templates and shows one with its field mapping', async () => {
    const list = await rpc('sendgrid.templates.list', {});
    const templates = list.json['templates'] as { id: string; active_version: unknown }[];
    expect(templates.length).toBe(4);
    const detail = await rpc('sendgrid.templates.get', { templateId: 'd-7b3e9d1a2c4f4e8b9a6d0c5e1f2a3b47' });
    expect(detail.json).toMatchObject({ unmapped: expect.arrayContaining(['product_name', 'price']), mapped: expect.arrayContaining([{ field: 'first_name', odoo: 'object.name' }]) });
    expect(detail.json['odoo_html']).toContain('t-out="object.name"');
  });

  it('checks the demo Odoo and reports the SendGrid relay as missing without writing', async () => {
    const { json } = await rpc('setup.check', { storeId: DEMO_STORE.id });
    expect(json['steps']).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'module', status: 'ok' }), expect.objectContaining({ id: 'mail_server', status: 'missing' })]));
  });

  it('syncs suppressions into the blacklist', async () => {
    const { json } = await rpc('suppressions.sync', {});
    expect(json).toMatchObject({ changed: true, temporary: { blocks: 7 } });
  });

  it('imports a saved NDJSON event file through the stats extension', async () => {
    await rpc('extensions.add', { storeId: DEMO_STORE.id, record: { key: 'markket:sendgrid:stats', config: {} } });
    const [trace] = await services.odoo.searchRead('mailing.trace', [['trace_status', '=', 'sent'], ['message_id', '!=', false]], ['message_id', 'email'], { limit: 1 });
    const line = (id: string) => JSON.stringify({ event: 'open', email: trace!['email'], timestamp: 1743508000, sg_event_id: id, 'smtp-id': trace!['message_id'] });
    const { status, json } = await rpc('events.import', { storeId: DEMO_STORE.id, text: `${line('file-1')}\n${line('file-2')}\n` });
    expect(status).toBe(200);
    expect(json).toMatchObject({ events: 2, runs: [expect.objectContaining({ success: true })] });
    const [after] = await services.odoo.read('mailing.trace', [trace!['id'] as number], ['trace_status']);
    expect(after).toMatchObject({ trace_status: 'open' });
  });

  it('names the line of an event file that is not JSON', async () => {
    const { status, json } = await rpc('events.import', { storeId: DEMO_STORE.id, text: '{"event":"open"\n' });
    expect(status).toBe(400);
    expect((json['error'] as { message: string }).message).toContain('Line 1');
  });
});
