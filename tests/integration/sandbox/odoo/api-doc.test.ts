import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY, DEMO_DATABASE, PORTAL_API_KEY, startOdooPeer, type OdooPeer } from '../../../../src/main/sandbox/odoo';

/**
 * Odoo 19's api_doc pages (/doc-bearer/<model>.json), beyond the recordings the conformance suite
 * compares: the fields a database really has, the client cache, and Odoo 18 having no such page.
 */
describe("the Odoo peer's JSON-2 documentation pages", () => {
  let odoo19: OdooPeer;
  let odoo18: OdooPeer;
  beforeAll(async () => {
    odoo19 = await startOdooPeer({ seed: 'demo', version: '19.0', contactCount: 3, autoProcessQueue: false });
    odoo18 = await startOdooPeer({ seed: 'demo', version: '18.0', contactCount: 3, autoProcessQueue: false });
  });
  afterAll(async () => {
    await odoo19?.close();
    await odoo18?.close();
  });

  const doc = (peer: OdooPeer, model: string, key = DEMO_API_KEY, headers: Record<string, string> = {}) =>
    fetch(`${peer.url}/doc-bearer/${model}.json`, {
      method: 'POST',
      headers: { Authorization: `bearer ${key}`, 'Content-Type': 'application/json', 'X-Odoo-Database': DEMO_DATABASE, ...headers },
      body: '{}',
    });

  it("describes each field as fields_get() does, plus the module that brought it", async () => {
    const body = (await (await doc(odoo19, 'mailing.contact')).json()) as { fields: Record<string, Record<string, unknown>> };
    const res = await fetch(`${odoo19.url}/json/2/mailing.contact/fields_get`, { method: 'POST', headers: { Authorization: `bearer ${DEMO_API_KEY}`, 'Content-Type': 'application/json' }, body: '{}' });
    const described = (await res.json()) as Record<string, Record<string, unknown>>;
    expect(Object.keys(described).sort()).toEqual(Object.keys(body.fields).sort());
    for (const [name, field] of Object.entries(body.fields)) {
      const { module: _module, ...attributes } = field;
      expect(described[name], name).toEqual(attributes);
    }
  });

  it("documents a mailing list's own fields, custom ones included, and the methods each class brought", async () => {
    const res = await doc(odoo19, 'mailing.list');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { model: string; fields: Record<string, Record<string, unknown>>; methods: Record<string, Record<string, unknown>> };
    expect(body.model).toBe('mailing.list');
    expect(body.fields.contact_ids).toMatchObject({ name: 'contact_ids', type: 'many2many', relation: 'mailing.contact', module: 'mass_mailing' });
    // Setup's custom field has no introducing module, as for any manual field.
    expect(body.fields.x_markket_store_id).toMatchObject({ name: 'x_markket_store_id', type: 'char', module: null, exportable: true });
    expect(body.methods.action_merge).toMatchObject({ signature: '(src_lists, archive)', model: 'mailing.list', module: 'mass_mailing' });
    // BaseModel's own methods are "core" (its _name is None).
    expect(body.methods.search_read).toMatchObject({ model: 'core', module: 'core' });
    expect(Object.keys(body.methods)).toEqual([...Object.keys(body.methods)].sort());
  });

  it('answers 304 to a client that holds the same page, and the full page to one that asks for no cache', async () => {
    const first = await doc(odoo19, 'mailing.trace');
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^[0-9a-f]{64}$/);
    expect(first.headers.get('cache-control')).toBe('no-cache, private');
    // A browser revalidating says max-age=0 (fetch would add no-cache to a conditional request by itself).
    expect((await doc(odoo19, 'mailing.trace', DEMO_API_KEY, { 'If-None-Match': etag, 'Cache-Control': 'max-age=0' })).status).toBe(304);
    expect((await doc(odoo19, 'mailing.trace', DEMO_API_KEY, { 'If-None-Match': etag, 'Cache-Control': 'no-cache' })).status).toBe(200);
  });

  it('refuses users outside Technical Documentation and unknown models, and does not exist on Odoo 18', async () => {
    const portal = await doc(odoo19, 'mailing.mailing', PORTAL_API_KEY);
    expect(portal.status).toBe(403);
    expect(await portal.json()).toMatchObject({ name: 'odoo.exceptions.AccessError', message: 'This page is only accessible to Technical Documentation users.' });
    const unknown = await doc(odoo19, 'no.such.model');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ name: 'werkzeug.exceptions.NotFound' });
    const on18 = await doc(odoo18, 'mailing.mailing');
    expect(on18.status).toBe(404);
    expect(on18.headers.get('content-type')).toMatch(/text\/html/);
  });
});
