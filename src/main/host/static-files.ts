import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { imageSourcesDirective } from '../../shared/remote-images';
import { BASE_HEADERS, sendError } from './http-io';

/**
 * The console's own pages allow only their own scripts. Mantine writes its CSS variables in a
 * <style> element and in style attributes, so inline styles are allowed; inline scripts never are.
 * Images follow the active profile when the page loads (as in the desktop app's CSP): https images
 * (SendGrid's template thumbnails) are allowed, except for a HIPAA profile, whose pages load no
 * remote content at all (src/shared/remote-images.ts).
 */
export const htmlCsp = (hipaa: boolean): string => [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  `img-src ${imageSourcesDirective(hipaa)}`,
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

export function mimeTypeFor(file: string): string {
  return MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

async function fileAt(path: string): Promise<{ path: string; size: number } | null> {
  try {
    const info = await stat(path);
    return info.isFile() ? { path, size: info.size } : null;
  } catch {
    return null;
  }
}

/**
 * The build writes .br and .gz beside each hashed asset (electron.vite.config.ts): the best one
 * the browser accepts is sent as is, with no compression per request.
 */
async function precompressed(path: string, acceptEncoding: string): Promise<{ path: string; size: number; encoding: 'br' | 'gzip' } | null> {
  const accepted = acceptEncoding.toLowerCase().split(',').map((part) => part.split(';')[0]?.trim());
  for (const [encoding, suffix] of [['br', '.br'], ['gzip', '.gz']] as const) {
    if (!accepted.includes(encoding)) continue;
    const file = await fileAt(path + suffix);
    if (file) return { ...file, encoding };
  }
  return null;
}

/**
 * Serves the built renderer. Paths are resolved inside `root` and anything that would escape it is
 * a 404. A path that names no file and has no extension is a client-side route: it gets index.html.
 */
export async function serveStatic(res: ServerResponse, root: string, segments: string[], headOnly: boolean, acceptEncoding = '', hipaa = false): Promise<void> {
  const base = resolve(root);
  const notFound = () => sendError(res, { code: 'not_found', message: 'There is no page at this address.' });
  if (segments.some((s) => s === '..' || s.includes('\0') || s.includes('/') || s.includes('\\'))) return notFound();
  const requested = resolve(base, ...segments);
  if (requested !== base && !requested.startsWith(base + sep)) return notFound();

  const last = segments[segments.length - 1] ?? '';
  const file =
    (await fileAt(requested)) ?? (extname(last) === '' ? await fileAt(resolve(base, 'index.html')) : null);
  if (!file) return notFound();

  const type = mimeTypeFor(file.path);
  const isHtml = type.startsWith('text/html');
  const hashed = segments[0] === 'assets' && !isHtml;
  const encoded = hashed ? await precompressed(file.path, acceptEncoding) : null;
  const sent = encoded ?? file;
  res.writeHead(200, {
    ...BASE_HEADERS,
    'Content-Type': type,
    'Content-Length': String(sent.size),
    // Vite names files under assets/ by their content hash, so only those may be cached for good.
    'Cache-Control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    ...(hashed ? { Vary: 'Accept-Encoding' } : {}),
    ...(encoded ? { 'Content-Encoding': encoded.encoding } : {}),
    ...(isHtml ? { 'Content-Security-Policy': htmlCsp(hipaa), 'X-Frame-Options': 'DENY' } : {}),
  });
  if (headOnly) {
    res.end();
    return;
  }
  createReadStream(sent.path)
    .on('error', () => res.destroy())
    .pipe(res);
}
