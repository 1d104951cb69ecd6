import { describe, expect, it } from 'vitest';
import { generateWebhookKeyPair, signWebhookPayload, verifiedWebhookEvents, verifyWebhook } from '../../../src/main/core/sendgrid';
import { AppError } from '../../../src/shared/errors';

const keys = generateWebhookKeyPair();
const NOW_MS = Date.parse('2025-04-01T12:00:00Z');
const nowSec = String(NOW_MS / 1000);
const rawBody = JSON.stringify([{ email: 'ana@example.com', event: 'delivered', timestamp: NOW_MS / 1000, sg_event_id: 'abc' }]);

function rejection(fn: () => void): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected the webhook to be rejected');
}

describe('signed Event Webhook verification', () => {
  it('accepts a body signed with the private key of the configured public key', () => {
    const signature = signWebhookPayload(keys.privateKeyPem, nowSec, rawBody);
    expect(() => verifyWebhook({ publicKey: keys.publicKey, rawBody: Buffer.from(rawBody), signature, timestamp: nowSec, now: NOW_MS })).not.toThrow();
  });

  it('accepts the public key with PEM armour as well as the bare base64 SendGrid shows', () => {
    const pem = `-----BEGIN PUBLIC KEY-----\n${keys.publicKey.match(/.{1,64}/g)!.join('\n')}\n-----END PUBLIC KEY-----\n`;
    const signature = signWebhookPayload(keys.privateKeyPem, nowSec, rawBody);
    expect(() => verifyWebhook({ publicKey: pem, rawBody, signature, timestamp: nowSec, now: NOW_MS })).not.toThrow();
  });

  it('rejects a body changed after signing', () => {
    const signature = signWebhookPayload(keys.privateKeyPem, nowSec, rawBody);
    const error = rejection(() => verifyWebhook({ publicKey: keys.publicKey, rawBody: rawBody.replace('delivered', 'bounce'), signature, timestamp: nowSec, now: NOW_MS }));
    expect(error.code).toBe('webhook.bad_signature');
  });

  it('rejects a signature made with another key', () => {
    const other = generateWebhookKeyPair();
    const signature = signWebhookPayload(other.privateKeyPem, nowSec, rawBody);
    expect(rejection(() => verifyWebhook({ publicKey: keys.publicKey, rawBody, signature, timestamp: nowSec, now: NOW_MS })).code).toBe('webhook.bad_signature');
  });

  it('rejects a signature that is not base64 DER at all', () => {
    expect(rejection(() => verifyWebhook({ publicKey: keys.publicKey, rawBody, signature: 'not-a-signature', timestamp: nowSec, now: NOW_MS })).code).toBe('webhook.bad_signature');
  });

  it('rejects a request without a signature header', () => {
    const error = rejection(() => verifyWebhook({ publicKey: keys.publicKey, rawBody, signature: undefined, timestamp: nowSec, now: NOW_MS }));
    expect(error.code).toBe('webhook.bad_signature');
    expect(error.details).toMatchObject({ missing: 'X-Twilio-Email-Event-Webhook-Signature' });
  });

  it('rejects a validly signed request older than the replay window', () => {
    const old = String(NOW_MS / 1000 - 301);
    const signature = signWebhookPayload(keys.privateKeyPem, old, rawBody);
    const error = rejection(() => verifyWebhook({ publicKey: keys.publicKey, rawBody, signature, timestamp: old, now: NOW_MS, maxAgeSeconds: 300 }));
    expect(error.code).toBe('webhook.stale');
  });

  it('rejects a validly signed request dated in the future beyond the window', () => {
    const future = String(NOW_MS / 1000 + 301);
    const signature = signWebhookPayload(keys.privateKeyPem, future, rawBody);
    expect(rejection(() => verifyWebhook({ publicKey: keys.publicKey, rawBody, signature, timestamp: future, now: NOW_MS, maxAgeSeconds: 300 })).code).toBe('webhook.stale');
  });

  it('accepts a request at the edge of the replay window', () => {
    const edge = String(NOW_MS / 1000 - 300);
    const signature = signWebhookPayload(keys.privateKeyPem, edge, rawBody);
    expect(() => verifyWebhook({ publicKey: keys.publicKey, rawBody, signature, timestamp: edge, now: NOW_MS, maxAgeSeconds: 300 })).not.toThrow();
  });

  it('rejects a signature that was made for a different timestamp', () => {
    const signature = signWebhookPayload(keys.privateKeyPem, nowSec, rawBody);
    const shifted = String(NOW_MS / 1000 - 1);
    expect(rejection(() => verifyWebhook({ publicKey: keys.publicKey, rawBody, signature, timestamp: shifted, now: NOW_MS })).code).toBe('webhook.bad_signature');
  });
});

describe('verifiedWebhookEvents', () => {
  it('verifies with lower-cased Node headers and returns the parsed events', () => {
    const signature = signWebhookPayload(keys.privateKeyPem, nowSec, rawBody);
    const events = verifiedWebhookEvents({
      publicKey: keys.publicKey,
      rawBody: Buffer.from(rawBody),
      headers: { 'x-twilio-email-event-webhook-signature': signature, 'x-twilio-email-event-webhook-timestamp': nowSec },
      now: NOW_MS,
    });
    expect(events).toMatchObject([{ event: 'delivered', email: 'ana@example.com' }]);
  });

  it('parses nothing when the signature is missing', () => {
    expect(rejection(() => verifiedWebhookEvents({ publicKey: keys.publicKey, rawBody: 'not even json', headers: {}, now: NOW_MS })).code).toBe('webhook.bad_signature');
  });
});
