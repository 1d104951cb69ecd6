import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * A fake of the Electron APIs the built main and preload bundles use, faithful to their documented
 * shapes (app, BrowserWindow, ipcMain, ipcRenderer, session, protocol, net, dialog, shell,
 * contextBridge, systemPreferences), recording what the app asked of them. No Electron binary
 * runs here, so a test loads out/main/index.js with `vi.mock('electron', () => fake.module)` and
 * out/preload/index.cjs through `fake.requireFor`, then drives the app like Electron would:
 * ready, IPC from the window's main frame, quit. Reused by the boot test (issue 16) and the egress
 * test (issue 18).
 */
type Listener = (...args: unknown[]) => unknown;
type IpcEvent = { sender: FakeWebContents; senderFrame: FakeFrame | null };
export interface FakeFrame { url: string; parent: FakeFrame | null }

class FakeWebContents extends EventEmitter {
  readonly id: number;
  readonly sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler: ((details: { url: string }) => unknown) | null = null;
  /** The frame the page runs in; its URL is what ipcMain's sender check reads. */
  mainFrame: FakeFrame = { url: 'about:blank', parent: null };
  constructor(id: number) {
    super();
    this.id = id;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args: structuredClone(args) });
    this.emit(`ipc:${channel}`, ...args);
  }
  isDestroyed(): boolean {
    return false;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => unknown): void {
    this.windowOpenHandler = handler;
  }
}

