import { extname, resolve, sep } from 'node:path';
import { APP_HOST } from './policy';

/**
 * Maps an app://console/... request to a file of the built renderer, or null when it points
 * outside it. Paths without an extension are the single-page app's routes: they get index.html.
 */
export function rendererFileFor(requestUrl: string, rendererDir: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const root = resolve(rendererDir);
  const relative = pathname === '/' || extname(pathname) === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const file = resolve(root, relative);
  return file.startsWith(root + sep) ? file : null;
}


// The same content types browser mode serves the renderer with.
export { mimeTypeFor } from '../host/static-files';
