import type { Session, WebContents } from 'electron';
import { contentSecurityPolicy, decideNavigation, decidePermission, decideWindowOpen, type ShellOrigins } from './policy';

export { isTrustedSender } from './policy';

export interface ShellPolicyOptions extends ShellOrigins {
  /** shell.openExternal, injected so this file stays testable and the only caller is the allow-list. */
  openExternal(url: string): void;
  /** The active profile's HIPAA mode, read for every response so the CSP follows a profile switch. */
  hipaa?: () => boolean;
}

/**
 * Headers and permissions for the console's session (Electron security checklist items 6, 7, 11):
 * a CSP on every response, and every permission request or check refused.
 */
export function installSessionPolicy(session: Session, options: ShellPolicyOptions): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const csp = contentSecurityPolicy({ devServerUrl: options.devServerUrl, hipaa: options.hipaa?.() ?? false });
    const headers = { ...details.responseHeaders };
    // Replace any CSP a response brought with ours; header names are case-insensitive.
    for (const name of Object.keys(headers)) if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [csp] } });
  });
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(decidePermission(permission)));
  session.setPermissionCheckHandler((_contents, permission) => decidePermission(permission));
  session.setDevicePermissionHandler(() => false);
}

/**
 * Locks one webContents (checklist items 12-14): no navigation away from the console, no new
 * windows, no <webview>. Allow-listed links open in the user's browser instead. Applied to every
 * webContents through app 'web-contents-created', so a frame or window created later is covered too.
 */
export function hardenWebContents(contents: WebContents, options: ShellPolicyOptions): void {
  const guard = (event: { preventDefault(): void }, url: string) => {
    const decision = decideNavigation(url, options);
    if (decision === 'allow') return;
    event.preventDefault();
    if (decision === 'open-external') options.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK — reviewed: only allow-listed https URLs reach here
  };
  contents.on('will-navigate', (event) => guard(event, event.url));
  contents.on('will-redirect', (event) => guard(event, event.url));
  contents.setWindowOpenHandler(({ url }) => {
    if (decideWindowOpen(url) === 'open-external') options.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK — reviewed: only allow-listed https URLs reach here
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
