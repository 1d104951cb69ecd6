import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

/**
 * The renderer's first screen loads at most 300 KB of gzipped JavaScript (issue 15): the entry
 * script and the chunks index.html preloads with it. Charts, the editor, settings and the import
 * dialog are chunks of their own, fetched when first opened. Reads the production build that
 * `npm test` makes before the tests (`npm run build`).
 */
const root = resolve(__dirname, '../../../out/renderer');
const LIMIT = 300 * 1024;

describe('the production renderer build', () => {
  it('loads at most 300 KB of gzipped JavaScript for the first screen', () => {
    expect(existsSync(resolve(root, 'index.html')), 'out/renderer is missing: run `npm run build` first').toBe(true);
    const html = readFileSync(resolve(root, 'index.html'), 'utf8');
    const initial = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="\.?\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1] as string);
    expect(initial.length).toBeGreaterThan(0);
    const gzipped = initial.reduce((sum, file) => sum + gzipSync(readFileSync(resolve(root, file))).length, 0);
    expect(gzipped).toBeLessThanOrEqual(LIMIT);
  });

  it('is minified and splits the charts, the editor and settings into chunks loaded later', () => {
    const html = readFileSync(resolve(root, 'index.html'), 'utf8');
    const entry = /<script[^>]*\bsrc="\.?\/?(assets\/[^"]+\.js)"/.exec(html)?.[1] ?? '';
    const code = readFileSync(resolve(root, entry), 'utf8');
    expect(code.split('\n').length).toBeLessThan(50);
    const assets = readdirSync(resolve(root, 'assets'));
    for (const chunk of ['CampaignEditorView', 'SettingsView', 'RatesChart', 'TimelineChart', 'ImportModal']) {
      expect(assets.some((f) => f.startsWith(`${chunk}-`) && f.endsWith('.js')), chunk).toBe(true);
      expect(html, chunk).not.toContain(chunk);
    }
  });

  it('writes .br and .gz copies holding exactly the bytes of each script, for browser mode to send', () => {
    const scripts = readdirSync(resolve(root, 'assets')).filter((f) => f.endsWith('.js') && existsSync(resolve(root, 'assets', `${f}.br`)));
    expect(scripts.length).toBeGreaterThan(5);
    for (const file of scripts) {
      const plain = readFileSync(resolve(root, 'assets', file));
      expect(brotliDecompressSync(readFileSync(resolve(root, 'assets', `${file}.br`))).equals(plain), file).toBe(true);
      expect(gunzipSync(readFileSync(resolve(root, 'assets', `${file}.gz`))).equals(plain), file).toBe(true);
    }
  });
});
