import { afterEach, describe, expect, it } from 'vitest';
import type { SuppressionKind } from '../../../src/main/core/sendgrid';
import { SENDGRID_DEMO_API_KEY, type SendgridPeer } from '../../../src/main/sandbox/sendgrid';
import { peerAndClient } from './helpers';

let peer: SendgridPeer | undefined;
afterEach(async () => {
  await peer?.close();
  peer = undefined;
});

const KINDS: SuppressionKind[] = ['bounces', 'blocks', 'spam_reports', 'invalid_emails', 'unsubscribes'];

describe('SendGrid suppressions', () => {
  it.each(KINDS)('pulls every %s entry, 500 per page', async (kind) => {
    const setup = await peerAndClient({ seed: 'empty' });
    peer = setup.peer;
    for (let i = 0; i < 1203; i++) peer.suppressions.add(kind, `person${i}@example.com`, 'test reason');
    const rows = await setup.client.suppressions(kind);
    expect(rows).toHaveLength(1203);
    expect(new Set(rows.map((r) => r.email)).size).toBe(1203);
    expect(peer.requests.filter((r) => r.path === `/v3/suppression/${kind}`)).toHaveLength(3);
  });

  it('returns SendGrid’s fields for each kind', async () => {
    const setup = await peerAndClient();
    peer = setup.peer;
    const [bounce] = await setup.client.suppressions('bounces');
    const [spam] = await setup.client.suppressions('spam_reports');
    const [invalid] = await setup.client.suppressions('invalid_emails');
    const [unsubscribe] = await setup.client.suppressions('unsubscribes');
    expect(Object.keys(bounce!).sort()).toEqual(['created', 'email', 'reason', 'status']);
    expect(Object.keys(spam!).sort()).toEqual(['created', 'email', 'ip']);
    expect(Object.keys(invalid!).sort()).toEqual(['created', 'email', 'reason']);
    expect(Object.keys(unsubscribe!).sort()).toEqual(['created', 'email']);
  });

  it('honours limit and offset on the wire', async () => {
    const setup = await peerAndClient({ seed: 'empty' });
    peer = setup.peer;
    for (let i = 0; i < 5; i++) peer.suppressions.add('blocks', `b${i}@example.com`);
    const response = await fetch(`${peer.url}/v3/suppression/blocks?limit=2&offset=2`, { headers: { Authorization: `Bearer ${SENDGRID_DEMO_API_KEY}` } });
    const rows = (await response.json()) as { email: string }[];
    expect(rows.map((r) => r.email)).toEqual(['b2@example.com', 'b1@example.com']);
  });

  it('answers 400 for a limit above 500', async () => {
    const setup = await peerAndClient();
    peer = setup.peer;
    const response = await fetch(`${peer.url}/v3/suppression/bounces?limit=501`, { headers: { Authorization: `Bearer ${SENDGRID_DEMO_API_KEY}` } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [{ field: 'limit' }] });
  });
});
