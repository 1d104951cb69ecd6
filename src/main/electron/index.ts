import { app, BrowserWindow, ipcMain, session, shell } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contract } from '../../shared/contract';
import { isAppError } from '../../shared/errors';
import { createOdooClient } from '../core/odoo';
import { createProfileManager, createProfileStore, type DemoConnectionProvider } from '../core/profiles';
import { createKeychainStore } from '../core/secrets';
import { handlers } from '../host/handlers';
import { followActiveProfile, servicesForProfile } from '../host/profile-switch';
import { createServiceHost } from '../host/service-host';
import { startDemoWorkspace, type DemoWorkspace } from '../sandbox/demo-workspace';
import { registerIpc } from './ipc';
import { APP_ORIGIN, isAllowedExternalUrl, type ShellOrigins } from './policy';
import { registerAppScheme, serveRenderer } from './protocol';
import { hardenWebContents, installSessionPolicy, isTrustedSender } from './security';
import { createMainWindow } from './window';

// Both must happen before the app is ready: app:// gets its privileges, and every renderer
// (including any created later) runs in the Chromium sandbox.
registerAppScheme();
app.enableSandbox();

const mainDir = fileURLToPath(new URL('.', import.meta.url));
const origins: ShellOrigins = { devServerUrl: app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL };
const shellPolicy = {
  ...origins,
  // The only caller of shell.openExternal, and only for allow-listed https pages (checked again here).
  openExternal: (url: string) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK — reviewed: https + exact-host allow-list (policy.ts)
  },
};

if (!app.requestSingleInstanceLock()) {
  // A second copy would fight over the profiles file and the demo data: hand over to the first.
  app.quit();
} else {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, shellPolicy));
  void app.whenReady().then(start);
}

async function start(): Promise<void> {
  installSessionPolicy(session.defaultSession, shellPolicy);
  if (!origins.devServerUrl) serveRenderer(join(mainDir, '../renderer'));

  const dataDir = app.getPath('userData');
  const storeNames: Record<string, string> = {};
  // The demo workspace starts on first use (a demo profile activated), then lives until quit.
  let demo: Promise<DemoWorkspace> | undefined;
  const demoConnection: DemoConnectionProvider = async () => {
    demo ??= startDemoWorkspace({ dataDir: join(dataDir, 'demo') });
    const workspace = await demo;
    for (const store of workspace.stores) storeNames[store.id] = store.name;
    const { url, database, login, apiKey, protocol = 'auto' } = workspace.odooSettings;
    const { apiKey: sendgridKey, baseUrl, webhookPublicKey } = workspace.sendgridSettings;
    return {
      odoo: { url, database, login, apiKey, protocol },
      sendgrid: { apiKey: sendgridKey, baseUrl, webhookPublicKey, region: 'global', delivery: 'sendgrid-relay' },
      storeIds: [workspace.storeId],
    };
  };

  const store = createProfileStore({ cwd: dataDir, secrets: createKeychainStore({ service: 'markket-console' }), demo: demoConnection });
  const profiles = createProfileManager({ store, createOdooClient });
  const switching = { profiles, storeNames, dataDir: (profileId: string) => join(dataDir, 'profiles', profileId) };
  const initial = await servicesForProfile((await profiles.active()).profile?.id ?? null, switching).catch((error: unknown) => {
    // A locked keychain or a damaged profile must not keep the window from opening: start with no
    // profile and let the renderer show the problem when it asks. Only the code is logged, never details.
    console.error(`Could not open the active profile (${isAppError(error) ? error.code : 'internal'}); starting without one.`);
    return servicesForProfile(null, switching);
  });
  const host = createServiceHost(initial);
  followActiveProfile(host, switching);

  registerIpc({ ipcMain, contract, handlers, services: () => host.current(), isTrustedSender: (frame) => isTrustedSender(frame, origins) });

  const openWindow = () => createMainWindow({ mainDir, url: origins.devServerUrl ?? `${APP_ORIGIN}/index.html` });
  let window = openWindow();
  app.on('second-instance', () => {
    if (window.isDestroyed()) window = openWindow();
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) window = openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    void host.close();
    void demo?.then((workspace) => workspace.close());
  });
}
