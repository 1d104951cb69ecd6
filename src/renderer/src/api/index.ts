import { createApi, type Client } from './client';
import type { AppContract } from '../../../shared/contract';
import { httpTransport } from './http-transport';
import { ipcTransport } from './ipc-transport';
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

export const api: Client<AppContract> = createApi(defaultTransport(window));

export { createApi, createClient, type CallOptions, type Client } from './client';
export { httpTransport, type HttpTransportOptions } from './http-transport';
export { ipcTransport } from './ipc-transport';
export type { Transport, TransportRequest } from './transport';
