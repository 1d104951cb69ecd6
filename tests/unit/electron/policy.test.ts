import { describe, expect, it } from 'vitest';
import {
  APP_ORIGIN,
  contentSecurityPolicy,
  decideNavigation,
  decidePermission,
  decideWindowOpen,
  isAllowedExternalUrl,
  isTrustedSender,
} from '../../../src/main/electron/policy';

const packaged = {};
const dev = { devServerUrl: 'http://localhost:5173/' };

function directives(csp: string): Record<string, string> {
  return Object.fromEntries(csp.split('; ').map((part) => [part.split(' ')[0], part.slice(part.indexOf(' ') + 1)]));
}

describe('the Content-Security-Policy of the packaged console', () => {
  const csp = directives(contentSecurityPolicy(packaged));

  it('runs only its own scripts: no inline script, no eval, no remote origin', () => {
    expect(csp['script-src']).toBe("'self'");
  });

  it('lets the renderer reach nothing but its own origin', () => {
    expect([csp['default-src'], csp['connect-src']]).toEqual(["'self'", "'self'"]);
  });

  it('allows inline styles, which Mantine injects, and nothing looser', () => {
    expect(csp['style-src']).toBe("'self' 'unsafe-inline'");
  });

  it('shows the template preview in a blob: frame and embeds no plugins', () => {
    expect([csp['frame-src'], csp['object-src']]).toEqual(["'self' blob:", "'none'"]);
  });

  it('cannot be framed, re-based or post forms anywhere', () => {
    expect([csp['frame-ancestors'], csp['base-uri'], csp['form-action']]).toEqual(["'none'", "'none'", "'none'"]);
  });

  it('lets images come from data: and https: only besides itself', () => {
    expect(csp['img-src']).toBe("'self' data: https:");
  });
});

describe('the Content-Security-Policy of a HIPAA profile', () => {
  const csp = directives(contentSecurityPolicy({ hipaa: true }));

  it('loads no remote image at all: only its own, data: and blob: ones (images loaded on request arrive as data:)', () => {
    expect(csp['img-src']).toBe("'self' data: blob:");
  });

  it('is otherwise the same policy', () => {
    expect({ ...csp, 'img-src': '' }).toEqual({ ...directives(contentSecurityPolicy(packaged)), 'img-src': '' });
  });
});

describe('the Content-Security-Policy in development', () => {
  it("adds the dev server's origin and its HMR socket", () => {
    expect(directives(contentSecurityPolicy(dev))['connect-src']).toBe("'self' http://localhost:5173 ws://localhost:5173");
  });
});

describe('navigation inside the console window', () => {
  it("stays on the console's own pages", () => {
    expect(decideNavigation(`${APP_ORIGIN}/index.html#/campaigns`, packaged)).toBe('allow');
  });

  it('sends an allow-listed page to the browser instead of navigating', () => {
    expect(decideNavigation('https://docs.sendgrid.com/for-developers', packaged)).toBe('open-external');
  });

  it('refuses any other site', () => {
    expect(decideNavigation('https://evil.example/phish', packaged)).toBe('deny');
  });

  it('refuses file:// pages', () => {
    expect(decideNavigation('file:///etc/passwd', packaged)).toBe('deny');
  });

  it('refuses the dev server once packaged', () => {
    expect(decideNavigation('http://localhost:5173/', packaged)).toBe('deny');
  });

  it('allows the dev server during development', () => {
    expect(decideNavigation('http://localhost:5173/#/overview', dev)).toBe('allow');
  });
});

describe('links that open a new window', () => {
  it('opens an allow-listed https page in the browser', () => {
    expect(decideWindowOpen('https://www.odoo.com/documentation/18.0/')).toBe('open-external');
  });

  it('refuses http:// even for an allow-listed host', () => {
    expect(isAllowedExternalUrl('http://www.odoo.com/')).toBe(false);
  });

  it('refuses a look-alike host that only ends with an allow-listed name', () => {
    expect(isAllowedExternalUrl('https://evilmarkket.place/')).toBe(false);
  });

  it('refuses a URL carrying credentials', () => {
    expect(isAllowedExternalUrl('https://user:pass@markket.place/')).toBe(false);
  });

  it('refuses a non-standard port', () => {
    expect(isAllowedExternalUrl('https://markket.place:8443/')).toBe(false);
  });

  it('refuses javascript: URLs', () => {
    expect(decideWindowOpen('javascript:alert(1)')).toBe('deny');
  });
});

describe('who may call the console over IPC', () => {
  it("answers the console's main frame", () => {
    expect(isTrustedSender({ url: `${APP_ORIGIN}/index.html`, parent: null }, packaged)).toBe(true);
  });

  it('refuses a subframe even on the same origin (the template preview)', () => {
    expect(isTrustedSender({ url: `${APP_ORIGIN}/index.html`, parent: {} }, packaged)).toBe(false);
  });

  it('refuses a main frame on another origin', () => {
    expect(isTrustedSender({ url: 'https://markket.place/', parent: null }, packaged)).toBe(false);
  });

  it('refuses a frame that is already gone', () => {
    expect(isTrustedSender(null, packaged)).toBe(false);
  });

  it('refuses a different app:// host', () => {
    expect(isTrustedSender({ url: 'app://other/index.html', parent: null }, packaged)).toBe(false);
  });
});

describe('permission requests', () => {
  it('refuses every permission the web platform can ask for', () => {
    expect(['media', 'notifications', 'geolocation', 'clipboard-read', 'openExternal'].map(decidePermission)).toEqual([false, false, false, false, false]);
  });
});
