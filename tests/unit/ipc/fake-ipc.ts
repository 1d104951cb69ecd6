import type { IpcEventLike, IpcMainLike, IpcSender } from '../../../src/main/electron/ipc';

/** Stands in for a renderer frame: only what the trust check looks at. */
export interface FakeFrame {
  url: string;
  isMainFrame: boolean;
}

type Listener = (event: IpcEventLike<FakeFrame>, ...args: unknown[]) => unknown;

/** A webContents that records what main sends back to it. */
export function fakeSender(id = 1): IpcSender & { sent: { channel: string; args: unknown[] }[] } {
  const sent: { channel: string; args: unknown[] }[] = [];
  return { id, sent, send: (channel, ...args) => sent.push({ channel, args }), isDestroyed: () => false };
}

/** An in-memory ipcMain: `invoke` and `emit` play the renderer's ipcRenderer.invoke / send. */
export function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const listeners = new Map<string, Set<Listener>>();
  const ipcMain: IpcMainLike<FakeFrame> = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => void handlers.delete(channel),
    on: (channel, listener) => {
      const set = listeners.get(channel) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(channel, set);
      return ipcMain;
    },
    removeListener: (channel, listener) => {
      listeners.get(channel)?.delete(listener);
      return ipcMain;
    },
  };
  return {
    ipcMain,
    handlers,
    listeners,
    async invoke(channel: string, frame: FakeFrame | null, sender: IpcSender, ...args: unknown[]): Promise<unknown> {
      const handler = handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      // Electron clones arguments and results with the structured clone algorithm.
      return structuredClone(await handler({ sender, senderFrame: frame }, ...structuredClone(args)));
    },
    emit(channel: string, frame: FakeFrame | null, sender: IpcSender, ...args: unknown[]): void {
      for (const listener of listeners.get(channel) ?? []) listener({ sender, senderFrame: frame }, ...args);
    },
  };
}

export const APP_ORIGIN = 'http://127.0.0.1:5173';
export const appFrame: FakeFrame = { url: `${APP_ORIGIN}/index.html`, isMainFrame: true };
export const isTrustedFrame = (frame: FakeFrame | null): boolean =>
  !!frame && frame.isMainFrame && new URL(frame.url).origin === APP_ORIGIN;

/**
 * An ipcRenderer wired to a fake ipcMain through one window (sender + frame): what the preload
 * bridge sees inside Electron, events included.
 */
export function fakeIpcRenderer(fake: ReturnType<typeof fakeIpcMain>, frame: FakeFrame | null = appFrame, id = 1) {
  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  const sender: IpcSender = {
    id,
    isDestroyed: () => false,
    send: (channel, ...args) => {
      for (const listener of listeners.get(channel) ?? []) listener({}, ...structuredClone(args));
    },
  };
  return {
    /** The window as main sees it: what main sends with it reaches this renderer's listeners. */
    sender,
    invoke: (channel: string, ...args: unknown[]) => fake.invoke(channel, frame, sender, ...args),
    send: (channel: string, ...args: unknown[]) => fake.emit(channel, frame, sender, ...args),
    on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
    },
    removeListener: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
      listeners.get(channel)?.delete(listener);
    },
    listenerCount: (channel: string) => listeners.get(channel)?.size ?? 0,
  };
}
