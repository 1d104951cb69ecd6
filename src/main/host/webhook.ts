import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError, toErrorPayload } from '../../shared/errors';
import type { WebhookInbox } from '../core/extensions';
import { DEFAULT_MAX_AGE_SECONDS, verifiedWebhookEvents } from '../core/sendgrid';
import { formatBytes, sendError, sendJson } from './http-io';
import type { ExtraRoute } from './http';

export const WEBHOOK_PATH = '/webhooks/sendgrid';
/** SendGrid posts batches of up to a few thousand events; far beyond that is not SendGrid. */
export const DEFAULT_WEBHOOK_MAX_BYTES = 5 * 1024 * 1024;

/** What the route reads from the active profile's services, per request. */
export interface WebhookServices {
  webhookPublicKey?: string;
  webhookInbox: WebhookInbox;
}

export interface SendgridWebhookOptions {
  /** The active profile's services once no profile switch is under way (see ServiceHost.settled). */
  services: () => WebhookServices | Promise<WebhookServices>;
  maxBodyBytes?: number;
  /** Replay window for the signed timestamp. */
  maxAgeSeconds?: number;
  now?: () => number;
}

/**
 * POST /webhooks/sendgrid: verify SendGrid's signature over the raw body, store the batch durably
 * (the profile's webhook spool, fsync'd), then answer 202; the events are applied to Odoo in the
 * background, one batch after another, and a restart picks up what was stored but not applied.
 * SendGrid never resends after a 2xx, so nothing is acknowledged before it is on disk; and it
 * retries anything that is not a quick 2xx, so slow Odoo writes do not hold the answer.
 */
export function sendgridWebhookRoute(options: SendgridWebhookOptions): ExtraRoute & { whenIdle(): Promise<void> } {
  const now = options.now ?? (() => Date.now());
  const maxBytes = options.maxBodyBytes ?? DEFAULT_WEBHOOK_MAX_BYTES;
  const inboxes = new Set<WebhookInbox>();

  return {
    method: 'POST',
    path: WEBHOOK_PATH,
    maxBodyBytes: maxBytes,
    // The signature authenticates every batch, and a relay forwarding SendGrid keeps its public Host.
    anyHost: true,
    async handler(req: IncomingMessage, rawBody: Buffer, res: ServerResponse) {
      try {
        if (rawBody.length > maxBytes) {
          throw new AppError('payload_too_large', `The event batch is larger than the ${formatBytes(maxBytes)} this webhook accepts.`, { limitBytes: maxBytes });
        }
        const services = await options.services();
        if (!services.webhookPublicKey) {
          throw new AppError('webhook.not_configured', 'No SendGrid webhook verification key is set for this profile, so events are refused. Add it in Settings.');
        }
        const events = verifiedWebhookEvents({ publicKey: services.webhookPublicKey, rawBody, headers: req.headers, now: now(), maxAgeSeconds: options.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS });
        inboxes.add(services.webhookInbox);
        await services.webhookInbox.receive(events);
        sendJson(res, 202, { accepted: events.length });
      } catch (error) {
        sendError(res, toErrorPayload(error));
      }
    },
    async whenIdle() {
      for (const inbox of inboxes) await inbox.whenIdle();
    },
  };
}
