import { afterEach, describe, expect, it } from 'vitest';
import {
  generateWebhookKeyPair,
  parseEventBatch,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  verifyWebhook,
  type SendgridEvent,
} from '../../../src/main/core/sendgrid';
import type { SendgridPeer } from '../../../src/main/sandbox/sendgrid';
import { NOW, peerAndClient, startWebhookReceiver } from './helpers';

let peer: SendgridPeer | undefined;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>> | undefined;
afterEach(async () => {
  await peer?.close();
  await receiver?.close();
  peer = undefined;
  receiver = undefined;
});

const keys = generateWebhookKeyPair();
const LINKS = '<a href="https://shop.example/new">New</a> <a href="https://shop.example/sale">Sale</a>';

async function campaignTo(count: number, options: Parameters<typeof peerAndClient>[0] = {}) {
  const setup = await peerAndClient({ seed: 'empty', ...options });
  peer = setup.peer;
  receiver = await startWebhookReceiver();
  peer.webhook.setTarget(receiver.url, keys.privateKeyPem, keys.publicKey);
  for (let i = 0; i < count; i++) {
    await setup.client.sendMail({
      to: [{ email: `subscriber${i}@example.com` }],
      from: { email: 'shop@juniperandpine.example' },
      subject: 'Spring',
      html: LINKS,
      headers: { 'Message-ID': `<trace-${i}.1743508800@odoo-host>` },
      categories: ['camp_8f2k'],
      customArgs: { campaign_id: 'camp_8f2k' },
    });
  }
  await peer.flushEvents();
  return receiver.posts.flatMap((p) => parseEventBatch(p.rawBody));
}

describe('the peer’s signed Event Webhook', () => {
  it('posts batches that verify with the configured public key', async () => {
    await campaignTo(3);
    expect(receiver!.posts.length).toBeGreaterThan(0);
    for (const post of receiver!.posts) {
      expect(() =>
        verifyWebhook({
          publicKey: keys.publicKey,
          rawBody: post.rawBody,
          signature: String(post.headers[SIGNATURE_HEADER.toLowerCase()]),
          timestamp: String(post.headers[TIMESTAMP_HEADER.toLowerCase()]),
          now: NOW.getTime(),
        }),
      ).not.toThrow();
    }
  });

  it('sets smtp-id to the Message-ID header of each mail and keeps categories and custom_args', async () => {
    const events = await campaignTo(2);
    const first = events.filter((e) => e.email === 'subscriber0@example.com');
    expect(first.length).toBeGreaterThan(1);
    expect(new Set(first.map((e) => e['smtp-id']))).toEqual(new Set(['<trace-0.1743508800@odoo-host>']));
    expect(first.every((e) => e.category === 'camp_8f2k' && (e as Record<string, unknown>)['campaign_id'] === 'camp_8f2k')).toBe(true);
    expect(first.every((e) => e.sg_message_id?.startsWith(`${peer!.mail[0]!.xMessageId}.`))).toBe(true);
  });

  it('tells a realistic story over a campaign: mostly delivered, some bounces, opens, machine opens and clicks on the mail’s links', async () => {
    const events = await campaignTo(200);
    const count = (pred: (e: SendgridEvent) => boolean) => events.filter(pred).length;
    expect(count((e) => e.event === 'processed')).toBe(200);
    expect(count((e) => e.event === 'delivered')).toBeGreaterThan(170);
    expect(count((e) => e.event === 'bounce')).toBeGreaterThan(0);
    expect(count((e) => e.event === 'open' && e.sg_machine_open)).toBeGreaterThan(0);
    expect(count((e) => e.event === 'open' && !e.sg_machine_open)).toBeGreaterThan(40);
    const clicks = events.filter((e) => e.event === 'click');
    expect(clicks.length).toBeGreaterThan(0);
    expect(clicks.every((e) => e.event === 'click' && ['https://shop.example/new', 'https://shop.example/sale'].includes(e.url))).toBe(true);
    expect(new Set(events.map((e) => e.sg_event_id)).size).toBe(events.length);
  });

  it('produces the same events for the same seed', async () => {
    const first = await campaignTo(20, { randomSeed: 99 });
    await peer!.close();
    await receiver!.close();
    const second = await campaignTo(20, { randomSeed: 99 });
    expect(second).toEqual(first);
  });

  it('drops mail to a suppressed address instead of delivering it', async () => {
    const setup = await peerAndClient({ seed: 'empty' });
    peer = setup.peer;
    peer.suppressions.add('bounces', 'gone@example.com', '550 5.1.1 no such user');
    await setup.client.sendMail({ to: [{ email: 'gone@example.com' }], from: { email: 'shop@juniperandpine.example' }, subject: 'Hi', html: 'x' });
    expect(peer.events.map((e) => e.event)).toEqual(['processed', 'dropped']);
    expect(peer.events[1]).toMatchObject({ reason: 'Bounced Address' });
  });

  it('adds a hard bounce to the bounces list, as SendGrid does', async () => {
    const setup = await peerAndClient({ seed: 'empty', autoEvents: false });
    peer = setup.peer;
    await setup.client.sendMail({ to: [{ email: 'typo@example.com' }], from: { email: 'shop@juniperandpine.example' }, subject: 'Hi', html: 'x' });
    peer.webhook.emitFor(peer.mail[0]!, 'bounce');
    expect((await setup.client.suppressions('bounces')).map((s) => s.email)).toEqual(['typo@example.com']);
  });

  it('emits exactly the requested outcome for a sent mail', async () => {
    await campaignTo(1, { autoEvents: false });
    expect(receiver!.posts).toEqual([]);
    peer!.webhook.emitFor(peer!.mail[0]!, 'machine_open');
    peer!.webhook.emitFor(peer!.mail[0]!, 'click', { url: 'https://shop.example/sale' });
    await peer!.flushEvents();
    const events = receiver!.posts.flatMap((p) => parseEventBatch(p.rawBody));
    expect(events).toMatchObject([
      { event: 'open', sg_machine_open: true, email: 'subscriber0@example.com' },
      { event: 'click', url: 'https://shop.example/sale', email: 'subscriber0@example.com' },
    ]);
  });

  it('posts a replayed batch again unchanged, as SendGrid does when it retries', async () => {
    const events = await campaignTo(1);
    const before = receiver!.posts.length;
    peer!.webhook.replay(events);
    await peer!.flushEvents();
    expect(receiver!.posts.length).toBe(before + 1);
    expect(parseEventBatch(receiver!.posts[before]!.rawBody)).toEqual(events);
  });

  it('posts nothing for a sandbox send', async () => {
    const setup = await peerAndClient({ seed: 'empty' });
    peer = setup.peer;
    receiver = await startWebhookReceiver();
    peer.webhook.setTarget(receiver.url, keys.privateKeyPem, keys.publicKey);
    await setup.client.sendMail({ to: [{ email: 'ana@example.com' }], from: { email: 'shop@juniperandpine.example' }, subject: 'Hi', html: 'x', sandbox: true });
    await peer.flushEvents();
    expect(receiver.posts).toEqual([]);
  });
});
