import { createApi, type Client } from './client';
import type { AppContract } from '../../../shared/contract';
import { httpTransport } from './http-transport';
import { ipcTransport } from './ipc-transport';
import { httpProfileChanges, ipcProfileChanges, type ProfileChanges } from './profile-changes';
import { takeApiToken } from './token';
import type { Transport } from './transport';

/**
 * Inside Electron the preload provides `window.markket`; in a plain browser (npm run serve) the page
 * talks to the host that served it, with the token it was opened with.
 */
export function defaultTransport(win: Window): Transport {
  if (win.markket) return ipcTransport(win.markket);
  const token = takeApiToken({ location: win.location, history: win.history, storage: win.sessionStorage });
  return httpTransport({ baseUrl: win.location.origin, token: token ?? '' });
}

/** Where the page hears that the active profile or its HIPAA mode changed: pushed, never polled. */
export function defaultProfileChanges(win: Window): ProfileChanges {
  if (win.markket) return ipcProfileChanges(win.markket);
  // takeApiToken has already moved the token from the address into the tab's storage.
  const token = takeApiToken({ location: win.location, history: win.history, storage: win.sessionStorage });
  return httpProfileChanges({ baseUrl: win.location.origin, token: token ?? '', openEventSource: (url) => new EventSource(url) });
}

export const api: Client<AppContract> = createApi(defaultTransport(window));
export const profileChanges: ProfileChanges = defaultProfileChanges(window);

export { createApi, createClient, type CallOptions, type Client } from './client';
export { httpTransport, type HttpTransportOptions } from './http-transport';
export { ipcTransport } from './ipc-transport';
export { httpProfileChanges, ipcProfileChanges, type ProfileChanges } from './profile-changes';
export type { Transport, TransportRequest } from './transport';
