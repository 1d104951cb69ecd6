import { createKeyedQueue } from '../local-data/atomic';
import type { SendgridEvent } from '../sendgrid';
import type { EventSpool } from './event-spool';

/** What applying one batch came to: 'retry' leaves it pending (Odoo could not be reached), to be tried again. */
export type BatchResult = 'done' | 'retry';

export interface WebhookInbox {
  /** Stores the batch durably, then starts processing in the background; resolves once it is stored. */
  receive(events: SendgridEvent[]): Promise<void>;
  /** Processes what an earlier run stored but did not finish (call when the services start). */
  resume(): void;
  /** Resolves once nothing is being stored or processed. */
  whenIdle(): Promise<void>;
}

/** Two instances over one spool (the services rebuilt after a settings change) never process it at once. */
const drainQueue = createKeyedQueue();

/**
 * Receipt and processing of SendGrid's signed batches, decoupled by the spool: the webhook answers
 * once a batch is on disk, and batches are applied to Odoo in order, one after another. A batch
 * that could not reach Odoo stays pending, and so do the ones after it, until the next batch or
 * restart tries again: events never overtake each other (an open before its click).
 */
export function createWebhookInbox(deps: { spool: EventSpool; apply(events: SendgridEvent[]): Promise<BatchResult> }): WebhookInbox {
  let running: Promise<void> = Promise.resolve();
  // Batches being appended to the spool: a HIPAA switch converting the folder must wait for them too.
  const storing = new Set<Promise<unknown>>();

  async function drain(): Promise<void> {
    for (const batch of await deps.spool.pending()) {
      if ((await deps.apply(batch.events)) === 'retry') return;
      await deps.spool.markProcessed(batch.id);
    }
  }

  function schedule(): void {
    // Errors are kept in the extension's meta by the runner; a failure here must not stop later drains.
    running = drainQueue(deps.spool.key, drain).catch(() => undefined);
  }

  return {
    async receive(events) {
      const append = deps.spool.append(events);
      storing.add(append);
      try {
        await append;
      } finally {
        storing.delete(append);
      }
      schedule();
    },
    resume: schedule,
    async whenIdle() {
      let seen: Promise<void> | null = null;
      while (seen !== running || storing.size > 0) {
        await Promise.allSettled([...storing]);
        seen = running;
        await running;
      }
    },
  };
}
