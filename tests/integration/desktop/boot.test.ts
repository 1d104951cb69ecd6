import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_PROFILE_CHANNEL, type MarkketBridge } from '../../../src/shared/ipc-channels';
import type { ActiveProfileEvent } from '../../../src/shared/profile-events';
import { createFakeElectron, runSandboxedPreload, type FakeElectron } from '../../support/fake-electron';

/**
 * The desktop app, booted without the Electron binary: the built main bundle (out/main/index.js)
 * runs against a fake of Electron's APIs up to the window loading app://console/index.html, the
 * built preload (out/preload/index.cjs) runs with only what a sandboxed preload can require, and one
 * contract operation goes from window.markket through IPC to the real handlers and back. Needs
 * `electron-vite build` first (npm test builds before it runs vitest).
 */
const root = resolve(__dirname, '../../..');
const mainBundle = join(root, 'out/main/index.js');
const preloadBundle = join(root, 'out/preload/index.cjs');

let fake: FakeElectron;
let userData: string;

beforeAll(async () => {
  if (!existsSync(mainBundle) || !existsSync(preloadBundle)) throw new Error('Build the app first: npx electron-vite build');
  userData = await mkdtemp(join(tmpdir(), 'markket-boot-'));
  delete process.env.ELECTRON_RENDERER_URL;
  fake = createFakeElectron({ userData });
  vi.doMock('electron', () => fake.module);
  await import(mainBundle);
}, 60_000);

afterAll(async () => {
  fake.module.app.emit('window-all-closed');
  await rm(userData, { recursive: true, force: true });
});

describe('the desktop app, booted from its built bundles', () => {
  it('registers app:// as a privileged scheme and turns the sandbox on before the app is ready', () => {
    expect(fake.schemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(fake.module.app.sandboxEnabled).toBe(true);
    expect(fake.windows).toHaveLength(0);
  });

  it('starts once ready and loads app://console/index.html in a locked-down window', async () => {
    fake.ready();
    expect(await fake.firstLoad).toBe('app://console/index.html');
    const [window] = fake.windows;
    expect(window?.options.webPreferences).toMatchObject({
      contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false,
      webSecurity: true, allowRunningInsecureContent: false, webviewTag: false, preload: preloadBundle,
    });
    expect(window?.webContents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(fake.sessionRecord.permissionCheck?.({}, 'geolocation')).toBe(false);
  }, 60_000);

  it('serves the built renderer at app://console/ with the content security policy', async () => {
    const serve = fake.protocolHandlers.get('app');
    const answer = await serve!(new Request('app://console/index.html'));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await answer.text()).toContain('<div id="root">');
    expect((await serve!(new Request('app://console/../../package.json'))).status).toBe(404);
  });

  it('runs the sandboxed preload, which exposes only window.markket, and round-trips an operation to the real handlers', async () => {
    runSandboxedPreload(fake, preloadBundle);
    expect([...fake.exposed.keys()]).toEqual(['markket']);
    const markket = fake.exposed.get('markket') as MarkketBridge;
    expect(Object.keys(markket).sort()).toEqual(['cancel', 'invoke', 'onEvent', 'onProfileChange']);
    const outcome = await markket.invoke('session.status', {});
    expect(outcome).toEqual({ ok: true, value: expect.objectContaining({ locked: false }) });
    expect(fake.handlers.size).toBeGreaterThan(50);
  });

  it('refuses a call from a page that is not the console', async () => {
    const [window] = fake.windows;
    window!.webContents.mainFrame = { url: 'https://attacker.example/', parent: null };
    const markket = fake.exposed.get('markket') as MarkketBridge;
    expect(await markket.invoke('session.status', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    window!.webContents.mainFrame = { url: 'app://console/index.html', parent: null };
  });

  it('tells the window at once when a profile becomes active, goes HIPAA and back, over IPC and checked by the preload', async () => {
    const markket = fake.exposed.get('markket') as MarkketBridge;
    const heard: ActiveProfileEvent[] = [];
    const stop = markket.onProfileChange((event) => heard.push(event));
    // The welcome screen's first choice: the demo workspace, made the active profile.
    const created = await markket.invoke('profiles.create', { name: 'Demo workspace', kind: 'demo', activate: true });
    const id = created.ok ? (created.value as { id: string }).id : '';
    expect(heard).toEqual([{ activeProfileId: id, hipaa: false }]);
    expect(await markket.invoke('profiles.update', { id, hipaa: { enabled: true, idleLockMinutes: 240 } })).toMatchObject({ ok: true });
    // Heard by the time the update's own answer is back: pushed, not polled.
    expect(heard.at(-1)).toEqual({ activeProfileId: id, hipaa: true });
    expect(await markket.invoke('profiles.update', { id, hipaa: { enabled: false }, sendgrid: { delivery: 'sendgrid-relay' } })).toMatchObject({ ok: true });
    // A change that rebuilds the services but leaves the profile and its HIPAA mode as they were is not announced.
    expect(await markket.invoke('profiles.update', { id, hipaa: { idleLockMinutes: 30 } })).toMatchObject({ ok: true });
    stop();
    expect(heard).toEqual([{ activeProfileId: id, hipaa: false }, { activeProfileId: id, hipaa: true }, { activeProfileId: id, hipaa: false }]);
    expect(fake.windows[0]?.webContents.sent.filter((m) => m.channel === IPC_PROFILE_CHANNEL)).toHaveLength(3);
  }, 60_000);
});
