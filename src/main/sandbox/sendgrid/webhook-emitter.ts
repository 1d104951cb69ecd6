import { signWebhookPayload, SIGNATURE_HEADER, TIMESTAMP_HEADER, type SendgridEvent } from '../../core/sendgrid';

/** One POST the peer made to the webhook target, for tests and the demo's diagnostics. */
export interface WebhookDelivery {
  url: string;
  events: number;
  status: number | null;
  error: string | null;
}

export interface WebhookTarget {
  url: string;
  privateKeyPem: string;
  publicKey: string;
}

// SendGrid posts batches of events rather than one request per event.
const MAX_EVENTS_PER_POST = 1000;

/**
 * Posts signed event batches to the configured target, one request after another (a queue, so the
 * order of posts is the order of events). `flush` resolves once everything queued has been posted.
 */
export function createWebhookEmitter(nowSec: () => number) {
  let target: WebhookTarget | null = null;
  let queue: Promise<void> = Promise.resolve();
  const deliveries: WebhookDelivery[] = [];

  async function postBatch(to: WebhookTarget, batch: SendgridEvent[]): Promise<void> {
    const rawBody = JSON.stringify(batch);
    const timestamp = String(nowSec());
    try {
      const response = await fetch(to.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'SendGrid Event API',
          [SIGNATURE_HEADER]: signWebhookPayload(to.privateKeyPem, timestamp, rawBody),
          [TIMESTAMP_HEADER]: timestamp,
        },
        body: rawBody,
        signal: AbortSignal.timeout(10_000),
      });
      await response.arrayBuffer();
      deliveries.push({ url: to.url, events: batch.length, status: response.status, error: null });
    } catch (error) {
      deliveries.push({ url: to.url, events: batch.length, status: null, error: error instanceof Error ? error.message : String(error) });
    }
  }

  return {
    deliveries,
    get target(): WebhookTarget | null {
      return target;
    },
    setTarget(next: WebhookTarget | null): void {
      target = next;
    },
    /** Queues the events for posting; a no-op without a target (SendGrid only posts when a URL is set). */
    post(events: SendgridEvent[]): void {
      const to = target;
      if (!to || events.length === 0) return;
      for (let i = 0; i < events.length; i += MAX_EVENTS_PER_POST) {
        const batch = events.slice(i, i + MAX_EVENTS_PER_POST);
        queue = queue.then(() => postBatch(to, batch));
      }
    },
    async flush(): Promise<void> {
      let seen: Promise<void> | null = null;
      // Posting may queue more work; wait until the queue stops moving.
      while (seen !== queue) {
        seen = queue;
        await queue;
      }
    },
  };
}

export type WebhookEmitter = ReturnType<typeof createWebhookEmitter>;
