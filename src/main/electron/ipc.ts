import type { WebFrameMain } from 'electron';
import { toErrorPayload } from '../../shared/errors';
import { IPC_CANCEL_CHANNEL, IPC_EVENT_CHANNEL, ipcChannelFor, type IpcEventMessage } from '../../shared/ipc-channels';
import { dispatch, type CallContext, type Contract, type Handlers, type Outcome } from '../../shared/rpc';

/**
 * The slice of Electron's ipcMain this transport uses, typed structurally so tests can pass a fake
 * and this file imports only types from 'electron' (no Electron binary exists outside the app).
 */
export interface IpcSender {
  readonly id: number;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}
export interface IpcEventLike<F> {
  readonly sender: IpcSender;
  readonly senderFrame: F | null;
}
export interface IpcMainLike<F> {
  handle(channel: string, listener: (event: IpcEventLike<F>, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
  on(channel: string, listener: (event: IpcEventLike<F>, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: IpcEventLike<F>, ...args: unknown[]) => void): unknown;
}

export interface RegisterIpcOptions<C extends Contract, S, F = WebFrameMain> {
  ipcMain: IpcMainLike<F>;
  contract: C;
  handlers: Handlers<C, S>;
  services: () => S;
  /** The app's own origin and its main frame only; checked before the input is even looked at. */
  isTrustedSender(frame: F | null): boolean;
}

const refused: Outcome = { ok: false, error: { code: 'forbidden', message: 'This window may not call the console.' } };

function isCallId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= 128;
}

/**
 * Serves every operation of the contract over Electron IPC, one channel per operation derived from
 * its name. Results cross as Outcomes because ipcMain.handle strips a thrown error to its message.
 * Returns a function that unregisters everything (window reload, tests).
 */
export function registerIpc<C extends Contract, S, F = WebFrameMain>(options: RegisterIpcOptions<C, S, F>): () => void {
  const { ipcMain, contract, handlers } = options;
  // Running calls by sender and callId, so a window can only cancel its own calls.
  const running = new Map<string, AbortController>();
  const keyOf = (sender: IpcSender, callId: string) => `${sender.id}:${callId}`;

  const channels = Object.keys(contract).map((name) => {
    const channel = ipcChannelFor(name);
    ipcMain.handle(channel, async (event, rawInput, rawCallId): Promise<Outcome> => {
      if (!options.isTrustedSender(event.senderFrame)) return refused;
      const callId = isCallId(rawCallId) ? rawCallId : null;
      const controller = new AbortController();
      const key = callId ? keyOf(event.sender, callId) : null;
      if (key) running.set(key, controller);
      const ctx: CallContext = {
        emit: (progress) => {
          if (!callId || event.sender.isDestroyed()) return;
          const message: IpcEventMessage = { callId, event: progress };
          event.sender.send(IPC_EVENT_CHANNEL, message);
        },
        signal: controller.signal,
      };
      try {
        return await dispatch(contract, handlers, options.services(), name, rawInput, ctx);
      } catch (error) {
        return { ok: false, error: toErrorPayload(error) };
      } finally {
        if (key) running.delete(key);
      }
    });
    return channel;
  });

  const onCancel = (event: IpcEventLike<F>, rawCallId: unknown) => {
    if (!options.isTrustedSender(event.senderFrame) || !isCallId(rawCallId)) return;
    running.get(keyOf(event.sender, rawCallId))?.abort();
  };
  ipcMain.on(IPC_CANCEL_CHANNEL, onCancel);

  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
    ipcMain.removeListener(IPC_CANCEL_CHANNEL, onCancel);
    for (const controller of running.values()) controller.abort();
    running.clear();
  };
}
