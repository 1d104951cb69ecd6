import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { PORTAL_PASSWORD, startOdooPeer, type OdooPeer } from '../../../../src/main/sandbox/odoo';
import { executeKw, json2 } from './helpers';

// A real 1×1 PNG (what a marketer's logo is, only smaller).
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC', 'base64');
const PORTAL = { uid: 7, secret: PORTAL_PASSWORD };

async function call<T>(peer: OdooPeer, model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}, auth?: { uid: number; secret: string }): Promise<T> {
  const answer = await executeKw(peer, model, method, args, kwargs, auth);
  if (answer.error) throw new Error(`${answer.error.data.name}: ${answer.error.data.message}`);
  return answer.result as T;
}

async function errorName(peer: OdooPeer, model: string, method: string, args: unknown[], auth: { uid: number; secret: string }): Promise<string | undefined> {
  return (await executeKw(peer, model, method, args, {}, auth)).error?.data.name;
}

/** An image as mass_mailing's _create_attachments_from_inline_images makes it: on the mailing, no mimetype given. */
async function mailingImage(peer: OdooPeer): Promise<{ mailingId: number; id: number }> {
  const mailingId = await call<number>(peer, 'mailing.mailing', 'create', [{ subject: 'Spring letter' }]);
  const id = await call<number>(peer, 'ir.attachment', 'create', [{ name: `image_mailing_${mailingId}_0`, datas: PNG.toString('base64'), type: 'binary', res_model: 'mailing.mailing', res_id: mailingId }]);
  return { mailingId, id };
}

// base/models/ir_attachment.py (create, _check_access, _search, generate_access_token) and
// web/controllers/binary.py + base/models/ir_binary.py (the /web/image and /web/content routes).
describe.each(['18.0', '19.0'] as const)('attachments on the Odoo %s peer', (version) => {
  let peer: OdooPeer | undefined;
  afterEach(async () => peer?.close());

  it('computes the checksum, size and type from the content, not from what the caller sends', async () => {
    peer = await startOdooPeer({ version, autoProcessQueue: false });
    const mailingId = await call<number>(peer, 'mailing.mailing', 'create', [{ subject: 'Spring letter' }]);
    const id = await call<number>(peer, 'ir.attachment', 'create', [{ name: 'logo', datas: PNG.toString('base64'), res_model: 'mailing.mailing', res_id: mailingId, checksum: 'not-mine', file_size: 1 }]);
    const [row] = await call<Record<string, unknown>[]>(peer, 'ir.attachment', 'read', [[id], ['checksum', 'file_size', 'mimetype', 'public', 'access_token', 'type', 'datas']]);
    expect(row).toEqual({ id, checksum: createHash('sha1').update(PNG).digest('hex'), file_size: PNG.length, mimetype: 'image/png', public: false, access_token: false, type: 'binary', datas: PNG.toString('base64') });
  });

  it('finds a mailing’s images by checksum, and keeps one access token per attachment', async () => {
    peer = await startOdooPeer({ version, autoProcessQueue: false });
    const { mailingId, id } = await mailingImage(peer);
    const found = await call<{ id: number; checksum: string }[]>(peer, 'ir.attachment', 'search_read', [[['res_model', '=', 'mailing.mailing'], ['res_id', '=', mailingId]]], { fields: ['checksum'] });
    expect(found).toEqual([{ id, checksum: createHash('sha1').update(PNG).digest('hex') }]);
    const [token] = await call<string[]>(peer, 'ir.attachment', 'generate_access_token', [[id]]);
    expect(token).toMatch(/^[0-9a-f-]{36}$/);
    expect(await call<string[]>(peer, 'ir.attachment', 'generate_access_token', [[id]])).toEqual([token]);
  });

  it('serves the image at /web/image/<id> to anyone with its access token, and the placeholder otherwise', async () => {
    peer = await startOdooPeer({ version, autoProcessQueue: false });
    const { id } = await mailingImage(peer);
    const [token] = await call<string[]>(peer, 'ir.attachment', 'generate_access_token', [[id]]);

    const withToken = await fetch(`${peer.url}/web/image/${id}?access_token=${token}`);
    expect(withToken.status).toBe(200);
    expect(withToken.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await withToken.arrayBuffer()).equals(PNG)).toBe(true);

    // A wrong token, no token on a private file, or no such attachment: Odoo's placeholder, not the file.
    for (const address of [`/web/image/${id}?access_token=wrong`, `/web/image/${id}`, `/web/image/${id + 100}?access_token=${token}`]) {
      const answer = await fetch(`${peer.url}${address}`);
      expect(answer.status, address).toBe(200);
      expect(Buffer.from(await answer.arrayBuffer()).equals(PNG), address).toBe(false);
    }
    // Asked as a download, and on /web/content, the same refusals are 404.
    expect((await fetch(`${peer.url}/web/image/${id}?access_token=wrong&download=1`)).status).toBe(404);
    expect((await fetch(`${peer.url}/web/content/${id}`)).status).toBe(404);
    expect((await fetch(`${peer.url}/web/content/${id}?access_token=${token}`)).status).toBe(200);
  });

  it('serves a public attachment without a token', async () => {
    peer = await startOdooPeer({ version, autoProcessQueue: false });
    const { id } = await mailingImage(peer);
    await call(peer, 'ir.attachment', 'write', [[id], { public: true }]);
    const answer = await fetch(`${peer.url}/web/image/${id}`);
    expect(Buffer.from(await answer.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it('lets only users who may change the mailing add images to it, and hides them from others', async () => {
    peer = await startOdooPeer({ version, autoProcessQueue: false });
    const { mailingId, id } = await mailingImage(peer);
    expect(await errorName(peer, 'ir.attachment', 'create', [{ name: 'x', datas: PNG.toString('base64'), res_model: 'mailing.mailing', res_id: mailingId }], PORTAL)).toBe('odoo.exceptions.AccessError');
    expect(await errorName(peer, 'ir.attachment', 'read', [[id], ['name']], PORTAL)).toBe('odoo.exceptions.AccessError');
    expect(await call(peer, 'ir.attachment', 'search', [[['res_model', '=', 'mailing.mailing']]], {}, PORTAL)).toEqual([]);
  });

});

describe('attachments over JSON-2 (Odoo 19)', () => {
  let peer: OdooPeer | undefined;
  afterEach(async () => peer?.close());

  it('generates the access token the image is served with', async () => {
    peer = await startOdooPeer({ version: '19.0', autoProcessQueue: false });
    const { id } = await mailingImage(peer);
    const answer = await json2(peer, 'ir.attachment', 'generate_access_token', { ids: [id] });
    expect(answer.status).toBe(200);
    const [token] = answer.body as string[];
    expect(Buffer.from(await (await fetch(`${peer.url}/web/image/${id}?access_token=${String(token)}`)).arrayBuffer()).equals(PNG)).toBe(true);
  });
});
