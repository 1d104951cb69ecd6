import { AppError } from '../shared/errors';
import { ActiveProfileEvent } from '../shared/profile-events';
import { IPC_CANCEL_CHANNEL, IPC_EVENT_CHANNEL, IPC_PROFILE_CHANNEL, ipcChannelFor, type IpcEventMessage, type MarkketBridge } from '../shared/ipc-channels';
import type { Outcome } from '../shared/rpc';

/** The slice of ipcRenderer the bridge uses (structural, so it can be tested without Electron). */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/**
 * Builds `window.markket` from the contract's operation names. The renderer gets four functions and
 * nothing else: no ipcRenderer, no event objects (their `sender` would reach ipcRenderer), no way to
 * name a channel. A name outside the contract fails here, before any IPC.
 */
export function createBridge(ipcRenderer: IpcRendererLike, opNames: readonly string[]): MarkketBridge {
  const known = new Set(opNames);
  return {
    invoke(name: string, input: unknown, callId?: string): Promise<Outcome> {
      if (typeof name !== 'string' || !known.has(name)) {
        return Promise.resolve({ ok: false, error: new AppError('not_found', `There is no operation named "${String(name)}".`).toPayload() });
      }
      return ipcRenderer.invoke(ipcChannelFor(name), input, typeof callId === 'string' ? callId : undefined) as Promise<Outcome>;
    },
    onEvent(callback: (message: IpcEventMessage) => void): () => void {
      const listener = (_event: unknown, message: unknown) => callback(message as IpcEventMessage);
      ipcRenderer.on(IPC_EVENT_CHANNEL, listener);
      return () => void ipcRenderer.removeListener(IPC_EVENT_CHANNEL, listener);
    },
    cancel(callId: string): void {
      if (typeof callId === 'string') ipcRenderer.send(IPC_CANCEL_CHANNEL, callId);
    },
    onProfileChange(callback: (event: ActiveProfileEvent) => void): () => void {
      // Only a well-formed event reaches the page, as a fresh object (nothing of Electron's event).
      const listener = (_event: unknown, message: unknown) => {
        const parsed = ActiveProfileEvent.safeParse(message);
        if (parsed.success) callback(parsed.data);
      };
      ipcRenderer.on(IPC_PROFILE_CHANNEL, listener);
      return () => void ipcRenderer.removeListener(IPC_PROFILE_CHANNEL, listener);
    },
  };
}
