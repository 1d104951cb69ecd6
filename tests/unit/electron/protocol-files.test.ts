import { describe, expect, it } from 'vitest';
import { mimeTypeFor, rendererFileFor } from '../../../src/main/electron/protocol-files';

const root = '/opt/markket/out/renderer';

describe('serving the renderer over app://', () => {
  it('serves index.html for the root', () => {
    expect(rendererFileFor('app://console/', root)).toBe(`${root}/index.html`);
  });

  it('serves a bundled asset from the renderer folder', () => {
    expect(rendererFileFor('app://console/assets/index-abc123.js', root)).toBe(`${root}/assets/index-abc123.js`);
  });

  it('answers index.html for an app route without a file extension', () => {
    expect(rendererFileFor('app://console/campaigns/camp_123456', root)).toBe(`${root}/index.html`);
  });

  it('refuses an encoded path that climbs out of the renderer folder', () => {
    expect(rendererFileFor('app://console/..%2F..%2Fmain%2Findex.js', root)).toBeNull();
  });

  it('refuses another host of the scheme', () => {
    expect(rendererFileFor('app://elsewhere/index.html', root)).toBeNull();
  });

  it('labels scripts so the browser runs them as JavaScript modules', () => {
    expect(mimeTypeFor(`${root}/assets/index.js`)).toBe('text/javascript; charset=utf-8');
  });
});
