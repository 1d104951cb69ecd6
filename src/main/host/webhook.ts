import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError, toErrorPayload } from '../../shared/errors';
import type { ExtensionRunner, RunOutcome } from '../core/extensions';
import { DEFAULT_MAX_AGE_SECONDS, verifiedWebhookEvents, type SendgridEvent } from '../core/sendgrid';
import { formatBytes, sendError, sendJson } from './http-io';
import type { ExtraRoute } from './http';

export const WEBHOOK_PATH = '/webhooks/sendgrid';
/** SendGrid posts batches of up to a few thousand events; far beyond that is not SendGrid. */
export const DEFAULT_WEBHOOK_MAX_BYTES = 5 * 1024 * 1024;

/** What the route reads from the active profile's services, per request. */
export interface WebhookServices {
  webhookPublicKey?: string;
  extensions: { runner: Pick<ExtensionRunner, 'dispatchTrigger'> };
  stores: readonly { id: string }[];
}

export interface SendgridWebhookOptions {
  services: () => WebhookServices;
  maxBodyBytes?: number;
  /** Replay window for the signed timestamp. */
  maxAgeSeconds?: number;
  now?: () => number;
  /** Told about every processed batch (diagnostics, tests). */
  onProcessed?: (outcomes: RunOutcome[]) => void;
}

/**
 * POST /webhooks/sendgrid: verify SendGrid's signature over the raw body, then answer 202 at once
 * and apply the events in the background, one batch after another. SendGrid retries anything that
 * is not a quick 2xx, so slow Odoo writes must not hold the answer; a batch that fails to apply is
 * recorded in the stats extension's meta (its events are not marked applied, so an event-file
 * import can replay them).
 */
export function sendgridWebhookRoute(options: SendgridWebhookOptions): ExtraRoute & { whenIdle(): Promise<void> } {
  const now = options.now ?? (() => Date.now());
  const maxBytes = options.maxBodyBytes ?? DEFAULT_WEBHOOK_MAX_BYTES;
  let queue: Promise<void> = Promise.resolve();

  function apply(services: WebhookServices, events: SendgridEvent[]): void {
    queue = queue.then(async () => {
      const outcomes: RunOutcome[] = [];
      for (const store of services.stores) {
        outcomes.push(...(await services.extensions.runner.dispatchTrigger(store.id, 'trigger:sendgrid_webhook', events).catch(() => [])));
      }
      options.onProcessed?.(outcomes);
    });
  }

  return {
    method: 'POST',
    path: WEBHOOK_PATH,
    maxBodyBytes: maxBytes,
    // The signature authenticates every batch, and a relay forwarding SendGrid keeps its public Host.
    anyHost: true,
    handler(req: IncomingMessage, rawBody: Buffer, res: ServerResponse) {
      try {
        if (rawBody.length > maxBytes) {
          throw new AppError('payload_too_large', `The event batch is larger than the ${formatBytes(maxBytes)} this webhook accepts.`, { limitBytes: maxBytes });
        }
        const services = options.services();
        if (!services.webhookPublicKey) {
          throw new AppError('webhook.not_configured', 'No SendGrid webhook verification key is set for this profile, so events are refused. Add it in Settings.');
        }
        const events = verifiedWebhookEvents({ publicKey: services.webhookPublicKey, rawBody, headers: req.headers, now: now(), maxAgeSeconds: options.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS });
        apply(services, events);
        sendJson(res, 202, { accepted: events.length });
      } catch (error) {
        sendError(res, toErrorPayload(error));
      }
    },
    async whenIdle() {
      let seen: Promise<void> | null = null;
      while (seen !== queue) {
        seen = queue;
        await queue;
      }
    },
  };
}
