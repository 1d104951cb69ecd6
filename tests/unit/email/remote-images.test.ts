import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOdooImages } from '../../../src/main/core/email';
import { IMAGE_PLACEHOLDER, odooImageUrl, restoreImages, withholdRemoteImages } from '../../../src/shared/remote-images';

/** A tiny PNG (1×1), as Odoo's /web/image answers an uploaded picture. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

describe('remote images in a HIPAA preview', () => {
  const email = [
    '<img src="https://pixel.tracker.example/open.gif?u=42" width="1">',
    "<img alt='Front desk' src='/web/image/7/desk.png' srcset='https://cdn.example/desk@2x.png 2x'>",
    '<img src="data:image/png;base64,AAAA">',
    '<td background="https://cdn.example/bg.jpg" style="background-image:url(\'https://cdn.example/bg.jpg\')">',
  ].join('\n');

  it('replaces every remote image by the placeholder and lists what it withheld', () => {
    const { html, withheld } = withholdRemoteImages(email);
    expect(withheld).toEqual(['https://pixel.tracker.example/open.gif?u=42', '/web/image/7/desk.png']);
    // The address stays only in data-markket-src, which no browser loads.
    expect(html.replace(/ data-markket-src="[^"]*"/g, '')).not.toMatch(/https:\/\/|\/web\/image|srcset/);
    expect(html.split(IMAGE_PLACEHOLDER)).toHaveLength(3);
    expect(html).toContain('src="data:image/png;base64,AAAA"');
  });

  it('puts back only the images the main process loaded', () => {
    const { html } = withholdRemoteImages(email);
    const restored = restoreImages(html, { '/web/image/7/desk.png': 'data:image/png;base64,Zm9v' });
    expect(restored).toContain('src="data:image/png;base64,Zm9v" data-markket-src="/web/image/7/desk.png"');
    expect(restored).toContain('data-markket-src="https://pixel.tracker.example/open.gif?u=42"');
    expect(restored.split(IMAGE_PLACEHOLDER)).toHaveLength(2);
  });

  it("resolves an Odoo upload against the profile's Odoo and refuses every other host", () => {
    const odoo = 'https://erp.clinic.example';
    expect(odooImageUrl('/web/image/7/desk.png', odoo)?.href).toBe('https://erp.clinic.example/web/image/7/desk.png');
    expect(odooImageUrl('https://erp.clinic.example/web/image/8', odoo)?.href).toBe('https://erp.clinic.example/web/image/8');
    for (const other of ['https://erp.clinic.example.evil.test/x.png', 'http://erp.clinic.example/x.png', 'https://erp.clinic.example:8443/x.png', '//cdn.example/x.png', 'https://user:pw@erp.clinic.example/x.png']) {
      expect(odooImageUrl(other, odoo), other).toBeNull();
    }
  });
});

describe("loading a HIPAA preview's images through the main process", () => {
  let odoo: Server;
  let odooUrl: string;
  const asked: string[] = [];
  beforeAll(async () => {
    // A stand-in for the clinic's Odoo serving one uploaded picture, one page, and one redirect off-site.
    odoo = createServer((req, res) => {
      asked.push(req.url ?? '');
      if (req.url === '/web/image/7/desk.png') res.writeHead(200, { 'Content-Type': 'image/png' }).end(PNG);
      else if (req.url === '/web/image/8') res.writeHead(303, { Location: 'https://cdn.example/elsewhere.png' }).end();
      else res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html></html>');
    });
    await new Promise<void>((resolve) => odoo.listen(0, '127.0.0.2', resolve));
    odooUrl = `http://127.0.0.2:${(odoo.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => odoo.close(resolve)));

  it("fetches pictures from the profile's Odoo only, follows no redirect, and says why the rest stay placeholders", async () => {
    const images = await loadOdooImages(['/web/image/7/desk.png', '/web/image/8', '/web/login', 'https://pixel.tracker.example/open.gif'], { odooUrl });
    expect(images.map((i) => [i.src, i.data_url?.slice(0, 22) ?? null, i.problem])).toEqual([
      ['/web/image/7/desk.png', 'data:image/png;base64,', null],
      ['/web/image/8', null, 'Your Odoo answered 303 for this image.'],
      ['/web/login', null, 'Your Odoo did not answer with a picture.'],
      ['https://pixel.tracker.example/open.gif', null, 'Only images stored on your Odoo (127.0.0.2:' + odooUrl.split(':')[2] + ') are loaded for a HIPAA profile.'],
    ]);
    expect(Buffer.from(images[0]!.data_url!.split(',')[1]!, 'base64').equals(PNG)).toBe(true);
    expect(asked.sort()).toEqual(['/web/image/7/desk.png', '/web/image/8', '/web/login']);
  });
});
