import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSendgrid, type SendgridSettings } from '../../../src/main/core/sendgrid';
import { SENDGRID_DEMO_API_KEY, startSendgridPeer, type SendgridPeer, type SendgridPeerOptions } from '../../../src/main/sandbox/sendgrid';

export const NOW = new Date('2025-04-01T12:00:00Z');
export const NOW_SEC = Math.floor(NOW.getTime() / 1000);

export async function peerAndClient(options: SendgridPeerOptions = {}, settings: Partial<SendgridSettings> = {}) {
  const peer = await startSendgridPeer({ now: () => NOW, randomSeed: 7, ...options });
  const sleeps: number[] = [];
  const client = createSendgrid(
    { apiKey: SENDGRID_DEMO_API_KEY, baseUrl: peer.url, ...settings },
    { now: () => NOW.getTime(), sleep: async (ms) => void sleeps.push(ms) },
  );
  return { peer, client, sleeps };
}

export async function closeAll(peer: SendgridPeer): Promise<void> {
  await peer.close();
}

export interface ReceivedPost {
  headers: IncomingMessage['headers'];
  rawBody: Buffer;
}

/** A stand-in for the console's webhook endpoint: records every POST as received, byte for byte. */
export async function startWebhookReceiver(status = 200) {
  const posts: ReceivedPost[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      posts.push({ headers: req.headers, rawBody: Buffer.concat(chunks) });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/sendgrid`,
    posts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function rejectionOf(promise: Promise<unknown>): Promise<{ code: string; message: string; details?: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string; details?: Record<string, unknown> };
  }
  throw new Error('expected the call to fail');
}
