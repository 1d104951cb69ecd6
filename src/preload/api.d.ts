import type { MarkketBridge } from '../shared/ipc-channels';

declare global {
  interface Window {
    /** Present inside the Electron app (exposed by the preload); absent in a plain browser. */
    markket?: MarkketBridge;
  }
}

export {};
