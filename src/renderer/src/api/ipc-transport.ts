import { AppError } from '../../../shared/errors';
import type { MarkketBridge } from '../../../shared/ipc-channels';
import type { Outcome } from '../../../shared/rpc';
import type { Transport } from './transport';

/**
 * Electron IPC through `window.markket`. Each call gets its own callId so its progress events and
 * its cancellation reach the right call and no other.
 */
export function ipcTransport(bridge: MarkketBridge): Transport {
  const prefix = Math.random().toString(36).slice(2, 10);
  let counter = 0;
  return {
    call({ name, input, onEvent, signal }) {
      const callId = `${prefix}-${++counter}`;
      const unsubscribe = onEvent ? bridge.onEvent((message) => message.callId === callId && onEvent(message.event)) : () => undefined;
      return new Promise<unknown>((resolve) => {
        const onAbort = () => {
          bridge.cancel(callId);
          resolve({ ok: false, error: new AppError('cancelled', 'The request was cancelled.').toPayload() } satisfies Outcome);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        bridge
          .invoke(name, input, callId)
          .then(resolve, () =>
            resolve({ ok: false, error: new AppError('internal', 'The console could not be reached from this window.').toPayload() } satisfies Outcome),
          )
          .finally(() => {
            signal?.removeEventListener('abort', onAbort);
            unsubscribe();
          });
      });
    },
  };
}
