import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY, DEMO_DATABASE, startOdooPeer, type OdooPeer } from '../../../src/main/sandbox/odoo';
import { extensionKeyAccount } from '../../../src/main/core/extensions';
import { extensionsHarness, failure, odooPeerAndClient } from './helpers';

/** A server at the extension's new address that keeps every request it is sent, head and body. */
async function listeningServer(): Promise<{ url: string; seen: string[]; close(): Promise<void> }> {
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push(`${req.method ?? ''} ${req.url ?? ''}\n${JSON.stringify(req.headers)}\n${Buffer.concat(chunks).toString('utf8')}`);
      res.writeHead(500, { 'content-type': 'text/plain' }).end('not an Odoo');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, seen, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** An extension's own-Odoo key belongs to one server, as a profile's does: it never follows the extension elsewhere. */
describe('the Odoo address of an extension', () => {
  let env: Awaited<ReturnType<typeof odooPeerAndClient>>;
  let h: Awaited<ReturnType<typeof extensionsHarness>>;
  let own: OdooPeer;
  let listener: Awaited<ReturnType<typeof listeningServer>>;

  beforeAll(async () => {
    env = await odooPeerAndClient();
    h = await extensionsHarness(env.odoo);
    own = await startOdooPeer({ seed: 'demo', contactCount: 5 });
    listener = await listeningServer();
  });
  afterAll(async () => {
    await listener.close();
    await own.close();
    await env.close();
    await h.remove();
  });

  const ownOdooNewsletter = () => ({
    key: 'markket:odoo:newsletter',
    credentials: { url: own.url, database: DEMO_DATABASE, login: 'admin', api_key: DEMO_API_KEY },
    config: { mailing_list_id: 1 },
  });

  it('never sends the saved key to a new address: the key is dropped and asked for again', async () => {
    const record = await h.registry.add('store-moved', ownOdooNewsletter());
    const moved = await h.registry.update(record.id, { credentials: { url: listener.url, database: DEMO_DATABASE, login: 'admin' } });
    const outcome = await h.runner.run(moved, 'trigger:new_subscriber', { email: 'moved@example.com' });
    expect(moved.credentials).toMatchObject({ url: listener.url, api_key_set: false });
    expect(outcome.error).toMatchObject({ code: 'odoo.not_configured', message: expect.stringContaining('Enter the key again') });
    expect(await h.secrets.get(extensionKeyAccount(record.id))).toBeNull();
    expect(listener.seen.filter((request) => request.includes(DEMO_API_KEY))).toEqual([]);
  });

  it('drops the saved key when only the database changes', async () => {
    const record = await h.registry.add('store-other-db', ownOdooNewsletter());
    const moved = await h.registry.update(record.id, { credentials: { url: own.url, database: 'another-database' } });
    expect([moved.credentials, await h.secrets.has(extensionKeyAccount(record.id))]).toEqual([{ url: own.url, database: 'another-database', api_key_set: false }, false]);
  });

  it('keeps the saved key when the address and database stay the same', async () => {
    const record = await h.registry.add('store-same', ownOdooNewsletter());
    const updated = await h.registry.update(record.id, { credentials: { url: own.url, database: DEMO_DATABASE, login: 'manager' } });
    expect(updated.credentials).toMatchObject({ api_key_set: true });
  });

  it('keeps the saved key when the credentials are left out of the change', async () => {
    const record = await h.registry.add('store-toggle', ownOdooNewsletter());
    expect((await h.registry.update(record.id, { active: false })).credentials).toMatchObject({ url: own.url, api_key_set: true });
  });

  it('takes the new key given with the new address', async () => {
    const record = await h.registry.add('store-new-key', ownOdooNewsletter());
    await h.registry.update(record.id, { credentials: { url: listener.url, database: DEMO_DATABASE, api_key: 'key-for-the-new-odoo' } });
    expect(await h.secrets.get(extensionKeyAccount(record.id))).toBe('key-for-the-new-odoo');
  });

  it('refuses a plain http:// address of another computer, naming the field', async () => {
    const record = await h.registry.add('store-plain', ownOdooNewsletter());
    const error = await failure(h.registry.update(record.id, { credentials: { url: 'http://odoo.clinic.example', database: DEMO_DATABASE, api_key: DEMO_API_KEY } }));
    expect(error).toMatchObject({ code: 'input.invalid', details: { fields: [expect.objectContaining({ field: expect.stringMatching(/credentials\.url/), problem: expect.stringMatching(/https:\/\//) })] } });
  });

  it('does not use the key of a record saved earlier with a plain http:// address of another computer', async () => {
    const record = await h.registry.add('store-legacy', ownOdooNewsletter());
    await h.store.save({ ...record, credentials: { url: 'http://odoo.clinic.example', database: DEMO_DATABASE, api_key_set: true } });
    const outcome = await h.runner.runById(record.id, 'trigger:new_subscriber', { email: 'legacy@example.com' });
    expect(outcome.error).toMatchObject({ code: 'input.invalid', message: expect.stringContaining('https://') });
  });
});
