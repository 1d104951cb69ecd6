import type { ActiveProfileEvent } from './profile-events';
import type { Outcome } from './rpc';

/**
 * The Electron IPC channels, shared by the main process (ipc.ts) and the preload bridge so that
 * neither side spells a channel name by hand. One channel per operation is derived from its name.
 */
export const IPC_OP_PREFIX = 'markket:op:';
/** Main → renderer: a progress event of a running call. */
export const IPC_EVENT_CHANNEL = 'markket:event';
/** Renderer → main: abort a running call by its callId. */
export const IPC_CANCEL_CHANNEL = 'markket:cancel';
/** Main → renderer: the active profile or its HIPAA mode changed (an ActiveProfileEvent). */
export const IPC_PROFILE_CHANNEL = 'markket:profile';

export function ipcChannelFor(opName: string): string {
  return `${IPC_OP_PREFIX}${opName}`;
}

/** What travels on IPC_EVENT_CHANNEL. */
export interface IpcEventMessage {
  callId: string;
  event: unknown;
}

/**
 * `window.markket`: the only surface the preload exposes. No generic send, no secret channel:
 * a name outside the contract is refused before anything crosses to the main process.
 */
export interface MarkketBridge {
  invoke(name: string, input: unknown, callId?: string): Promise<Outcome>;
  onEvent(callback: (message: IpcEventMessage) => void): () => void;
  cancel(callId: string): void;
  /** Each change of the active profile or its HIPAA mode, checked against ActiveProfileEvent; malformed messages never reach the page. */
  onProfileChange(callback: (event: ActiveProfileEvent) => void): () => void;
}
