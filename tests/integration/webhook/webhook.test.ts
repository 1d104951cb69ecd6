import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract } from '../../../src/shared/contract';
import { handlers } from '../../../src/main/host/handlers';
import { startHttpHost, type HttpHost } from '../../../src/main/host/http';
import { createServiceHost } from '../../../src/main/host/service-host';
import { createServices, type Services } from '../../../src/main/host/services';
import { sendgridWebhookRoute, WEBHOOK_PATH } from '../../../src/main/host/webhook';
import { generateWebhookKeyPair, signWebhookPayload, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../../src/main/core/sendgrid';
import type { ProfileManager } from '../../../src/main/core/profiles';
import { DEMO_API_KEY, DEMO_DATABASE, DEMO_LOGIN, DEMO_STORE, startOdooPeer, type OdooPeer } from '../../../src/main/sandbox/odoo';

const NOW = new Date('2025-04-01T12:00:00Z');
const NOW_SEC = Math.floor(NOW.getTime() / 1000);

describe('POST /webhooks/sendgrid on the loopback host', () => {
  const keys = generateWebhookKeyPair();
  let peer: OdooPeer;
  let services: Services;
  let host: HttpHost;
  let route: ReturnType<typeof sendgridWebhookRoute>;
  let trace: { id: number; message_id: string; email: string };
  let publicKey: string | undefined = keys.publicKey;

  beforeAll(async () => {
    peer = await startOdooPeer({ seed: 'demo', contactCount: 20, now: () => NOW });
    services = createServices({
      odoo: { url: peer.url, database: DEMO_DATABASE, login: DEMO_LOGIN, apiKey: DEMO_API_KEY },
      profiles: {} as ProfileManager,
      now: () => NOW,
      stores: [{ id: DEMO_STORE.id, name: DEMO_STORE.name }],
      sendgrid: { apiKey: 'SG.unused', webhookPublicKey: keys.publicKey },
    });
    await services.extensions.registry.add(DEMO_STORE.id, { key: 'markket:sendgrid:stats', config: {} });
    route = sendgridWebhookRoute({ services: () => ({ ...services, webhookPublicKey: publicKey }), maxBodyBytes: 64 * 1024, maxAgeSeconds: 300, now: () => NOW.getTime() });
    host = await startHttpHost({ contract, handlers, services: () => services, extraRoutes: [route] });
    const [row] = await services.odoo.searchRead('mailing.trace', [['trace_status', '=', 'sent'], ['message_id', '!=', false]], ['message_id', 'email'], { limit: 1 });
    trace = row as typeof trace;
  });
  afterAll(async () => {
    await host.close();
    await services.odoo.close();
    await peer.close();
  });

  const openEvent = (id: string) => JSON.stringify([{ event: 'open', email: trace.email, timestamp: NOW_SEC - 5, sg_event_id: id, 'smtp-id': trace.message_id }]);
  async function post(body: string, headers: Record<string, string>) {
    return fetch(`${host.url}${WEBHOOK_PATH}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });
  }
  const signed = (body: string, timestamp = NOW_SEC, privateKeyPem = keys.privateKeyPem) => ({
    [SIGNATURE_HEADER]: signWebhookPayload(privateKeyPem, timestamp, body),
    [TIMESTAMP_HEADER]: String(timestamp),
  });

  it('accepts a signed batch with 202 and applies it to Odoo', async () => {
    const body = openEvent('wh_ok_1');
    const response = await post(body, signed(body));
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ accepted: 1 });
    await route.whenIdle();
    const [after] = await services.odoo.read('mailing.trace', [trace.id], ['trace_status']);
    expect(after).toMatchObject({ trace_status: 'open' });
  });

  it('accepts a signed batch forwarded by a relay that keeps the public Host header, and still refuses it unsigned', async () => {
    const viaRelay = (body: string, headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port: host.port, path: WEBHOOK_PATH, method: 'POST', headers: { 'Content-Type': 'application/json', Host: 'hooks.example-relay.net', ...headers } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end(body);
      });
    const body = openEvent('evt-relay-1');
    expect(await viaRelay(body, signed(body))).toBe(202);
    expect(await viaRelay(body, {})).toBe(401);
  });

  it('refuses a body signed by another key with 401', async () => {
    const body = openEvent('wh_bad');
    const response = await post(body, signed(body, NOW_SEC, generateWebhookKeyPair().privateKeyPem));
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('webhook.bad_signature');
  });

  it('refuses a body changed after signing with 401', async () => {
    const body = openEvent('wh_changed');
    const response = await post(body.replace('open', 'click'), signed(body));
    expect(response.status).toBe(401);
  });

  it('refuses a request without a signature with 401', async () => {
    const response = await post(openEvent('wh_missing'), {});
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('webhook.bad_signature');
  });

  it('refuses a correctly signed but stale request with 401', async () => {
    const body = openEvent('wh_stale');
    const response = await post(body, signed(body, NOW_SEC - 301));
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('webhook.stale');
  });

  it('refuses an oversize body with 413', async () => {
    const body = JSON.stringify([{ event: 'open', padding: 'x'.repeat(70 * 1024) }]);
    const response = await post(body, signed(body));
    expect(response.status).toBe(413);
  });

  it('answers 503 when the profile has no verification key', async () => {
    publicKey = undefined;
    try {
      const body = openEvent('wh_nokey');
      const response = await post(body, signed(body));
      expect(response.status).toBe(503);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('webhook.not_configured');
    } finally {
      publicKey = keys.publicKey;
    }
  });

  it('holds a batch that arrives during a profile switch until the new services are in place, and gives it to them', async () => {
    const received: string[] = [];
    const build = (name: string): Services => {
      const built = createServices({
        odoo: { url: peer.url, database: DEMO_DATABASE, login: DEMO_LOGIN, apiKey: DEMO_API_KEY },
        profiles: {} as ProfileManager, now: () => NOW, stores: [{ id: DEMO_STORE.id, name: DEMO_STORE.name }],
        sendgrid: { apiKey: 'SG.unused', webhookPublicKey: keys.publicKey },
      });
      const { webhookInbox } = built;
      return { ...built, webhookInbox: { ...webhookInbox, receive: async (events) => (received.push(name), webhookInbox.receive(events)) } };
    };
    const serviceHost = createServiceHost(build('before the switch'));
    let batchArrived: () => void = () => undefined;
    const arrived = new Promise<void>((resolve) => (batchArrived = resolve));
    const switchingRoute = sendgridWebhookRoute({
      services: async () => {
        batchArrived();
        return { ...(await serviceHost.settled()), webhookPublicKey: keys.publicKey };
      },
      now: () => NOW.getTime(),
    });
    const switchingHost = await startHttpHost({ contract, handlers, services: () => serviceHost.current(), extraRoutes: [switchingRoute] });
    try {
      const order: string[] = [];
      let finishBuilding: () => void = () => undefined;
      const building = new Promise<void>((resolve) => (finishBuilding = resolve));
      const switched = serviceHost.switchTo(async () => {
        await building;
        order.push('switched');
        return build('after the switch');
      });
      const body = openEvent('wh_during_switch');
      const answered = fetch(`${switchingHost.url}${WEBHOOK_PATH}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...signed(body) }, body })
        .then((response) => (order.push('answered'), response.status));
      // The batch has reached the webhook while the switch is still building the next services.
      await arrived;
      finishBuilding();
      await switched;
      expect(await answered).toBe(202);
      expect([order, received]).toEqual([['switched', 'answered'], ['after the switch']]);
    } finally {
      await switchingHost.close();
      await switchingRoute.whenIdle();
      await serviceHost.close();
    }
  });
});