export function createFakeElectron(options: { userData: string; documents?: string }) {
  // What the app hands the operating system, where anyone at the computer (or its backups) sees it.
  const recentDocuments: string[] = [];
  const titles: string[] = [];
  const notifications: { title?: string; body?: string }[] = [];
  const saveDialogs: string[] = [];
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    sandboxEnabled: false,
    quitRequested: false,
    enableSandbox: () => void (app.sandboxEnabled = true),
    requestSingleInstanceLock: () => true,
    whenReady: () => ready,
    getPath: (name: string) => (name === 'userData' ? options.userData : options.documents ?? options.userData),
    /** Electron's app.addRecentDocument: the OS's recent-files list (macOS Dock, Windows Jump List). */
    addRecentDocument: (path: string) => void recentDocuments.push(path),
    clearRecentDocuments: () => void (recentDocuments.length = 0),
    quit: () => {
      app.quitRequested = true;
      app.emit('will-quit', { preventDefault: () => undefined });
    },
  });
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  const windows: FakeBrowserWindow[] = [];
  let loaded: (url: string) => void = () => undefined;
  const firstLoad = new Promise<string>((resolve) => (loaded = resolve));
  let nextId = 1;

  class FakeBrowserWindow extends EventEmitter {
    readonly options: { webPreferences?: Record<string, unknown> } & Record<string, unknown>;
    readonly webContents: FakeWebContents;
    loadedUrl: string | null = null;
    shown = false;
    constructor(windowOptions: { webPreferences?: Record<string, unknown> } & Record<string, unknown>) {
      super();
      this.options = structuredClone(windowOptions);
      if (typeof windowOptions.title === 'string') titles.push(windowOptions.title);
      this.webContents = new FakeWebContents(nextId++);
      windows.push(this);
      app.emit('web-contents-created', {}, this.webContents);
    }
    static getAllWindows = () => [...windows];
    static getFocusedWindow = () => windows[0] ?? null;
    async loadURL(url: string): Promise<void> {
      this.loadedUrl = url;
      this.webContents.mainFrame = { url, parent: null };
      loaded(url);
      this.emit('ready-to-show');
    }
    setTitle = (title: string) => void titles.push(title);
    show = () => void (this.shown = true);
    focus = () => undefined;
    restore = () => undefined;
    isMinimized = () => false;
    isDestroyed = () => false;
  }

  const handlers = new Map<string, (event: IpcEvent, ...args: unknown[]) => unknown>();
  const mainListeners = new EventEmitter();
  const ipcMain = {
    handle: (channel: string, listener: (event: IpcEvent, ...args: unknown[]) => unknown) => {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel: string) => void handlers.delete(channel),
    on: (channel: string, listener: Listener) => mainListeners.on(channel, listener),
    removeListener: (channel: string, listener: Listener) => mainListeners.removeListener(channel, listener),
  };

  /** The renderer side of the first window: what its preload's ipcRenderer reaches. */
  const rendererListeners = new EventEmitter();
  const windowOf = () => {
    const window = windows[0];
    if (!window) throw new Error('No window is open');
    return window;
  };
  const ipcRenderer = {
    invoke: async (channel: string, ...args: unknown[]) => {
      const handler = handlers.get(channel);
      // Electron rejects an invoke nobody handles with this message.
      if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
      const window = windowOf();
      return structuredClone(await handler({ sender: window.webContents, senderFrame: window.webContents.mainFrame }, ...structuredClone(args)));
    },
    send: (channel: string, ...args: unknown[]) => {
      const window = windowOf();
      mainListeners.emit(channel, { sender: window.webContents, senderFrame: window.webContents.mainFrame }, ...structuredClone(args));
    },
    on: (channel: string, listener: Listener) => {
      windowOf().webContents.on(`ipc:${channel}`, (...args: unknown[]) => listener({}, ...args));
      rendererListeners.on(channel, listener);
    },
    removeListener: (channel: string, listener: Listener) => void rendererListeners.removeListener(channel, listener),
  };

  const exposed = new Map<string, unknown>();
  const contextBridge = {
    exposeInMainWorld: (key: string, api: unknown) => {
      if (exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`);
      exposed.set(key, api);
    },
  };

  const sessionRecord = {
    headersListener: null as null | ((details: { responseHeaders?: Record<string, string[]> }, callback: (response: { responseHeaders: Record<string, string[]> }) => void) => void),
    permissionRequest: null as null | Listener,
    permissionCheck: null as null | Listener,
    devicePermission: null as null | Listener,
  };
  const session = {
    defaultSession: {
      webRequest: { onHeadersReceived: (listener: typeof sessionRecord.headersListener) => void (sessionRecord.headersListener = listener) },
      setPermissionRequestHandler: (h: Listener) => void (sessionRecord.permissionRequest = h),
      setPermissionCheckHandler: (h: Listener) => void (sessionRecord.permissionCheck = h),
      setDevicePermissionHandler: (h: Listener) => void (sessionRecord.devicePermission = h),
    },
  };

  const schemes: { scheme: string; privileges: Record<string, boolean> }[] = [];
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response> | Response>();
  const protocol = {
    registerSchemesAsPrivileged: (list: { scheme: string; privileges: Record<string, boolean> }[]) => void schemes.push(...list),
    handle: (scheme: string, handler: (request: Request) => Promise<Response> | Response) => void protocolHandlers.set(scheme, handler),
  };
  // Electron's net.fetch reads file:// URLs; Node's fetch does not.
  const net = {
    fetch: async (url: string) => {
      try {
        return new Response(await readFile(fileURLToPath(url)), { status: 200 });
      } catch {
        return new Response('', { status: 404 });
      }
    },
  };

  const openedExternally: string[] = [];
  const module = {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain,
    ipcRenderer,
    contextBridge,
    session,
    protocol,
    net,
    dialog: {
      showSaveDialog: async (...args: unknown[]) => {
        const dialogOptions = args.find((a): a is { defaultPath?: string } => typeof a === 'object' && a !== null && !(a instanceof FakeBrowserWindow));
        saveDialogs.push(dialogOptions?.defaultPath ?? '');
        return { canceled: true, filePath: undefined };
      },
    },
    Notification: class {
      static isSupported = () => true;
      constructor(notification: { title?: string; body?: string } = {}) {
        notifications.push(structuredClone(notification));
      }
      show = () => undefined;
    },
    shell: { openExternal: async (url: string) => void openedExternally.push(url) },
    systemPreferences: { canPromptTouchID: () => false, promptTouchID: async () => undefined },
  };

  return {
    module,
    /** Fires app 'ready', as Electron does once Chromium is up. */
    ready: () => markReady(),
    /** Resolves with the URL the first window loads. */
    firstLoad,
    windows,
    handlers,
    exposed,
    schemes,
    protocolHandlers,
    sessionRecord,
    openedExternally,
    recentDocuments,
    titles,
    notifications,
    saveDialogs,
    /** A require for a CommonJS bundle (the preload) that gets this fake for 'electron'. */
    requireFor: (real: NodeJS.Require) => (id: string) => (id === 'electron' ? module : real(id)),
  };
}
export type FakeElectron = ReturnType<typeof createFakeElectron>;

// What Electron's sandboxed preload `require` offers besides 'electron' (Electron's sandbox docs).
const SANDBOX_MODULES = new Set(['events', 'timers', 'url', 'node:events', 'node:timers', 'node:url']);

/** Runs a built preload bundle as Electron's sandbox does: CommonJS, with a require that knows only a few modules. */
export function runSandboxedPreload(fake: FakeElectron, preloadBundle: string): void {
  const fakeRequire = fake.requireFor(createRequire(preloadBundle));
  const sandboxRequire = (id: string) => {
    if (id !== 'electron' && !SANDBOX_MODULES.has(id)) throw new Error(`module not found: ${id} (a sandboxed preload cannot require it)`);
    return fakeRequire(id);
  };
  const module = { exports: {} };
  const run = new Function('require', 'module', 'exports', readFileSync(preloadBundle, 'utf8')) as (r: unknown, m: unknown, e: unknown) => void;
  run(sandboxRequire, module, module.exports);
}
