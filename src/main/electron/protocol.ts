import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { APP_SCHEME, contentSecurityPolicy } from './policy';
import { mimeTypeFor, rendererFileFor } from './protocol-files';

/**
 * app:// must be registered as standard + secure before the app is ready: a standard scheme gets
 * an origin (so 'self' in the CSP and the IPC sender check mean something) and secure makes it a
 * secure context like https. Serving the bundle this way avoids file://, which would grant every
 * page access to the whole file system.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Serves the built renderer (out/renderer) at app://console/, with the CSP on every answer. */
export function serveRenderer(rendererDir: string, hipaa: () => boolean = () => false): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const csp = contentSecurityPolicy({ hipaa: hipaa() });
    const file = rendererFileFor(request.url, rendererDir);
    if (!file) return new Response('Not found', { status: 404 });
    const answer = await net.fetch(pathToFileURL(file).toString());
    if (!answer.ok) return new Response('Not found', { status: 404 });
    return new Response(answer.body, {
      status: 200,
      headers: { 'Content-Type': mimeTypeFor(file), 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff' },
    });
  });
}
