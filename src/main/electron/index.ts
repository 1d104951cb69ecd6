import { app, BrowserWindow, dialog, ipcMain, session, shell, systemPreferences } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contract } from '../../shared/contract';
import { IPC_PROFILE_CHANNEL } from '../../shared/ipc-channels';
import { createKeychainStore } from '../core/secrets';
import { startConsole } from '../host/console';
import { handlers } from '../host/handlers';
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
// The CSP follows the active profile: until the console runs, assume HIPAA (the strictest).
let hipaaNow: () => boolean = () => true;
const shellPolicy = {
  ...origins,
  hipaa: () => hipaaNow(),
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
  if (!origins.devServerUrl) serveRenderer(join(mainDir, '../renderer'), () => hipaaNow());

  const dataDir = app.getPath('userData');
  // The same runtime as browser mode, over the OS keychain. Its loopback host serves the API to local
  // scripts (bearer token: MARKKET_API_TOKEN, else a new one per run), SendGrid's signed webhook and
  // one-time downloads; the window itself talks over IPC, never HTTP.
  const runtime = await startConsole({
    dataDir,
    secrets: createKeychainStore({ service: 'markket-console' }),
    port: Number(process.env.MARKKET_API_PORT ?? 0) || 0,
    ...(process.env.MARKKET_API_TOKEN ? { token: process.env.MARKKET_API_TOKEN } : {}),
    desktop: {
      async chooseSavePath(suggestedName) {
        const parent = BrowserWindow.getFocusedWindow();
        const options = { defaultPath: join(app.getPath('documents'), suggestedName) };
        const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
        return result.canceled || !result.filePath ? null : result.filePath;
      },
      // Touch ID where the Mac has it; elsewhere the lock screen offers only the passphrase.
      ...(process.platform === 'darwin' && systemPreferences.canPromptTouchID()
        ? { verifyUser: { label: 'Touch ID', prompt: (reason: string) => systemPreferences.promptTouchID(reason).then(() => true, () => false) } }
        : {}),
    },
  });
  const host = runtime.host;
  hipaaNow = () => host.current().local?.hipaa ?? false;

  registerIpc({ ipcMain, contract, handlers, services: () => host.current(), isTrustedSender: (frame) => isTrustedSender(frame, origins) });

  const openWindow = () => createMainWindow({ mainDir, url: origins.devServerUrl ?? `${APP_ORIGIN}/index.html` });
  let window = openWindow();
  // A profile switched or put in HIPAA mode elsewhere (the API, a script) reaches the open page at
  // once: its image policy must tighten before the next remote picture could load (issue 18).
  runtime.profileEvents.subscribe((event) => {
    if (!window.isDestroyed()) window.webContents.send(IPC_PROFILE_CHANNEL, event);
  });
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
    void runtime.close();
  });
}
