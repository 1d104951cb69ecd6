import type { IncomingMessage } from 'node:http';
import type { PeerCall, PeerFaults } from './types';

/**
 * Network faults for client tests: a stall before every answer, a cut before executing
 * (read-retry tests) and a cut after executing (a write that happened but whose answer was lost).
 */
export class FaultInjector implements PeerFaults {
  stallMs = 0;
  private failCount = 0;
  private drops: { model: string; method: string; remaining: number }[] = [];
  private readonly timers = new Map<NodeJS.Timeout, () => void>();

  dropAfter(model: string, method: string, times = 1): void {
    this.drops.push({ model, method, remaining: times });
  }

  failBefore(count: number): void {
    this.failCount = count;
  }

  clear(): void {
    this.stallMs = 0;
    this.failCount = 0;
    this.drops = [];
  }

  /** false when the request was cut before execution. */
  before(req: IncomingMessage): boolean {
    if (this.failCount <= 0) return true;
    this.failCount--;
    req.socket.destroy();
    return false;
  }

  /** false when the answer was dropped after execution. */
  after(req: IncomingMessage, call: PeerCall): boolean {
    const drop = this.drops.find((d) => d.remaining > 0 && d.model === call.model && d.method === call.method);
    if (!drop) return true;
    drop.remaining--;
    req.socket.destroy();
    return false;
  }

  stall(): Promise<void> {
    if (this.stallMs <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, this.stallMs);
      this.timers.set(timer, resolve);
    });
  }

  /** Releases stalled answers so the server can close. */
  releaseAll(): void {
    for (const [timer, resolve] of this.timers) {
      clearTimeout(timer);
      resolve();
    }
    this.timers.clear();
  }
}
