import { afterEach, describe, expect, it } from 'vitest';
import { createSendgrid } from '../../../src/main/core/sendgrid';
import { SENDGRID_DEMO_API_KEY, startSendgridPeer, type SendgridPeer } from '../../../src/main/sandbox/sendgrid';
import { NOW, peerAndClient } from './helpers';

const peers: SendgridPeer[] = [];
afterEach(async () => {
  await Promise.all(peers.splice(0).map((p) => p.close()));
});

const mail = (to: string) => ({ to: [{ email: to }], from: { email: 'shop@juniperandpine.example' }, subject: 'Hi', html: '<a href="https://shop.example/a">A</a>', categories: ['camp_1'] });

describe('the peer’s saved state', () => {
  it('restores templates, suppressions, sent mail and stats from a JSON round trip', async () => {
    const setup = await peerAndClient();
    peers.push(setup.peer);
    await setup.client.sendMail(mail('ana@example.com'));
    setup.peer.suppressions.add('unsubscribes', 'left@example.com');
    const saved = JSON.parse(JSON.stringify(setup.peer.snapshot())) as unknown;

    const restored = await startSendgridPeer({ now: () => NOW, restore: saved });
    peers.push(restored);
    const client = createSendgrid({ apiKey: SENDGRID_DEMO_API_KEY, baseUrl: restored.url });
    expect(await client.listTemplates()).toEqual(await setup.client.listTemplates());
    expect(await client.suppressions('unsubscribes')).toEqual(await setup.client.suppressions('unsubscribes'));
    expect(restored.mail[0]!.receivedAt).toEqual(setup.peer.mail[0]!.receivedAt);
    const range = { start_date: '2025-03-01', end_date: '2025-04-01' };
    expect(await client.globalStats(range)).toEqual(await setup.client.globalStats(range));
  });

  it('continues the same random sequence after a restore', async () => {
    const straight = await peerAndClient({ seed: 'empty' });
    peers.push(straight.peer);
    await straight.client.sendMail(mail('a@example.com'));
    await straight.client.sendMail(mail('b@example.com'));
    const split = await peerAndClient({ seed: 'empty' });
    peers.push(split.peer);
    await split.client.sendMail(mail('a@example.com'));
    const resumed = await startSendgridPeer({ now: () => NOW, restore: split.peer.snapshot() });
    peers.push(resumed);
    await createSendgrid({ apiKey: SENDGRID_DEMO_API_KEY, baseUrl: resumed.url }).sendMail(mail('b@example.com'));
    expect(resumed.events.length).toBeGreaterThan(split.peer.events.length);
    expect(resumed.events).toEqual(straight.peer.events);
  });

  it('refuses a damaged snapshot with input.invalid naming the field', async () => {
    await expect(startSendgridPeer({ restore: { version: 1, prngState: 'x' } })).rejects.toMatchObject({ code: 'input.invalid', details: { field: 'prngState' } });
  });
});
