import { afterEach, describe, expect, it } from 'vitest';
import { createSendgrid } from '../../../src/main/core/sendgrid';
import { SENDGRID_DEMO_API_KEY, startSendgridPeer, type SendgridPeer } from '../../../src/main/sandbox/sendgrid';
import { NOW, NOW_SEC, peerAndClient, rejectionOf } from './helpers';

let peer: SendgridPeer | undefined;
afterEach(async () => {
  await peer?.close();
  peer = undefined;
});

describe('SendGrid keys, rate limits and hosts', () => {
  it('lists the scopes of a valid key', async () => {
    const setup = await peerAndClient();
    peer = setup.peer;
    expect((await setup.client.checkKey()).scopes).toContain('mail.send');
  });

  it('answers 401 with SendGrid’s body for an unknown key', async () => {
    peer = await startSendgridPeer({ now: () => NOW });
    const response = await fetch(`${peer.url}/v3/scopes`, { headers: { Authorization: 'Bearer SG.wrong' } });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ errors: [{ field: null, message: 'authorization required' }] });
  });

  it('maps a bad key to sendgrid.unauthorized without the key anywhere in the error', async () => {
    peer = await startSendgridPeer({ now: () => NOW });
    const secret = 'SG.this-key-must-never-be-shown.0123456789';
    const error = await rejectionOf(createSendgrid({ apiKey: secret, baseUrl: peer.url }).checkKey());
    expect(error.code).toBe('sendgrid.unauthorized');
    expect(JSON.stringify(error)).not.toContain('must-never-be-shown');
    expect(String((error as unknown as Error).stack)).not.toContain('must-never-be-shown');
  });

  it('answers 403 when a restricted key lacks the scope', async () => {
    peer = await startSendgridPeer({ now: () => NOW, keyScopes: { 'SG.stats-only': ['stats.read'] } });
    const error = await rejectionOf(createSendgrid({ apiKey: 'SG.stats-only', baseUrl: peer.url }).listTemplates());
    expect(error.code).toBe('sendgrid.forbidden');
    expect(error.details?.['errors']).toEqual([{ field: null, message: 'access forbidden' }]);
  });

  it('waits for X-RateLimit-Reset after a 429 and then succeeds', async () => {
    const setup = await peerAndClient();
    peer = setup.peer;
    peer.rateLimit(2, NOW_SEC + 3);
    const templates = await setup.client.listTemplates();
    expect(templates).toHaveLength(4);
    expect(setup.sleeps).toEqual([3000, 3000]);
  });

  it('sends the rate-limit headers with a 429', async () => {
    peer = await startSendgridPeer({ now: () => NOW });
    peer.rateLimit(1, NOW_SEC + 10);
    const response = await fetch(`${peer.url}/v3/scopes`, { headers: { Authorization: `Bearer ${SENDGRID_DEMO_API_KEY}` } });
    expect(response.status).toBe(429);
    expect(response.headers.get('x-ratelimit-reset')).toBe(String(NOW_SEC + 10));
    expect(response.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(response.headers.get('x-ratelimit-limit')).toBe('600');
    expect(await response.json()).toEqual({ errors: [{ field: null, message: 'too many requests' }] });
  });

  it('gives up with sendgrid.rate_limited when the reset is further away than allowed', async () => {
    const setup = await peerAndClient({}, { maxRateLimitWaitMs: 5_000 });
    peer = setup.peer;
    peer.rateLimit(1, NOW_SEC + 60);
    const error = await rejectionOf(setup.client.checkKey());
    expect(error.code).toBe('sendgrid.rate_limited');
    expect(setup.sleeps).toEqual([]);
  });

  it('gives up with sendgrid.rate_limited after the last attempt', async () => {
    const setup = await peerAndClient({}, { maxAttempts: 3 });
    peer = setup.peer;
    peer.rateLimit(5, NOW_SEC + 1);
    const error = await rejectionOf(setup.client.checkKey());
    expect(error.code).toBe('sendgrid.rate_limited');
    expect(setup.sleeps).toEqual([1000, 1000]);
  });

  it('uses SendGrid’s EU host for the EU region', () => {
    expect(createSendgrid({ apiKey: 'SG.x', region: 'eu' }).baseUrl).toBe('https://api.eu.sendgrid.com/');
    expect(createSendgrid({ apiKey: 'SG.x' }).baseUrl).toBe('https://api.sendgrid.com/');
  });

  it('lets a configured base URL win over the EU region, so the peer can stand in for SendGrid EU', async () => {
    peer = await startSendgridPeer({ now: () => NOW });
    const client = createSendgrid({ apiKey: SENDGRID_DEMO_API_KEY, region: 'eu', baseUrl: peer.url });
    expect(client.baseUrl).toBe(`${peer.url}/`);
    expect((await client.checkKey()).scopes.length).toBeGreaterThan(0);
  });

  it('maps a closed port to sendgrid.unreachable', async () => {
    const closed = await startSendgridPeer({ now: () => NOW });
    await closed.close();
    const error = await rejectionOf(createSendgrid({ apiKey: SENDGRID_DEMO_API_KEY, baseUrl: closed.url }).checkKey());
    expect(error.code).toBe('sendgrid.unreachable');
    expect(error.details).toMatchObject({ cause: 'ECONNREFUSED' });
  });

  it('answers 404 and 405 with SendGrid’s bodies', async () => {
    peer = await startSendgridPeer({ now: () => NOW });
    const auth = { Authorization: `Bearer ${SENDGRID_DEMO_API_KEY}` };
    const missing = await fetch(`${peer.url}/v3/nothing-here`, { headers: auth });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ errors: [{ field: null, message: 'not found' }] });
    const wrongMethod = await fetch(`${peer.url}/v3/mail/send`, { headers: auth });
    expect(wrongMethod.status).toBe(405);
    expect(await wrongMethod.json()).toEqual({ errors: [{ field: null, message: 'method not allowed' }] });
  });
});
