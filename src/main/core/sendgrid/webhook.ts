import { createSign, generateKeyPairSync } from 'node:crypto';
import { EventWebhook } from '@sendgrid/eventwebhook';
import { AppError } from '../../../shared/errors';
import { parseEventBatch, type SendgridEvent } from './events';

/** Header names SendGrid signs with (@sendgrid/eventwebhook EventWebhookHeader). */
export const SIGNATURE_HEADER = 'X-Twilio-Email-Event-Webhook-Signature';
export const TIMESTAMP_HEADER = 'X-Twilio-Email-Event-Webhook-Timestamp';
/** Default replay window: SendGrid retries for up to 24 h, but a signed request is sent at once. */
export const DEFAULT_MAX_AGE_SECONDS = 5 * 60;

export interface VerifyWebhookInput {
  /** The verification key as SendGrid shows it (base64 DER, with or without PEM armour). */
  publicKey: string;
  /** The body exactly as received: re-serialised JSON would not match the signature. */
  rawBody: Buffer | string;
  signature: string | undefined | null;
  timestamp: string | undefined | null;
  /** Current time in milliseconds. */
  now: number;
  maxAgeSeconds?: number;
}

/**
 * Throws webhook.bad_signature (missing or wrong signature) or webhook.stale (timestamp outside the
 * replay window, past or future); returns quietly when the request is SendGrid's and fresh.
 */
export function verifyWebhook(input: VerifyWebhookInput): void {
  const signature = input.signature?.trim();
  const timestamp = input.timestamp?.trim();
  if (!signature || !timestamp) {
    throw new AppError('webhook.bad_signature', 'The request carries no SendGrid signature, so it was ignored.', {
      missing: !signature ? SIGNATURE_HEADER : TIMESTAMP_HEADER,
    });
  }
  if (!/^\d{1,12}$/.test(timestamp)) {
    throw new AppError('webhook.bad_signature', 'The SendGrid signature timestamp is not a number of seconds.', {});
  }
  const ew = new EventWebhook();
  let valid = false;
  try {
    valid = ew.verifySignature(ew.convertPublicKeyToECDSA(input.publicKey), input.rawBody, signature, timestamp);
  } catch {
    // starkbank-ecdsa throws on a malformed signature or key instead of answering false.
    valid = false;
  }
  if (!valid) {
    throw new AppError(
      'webhook.bad_signature',
      'The SendGrid signature does not match. Check that the verification key in Settings is the one SendGrid shows for this webhook.',
      {},
    );
  }
  // Checked after the signature so an attacker learns nothing about the window from unsigned probes.
  const maxAge = input.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS;
  const ageSeconds = Math.floor(input.now / 1000) - Number(timestamp);
  if (Math.abs(ageSeconds) > maxAge) {
    throw new AppError('webhook.stale', 'The SendGrid event request is too old or dated in the future, so it was ignored as a possible replay.', {
      age_seconds: ageSeconds,
      max_age_seconds: maxAge,
    });
  }
}

/** Signs like SendGrid does: ECDSA P-256 / SHA-256 over timestamp + raw body, base64 DER signature. */
export function signWebhookPayload(privateKeyPem: string, timestamp: string | number, rawBody: Buffer | string): string {
  const signer = createSign('sha256');
  signer.update(String(timestamp));
  signer.update(rawBody);
  return signer.sign(privateKeyPem).toString('base64');
}

/** A P-256 key pair: the public key as SendGrid displays it (base64 DER SPKI), the private key as PKCS#8 PEM. */
export function generateWebhookKeyPair(): { publicKey: string; privateKeyPem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return {
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

/**
 * What the loopback host's POST /webhooks/sendgrid needs in one call: finds SendGrid's headers
 * (any case, as Node lower-cases them), verifies signature and age, then parses the batch.
 */
export function verifiedWebhookEvents(input: {
  publicKey: string;
  rawBody: Buffer | string;
  headers: Record<string, string | string[] | undefined>;
  now: number;
  maxAgeSeconds?: number;
}): SendgridEvent[] {
  const header = (name: string): string | undefined => {
    const key = Object.keys(input.headers).find((k) => k.toLowerCase() === name.toLowerCase());
    const value = key === undefined ? undefined : input.headers[key];
    return Array.isArray(value) ? value[0] : value;
  };
  verifyWebhook({
    publicKey: input.publicKey,
    rawBody: input.rawBody,
    signature: header(SIGNATURE_HEADER),
    timestamp: header(TIMESTAMP_HEADER),
    now: input.now,
    ...(input.maxAgeSeconds === undefined ? {} : { maxAgeSeconds: input.maxAgeSeconds }),
  });
  return parseEventBatch(input.rawBody);
}
