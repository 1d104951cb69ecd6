import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract } from '../../../src/shared/contract';
import { handlers } from '../../../src/main/host/handlers';
import { startHttpHost, type HttpHost } from '../../../src/main/host/http';
import { createServices, type Services } from '../../../src/main/host/services';
import type { ProfileManager } from '../../../src/main/core/profiles';
import { parseRecords } from '../../../src/main/core/odoo';
import { DEMO_API_KEY, DEMO_DATABASE, DEMO_LOGIN, DEMO_STORE, startOdooPeer, type OdooPeer } from '../../../src/main/sandbox/odoo';
import { NOW, tempDir } from './helpers';

/**
 * Importing real CSV files the way store owners export them (Mailchimp, a French Excel, a plain
 * email,name,tags file), over the loopback API, and checking what Odoo holds afterwards and that
 * the report names every row by the number the spreadsheet shows.
 */
const fixture = (name: string) => readFile(join(__dirname, '../../fixtures/csv-import', name), 'utf8');
const Contact = z.object({ id: z.number(), name: z.string(), first_name: z.union([z.string(), z.literal(false)]), company_name: z.union([z.string(), z.literal(false)]), tag_ids: z.array(z.number()) });

describe('importing subscribers from CSV files', () => {
  let peer: OdooPeer;
  let services: Services;
  let host: HttpHost;
  let folder: Awaited<ReturnType<typeof tempDir>>;

  beforeAll(async () => {
    peer = await startOdooPeer({ seed: 'demo', contactCount: 30, now: () => NOW });
    folder = await tempDir('import');
    services = createServices({
      odoo: { url: peer.url, database: DEMO_DATABASE, login: DEMO_LOGIN, apiKey: DEMO_API_KEY },
      profiles: {} as ProfileManager,
      now: () => NOW,
      stores: [{ id: DEMO_STORE.id, name: DEMO_STORE.name }],
      dataDir: folder.dir,
    });
    host = await startHttpHost({ contract, handlers, services: () => services });
  });
  afterAll(async () => {
    await host.close();
    await services.odoo.close();
    await peer.close();
    await folder.remove();
  });

  async function post(path: string, input: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
    const response = await fetch(`${host.url}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  }
  const rpc = (name: string, input: unknown) => post(`/api/rpc/${name}`, input);
  const importFile = (csv: string, extra: Record<string, unknown> = {}) => post(`/api/stores/${DEMO_STORE.id}/marketing/subscribers/import`, { csv, permission: true, ...extra });

  async function contactByEmail(email: string) {
    const [contact] = parseRecords(Contact, await services.odoo.searchRead('mailing.contact', [['email_normalized', '=', email]], ['name', 'first_name', 'company_name', 'tag_ids']), 'mailing.contact');
    if (!contact) throw new Error(`no contact ${email}`);
    const tags = contact.tag_ids.length === 0 ? [] : parseRecords(z.object({ id: z.number(), name: z.string() }), await services.odoo.read('res.partner.category', contact.tag_ids, ['name']), 'res.partner.category');
    return { ...contact, tags: tags.map((t) => t.name).filter((t) => !t.startsWith('markket_store_') && t !== 'newsletter').sort() };
  }

  it('puts each row’s tags on that row’s contact', async () => {
    const { status, json } = await importFile(await fixture('tags-per-row.csv'));
    expect(status).toBe(200);
    expect(json['rows']).toEqual([
      expect.objectContaining({ row: 2, email: 't1@example.com', outcome: 'created' }),
      expect.objectContaining({ row: 3, email: 't2@example.com', outcome: 'created' }),
      expect.objectContaining({ row: 4, email: 't3@example.com', outcome: 'created' }),
    ]);
    expect((await contactByEmail('t1@example.com')).tags).toEqual(['alpha']);
    expect((await contactByEmail('t2@example.com')).tags).toEqual(['beta']);
    expect((await contactByEmail('t3@example.com')).tags).toEqual(['gamma']);
  });

  it('accounts for every row of a Mailchimp export by its spreadsheet row number', async () => {
    const { status, json } = await importFile(await fixture('mailchimp-export.csv'));
    expect(status).toBe(200);
    // Row 1 is the header; rows 4 and 8 are blank; row 5's company holds a line break inside quotes.
    expect(json['rows']).toEqual([
      expect.objectContaining({ row: 2, email: 'alice.martin@example.com', outcome: 'created' }),
      expect.objectContaining({ row: 3, email: 'bob.ng@example.com', outcome: 'created' }),
      expect.objectContaining({ row: 5, email: 'carla.diaz@example.com', outcome: 'created' }),
      expect.objectContaining({ row: 6, email: '', outcome: 'invalid', reason: 'no email address in this row' }),
      expect.objectContaining({ row: 7, email: 'not-an-address', outcome: 'invalid' }),
      expect.objectContaining({ row: 9, email: 'alice.martin@example.com', outcome: 'skipped', reason: 'same address as row 2' }),
    ]);
    expect(json['blank_lines']).toBe(2);
    expect(json['counts']).toMatchObject({ created: 3, invalid: 2, skipped: 1 });
  });

  it('names contacts from First Name + Last Name and fills the Odoo fields the columns map to', async () => {
    const alice = await contactByEmail('alice.martin@example.com');
    expect(alice).toMatchObject({ name: 'Alice Martin', first_name: 'Alice', company_name: 'Martin, Fils & Co', tags: ['vip'] });
    const bob = await contactByEmail('bob.ng@example.com');
    expect(bob).toMatchObject({ name: 'Bob Ng', company_name: 'Ng "Fresh" Foods', tags: ['buyer', 'vip'] });
  });

  it('reads a semicolon file from a French spreadsheet, guessing Prénom and Nom de famille', async () => {
    const { json } = await importFile(await fixture('semicolon-locale.csv'));
    expect(json['counts']).toMatchObject({ created: 2, invalid: 0 });
    expect(await contactByEmail('gisele@example.fr')).toMatchObject({ name: 'Gisèle Dupont', tags: ['fidèle'] });
    expect(await contactByEmail('hans@example.de')).toMatchObject({ name: 'Hans Müller', tags: ['neu', 'stamm'] });
  });

  it('accepts internationalised addresses as Odoo does, lower-casing only ASCII local parts', async () => {
    const { json } = await importFile('email,name\nfrank@exämple.com,Frank\nMüller@Example.DE,Jörg Müller\nZOE@Example.com,Zoe\n');
    expect(json['rows']).toEqual([
      expect.objectContaining({ row: 2, email: 'frank@exämple.com', outcome: 'created' }),
      expect.objectContaining({ row: 3, email: 'Müller@example.de', outcome: 'created' }),
      expect.objectContaining({ row: 4, email: 'zoe@example.com', outcome: 'created' }),
    ]);
    expect(await contactByEmail('Müller@example.de')).toMatchObject({ name: 'Jörg Müller' });
    expect(await contactByEmail('frank@exämple.com')).toMatchObject({ name: 'Frank' });
  });

  it('skips a column the person marked as skipped and offers only fields this Odoo has', async () => {
    const fields = await rpc('subscribers.importFields', { storeId: DEMO_STORE.id });
    const names = (fields.json['fields'] as { name: string }[]).map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['company_name', 'first_name', 'last_name']));
    expect(names).not.toEqual(expect.arrayContaining(['email']));
    const { json } = await importFile('Email,Company Name\nskip.company@example.com,Not Wanted Ltd\n', { columns: ['email', 'skip'] });
    expect(json['counts']).toMatchObject({ created: 1 });
    expect(await contactByEmail('skip.company@example.com')).toMatchObject({ company_name: false });
  });

  it('refuses an import without the permission confirmation, and a column mapped to a field Odoo lacks', async () => {
    const withoutPermission = await importFile('email\nnobody@example.com\n', { permission: undefined });
    expect(withoutPermission.status).toBe(400);
    expect(withoutPermission.json['error']).toMatchObject({ code: 'input.invalid' });
    const unknownField = await importFile('email,shoe size\nnobody@example.com,42\n', { columns: ['email', 'field:x_shoe_size'] });
    expect(unknownField.status).toBe(400);
    expect(unknownField.json['error']).toMatchObject({ code: 'input.invalid', message: expect.stringContaining('x_shoe_size') });
  });

  it('says which row has an unclosed quote instead of importing half a file', async () => {
    const { status, json } = await importFile('email,name\nok@example.com,Ok\nbroken@example.com,"Broken\nlater@example.com,Later\n');
    expect(status).toBe(400);
    expect(json['error']).toMatchObject({ code: 'input.invalid', message: expect.stringContaining('Row 3') });
  });
});
