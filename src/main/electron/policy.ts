import { imageSourcesDirective } from '../../shared/remote-images';

/**
 * The shell's security decisions as pure functions (no Electron import), so they are unit-tested
 * directly. security.ts attaches them to Electron's events.
 */

/** The renderer is served from app://console (a standard, secure custom scheme), never file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'console';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Pages a link in the console may open, in the user's browser (https only, exact host). */
export const EXTERNAL_ALLOW_LIST: readonly string[] = [
  'markket.place',
  'www.markket.place',
  'docs.sendgrid.com',
  'www.twilio.com', // SendGrid's documentation moved under twilio.com/docs/sendgrid
  'app.sendgrid.com', // where an owner creates the API key the console asks for
  'www.odoo.com',
  'odoo.com',
];

export interface ShellOrigins {
  /** electron-vite's dev server (process.env.ELECTRON_RENDERER_URL) in development; undefined when packaged. */
  devServerUrl?: string | undefined;
}

/** What the CSP follows besides the origins: the active profile's HIPAA mode. */
export interface PolicyState extends ShellOrigins {
  hipaa?: boolean;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** The origins the console's own pages come from. */
export function ownOrigins({ devServerUrl }: ShellOrigins): string[] {
  const dev = devServerUrl ? parse(devServerUrl) : null;
  return dev ? [APP_ORIGIN, dev.origin] : [APP_ORIGIN];
}

/**
 * `new URL('app://console/x').origin` is the string "null" in Node for non-special schemes, so the
 * origin of our own scheme is rebuilt from protocol and host.
 */
function originOf(url: URL): string {
  return url.protocol === `${APP_SCHEME}:` ? `${APP_SCHEME}://${url.host}` : url.origin;
}

export function isOwnUrl(url: string, origins: ShellOrigins): boolean {
  const parsed = parse(url);
  return parsed !== null && ownOrigins(origins).includes(originOf(parsed));
}

/** An external page the user may open: https, an allow-listed host, no credentials in the URL. */
export function isAllowedExternalUrl(url: string): boolean {
  const parsed = parse(url);
  if (!parsed || parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '') return false;
  if (parsed.port !== '') return false;
  return EXTERNAL_ALLOW_LIST.includes(parsed.hostname.toLowerCase());
}

export type NavigationDecision = 'allow' | 'open-external' | 'deny';

/** will-navigate / will-redirect: stay on our own pages; allow-listed links go to the browser; nothing else. */
export function decideNavigation(url: string, origins: ShellOrigins): NavigationDecision {
  if (isOwnUrl(url, origins)) return 'allow';
  return isAllowedExternalUrl(url) ? 'open-external' : 'deny';
}

/** window.open / target=_blank: never a new Electron window; allow-listed links go to the browser. */
export function decideWindowOpen(url: string): 'open-external' | 'deny' {
  return isAllowedExternalUrl(url) ? 'open-external' : 'deny';
}

/** The structural part of Electron's WebFrameMain the sender check needs. */
export interface FrameLike {
  readonly url: string;
  readonly parent: unknown;
}

/**
 * IPC is answered only for the console's main frame on its own origin: not an iframe (the
 * sandboxed template preview), not a page that somehow navigated elsewhere.
 */
export function isTrustedSender(frame: FrameLike | null | undefined, origins: ShellOrigins): boolean {
  if (!frame || frame.parent !== null) return false;
  return isOwnUrl(frame.url, origins);
}

/**
 * The Content-Security-Policy sent with every response of the console's session.
 * - style-src 'unsafe-inline': Mantine (and Emotion-free CSS variables it writes at run time)
 *   injects <style> elements and style attributes; styles cannot run code, scripts stay 'self'.
 * - img-src https: campaign thumbnails and template previews reference images hosted by SendGrid/CDNs;
 *   for a HIPAA profile no remote image at all (src/shared/remote-images.ts): its previews show
 *   placeholders until the person loads images, which the main process fetches from its Odoo.
 * - frame-src blob: the template preview renders an email's HTML in a sandboxed blob: iframe.
 * - connect-src 'self': the renderer talks to main over IPC only; no remote origin is reachable.
 * In development only, the electron-vite dev server needs its origin, its HMR WebSocket, and the
 * React Fast Refresh preamble, which Vite injects as an inline module script.
 */
export function contentSecurityPolicy({ devServerUrl, hipaa = false }: PolicyState): string {
  const dev = devServerUrl ? parse(devServerUrl) : null;
  const devOrigin = dev ? ` ${dev.origin}` : '';
  const devSocket = dev ? ` ws://${dev.host}` : '';
  const devInline = dev ? " 'unsafe-inline'" : '';
  return [
    `default-src 'self'${devOrigin}`,
    `script-src 'self'${devOrigin}${devInline}`,
    `style-src 'self'${devOrigin} 'unsafe-inline'`,
    `img-src ${imageSourcesDirective(hipaa, devOrigin)}`,
    `font-src 'self'${devOrigin} data:`,
    `connect-src 'self'${devOrigin}${devSocket}`,
    `frame-src 'self' blob:`,
    `object-src 'none'`,
    `base-uri 'none'`,
    `form-action 'none'`,
    `frame-ancestors 'none'`,
  ].join('; ');
}

/** Every permission (camera, notifications, geolocation, clipboard-read, ...) is refused: the console needs none. */
export function decidePermission(_permission: string): false {
  return false;
}
