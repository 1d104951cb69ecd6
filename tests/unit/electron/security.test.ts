import type { Session, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { hardenWebContents, installSessionPolicy } from '../../../src/main/electron/security';

type Listener = (event: { url: string; preventDefault(): void }) => void;

/** Just enough of a WebContents to record what the shell attaches to it. */
function fakeContents() {
  const listeners = new Map<string, Listener>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = {
    on: (name: string, listener: Listener) => void listeners.set(name, listener),
    setWindowOpenHandler: (handler: typeof openHandler) => void (openHandler = handler),
  };
  const fire = (name: string, url: string) => {
    let prevented = false;
    listeners.get(name)?.({ url, preventDefault: () => void (prevented = true) });
    return prevented;
  };
  return { contents: contents as unknown as WebContents, fire, open: (url: string) => openHandler?.({ url }) };
}

function hardened() {
  const opened: string[] = [];
  const fake = fakeContents();
  hardenWebContents(fake.contents, { openExternal: (url) => void opened.push(url) });
  return { ...fake, opened };
}

describe('a hardened window', () => {
  it('blocks navigation to a foreign site without opening it', () => {
    const { fire, opened } = hardened();
    expect([fire('will-navigate', 'https://evil.example/'), opened]).toEqual([true, []]);
  });

  it('opens an allow-listed link in the browser instead of navigating', () => {
    const { fire, opened } = hardened();
    expect([fire('will-navigate', 'https://markket.place/help'), opened]).toEqual([true, ['https://markket.place/help']]);
  });

  it('lets the console move between its own pages', () => {
    expect(hardened().fire('will-navigate', 'app://console/index.html')).toBe(false);
  });

  it('blocks a redirect to a foreign site', () => {
    expect(hardened().fire('will-redirect', 'https://evil.example/')).toBe(true);
  });

  it('never opens a new Electron window, even for an allow-listed link', () => {
    const { open, opened } = hardened();
    expect([open('https://www.odoo.com/'), opened]).toEqual([{ action: 'deny' }, ['https://www.odoo.com/']]);
  });

  it('refuses to attach a <webview>', () => {
    expect(hardened().fire('will-attach-webview', 'https://evil.example/')).toBe(true);
  });
});

describe("the console's session", () => {
  function fakeSession(hipaa?: () => boolean) {
    const seen: Record<string, unknown> = {};
    const session = {
      webRequest: { onHeadersReceived: (fn: unknown) => void (seen.headers = fn) },
      setPermissionRequestHandler: (fn: unknown) => void (seen.request = fn),
      setPermissionCheckHandler: (fn: unknown) => void (seen.check = fn),
      setDevicePermissionHandler: (fn: unknown) => void (seen.device = fn),
    };
    installSessionPolicy(session as unknown as Session, { openExternal: () => undefined, ...(hipaa ? { hipaa } : {}) });
    return seen;
  }

  it("replaces a response's own CSP with the console's", () => {
    const onHeaders = fakeSession().headers as (details: { responseHeaders: Record<string, string[]> }, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void;
    let answered: Record<string, string[]> = {};
    onHeaders({ responseHeaders: { 'content-security-policy': ['script-src *'], 'Content-Type': ['text/html'] } }, (r) => void (answered = r.responseHeaders));
    expect([Object.keys(answered).sort(), answered['Content-Security-Policy']?.[0]?.includes("script-src 'self';")]).toEqual([['Content-Security-Policy', 'Content-Type'], true]);
  });

  it('follows the active profile into HIPAA mode and out again, response by response', () => {
    const profile = { hipaa: false };
    const onHeaders = fakeSession(() => profile.hipaa).headers as (details: { responseHeaders: Record<string, string[]> }, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void;
    const imgSrc = () => {
      let csp = '';
      onHeaders({ responseHeaders: {} }, (r) => void (csp = r.responseHeaders['Content-Security-Policy']?.[0] ?? ''));
      return /img-src ([^;]*)/.exec(csp)?.[1];
    };
    const before = imgSrc();
    profile.hipaa = true;
    const during = imgSrc();
    profile.hipaa = false;
    expect([before, during, imgSrc()]).toEqual(["'self' data: https:", "'self' data: blob:", "'self' data: https:"]);
  });

  it('denies a permission request', () => {
    const request = fakeSession().request as (c: unknown, p: string, cb: (granted: boolean) => void) => void;
    let granted: boolean | undefined;
    request({}, 'media', (answer) => void (granted = answer));
    expect(granted).toBe(false);
  });

  it('answers every permission check with no', () => {
    const check = fakeSession().check as (c: unknown, p: string) => boolean;
    expect(check({}, 'notifications')).toBe(false);
  });
});
