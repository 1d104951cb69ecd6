import { afterEach, describe, expect, it } from 'vitest';
import { createSendgrid } from '../../../src/main/core/sendgrid';
import { createSendgridDelivery, startSendgridPeer, type OutgoingMail, type SendgridPeer } from '../../../src/main/sandbox/sendgrid';
import { NOW, peerAndClient } from './helpers';

let peer: SendgridPeer | undefined;
afterEach(async () => {
  await peer?.close();
  peer = undefined;
});

const people = [
  { name: 'Ana Lopez', email: 'ana.lopez@example.com' },
  { name: 'Ben Okafor', email: 'ben.okafor@example.net' },
  { name: 'Chloé Martin', email: 'chloe@example.org' },
];

function outgoing(i: number, overrides: Partial<OutgoingMail> = {}): OutgoingMail {
  const person = people[i % people.length]!;
  return {
    traceId: 100 + i,
    mailingId: 7,
    messageId: `<${1000 + i}.1743508800.1-openerp-reply_to@odoo-host>`,
    emailTo: `"${person.name}" <${person.email}>`,
    emailFrom: 'Juniper & Pine <shop@juniperandpine.example>',
    subject: `Spring news for ${person.name}`,
    bodyHtml: `<p>Hi ${person.name}</p><a href="https://shop.example/new">New</a>`,
    resModel: 'mailing.contact',
    resId: 50 + i,
    xMarkketCampaignId: 'camp_8f2k3m',
    ...overrides,
  };
}

describe('SendGrid as the Odoo peer’s delivery step', () => {
  it('sends each outgoing mail with its Odoo Message-ID and reports it sent', async () => {
    const setup = await peerAndClient({ seed: 'empty' });
    peer = setup.peer;
    const outcomes = await createSendgridDelivery(setup.client)([outgoing(0), outgoing(1)]);
    expect(outcomes).toEqual([{ status: 'sent' }, { status: 'sent' }]);
    const byMessageId = new Map(peer.mail.map((m) => [m.messageIdHeader, m]));
    expect(byMessageId.get(outgoing(0).messageId)?.recipients).toEqual(['ana.lopez@example.com']);
    expect(byMessageId.get(outgoing(1).messageId)?.body.from).toEqual({ email: 'shop@juniperandpine.example', name: 'Juniper & Pine' });
  });

  it('never puts an address or a name in the categories or custom_args of any sent mail', async () => {
    const setup = await peerAndClient({ seed: 'empty' });
    peer = setup.peer;
    await createSendgridDelivery(setup.client)(Array.from({ length: 30 }, (_, i) => outgoing(i)));
    expect(peer.mail).toHaveLength(30);
    const personal = people.flatMap((p) => [p.email, ...p.name.split(' ')]).map((s) => s.toLowerCase());
    for (const mail of peer.mail) {
      const tracked = [...(mail.body.categories ?? []), ...Object.keys(mail.body.custom_args ?? {}), ...Object.values(mail.body.custom_args ?? {})];
      expect(tracked.length).toBeGreaterThan(0);
      for (const value of tracked) {
        expect(value).not.toContain('@');
        expect(personal.some((p) => value.toLowerCase().includes(p))).toBe(false);
        expect(value).toMatch(/^(camp_[A-Za-z0-9]+|\d+|campaign_id|odoo_mailing_id|odoo_trace_id)$/);
      }
      expect(mail.body.categories).toEqual(['camp_8f2k3m']);
      expect(mail.body.custom_args?.['campaign_id']).toBe('camp_8f2k3m');
    }
  });

  it('reports an invalid recipient address the way Odoo names it', async () => {
    const setup = await peerAndClient({ seed: 'empty' });
    peer = setup.peer;
    const [outcome] = await createSendgridDelivery(setup.client)([outgoing(0, { emailTo: 'not an address' })]);
    expect(outcome).toMatchObject({ status: 'error', failureType: 'mail_email_invalid' });
    expect(peer.mail).toEqual([]);
  });

  it('reports a recipient SendGrid refuses as an invalid address', async () => {
    const setup = await peerAndClient({ seed: 'empty' });
    peer = setup.peer;
    const [outcome] = await createSendgridDelivery(setup.client)([outgoing(0, { emailTo: 'ana@localhost' })]);
    expect(outcome).toMatchObject({ status: 'error', failureType: 'mail_email_invalid', failureReason: expect.stringContaining('Does not contain a valid address') });
  });

  it('reports a rejected API key as an outgoing-server failure without the key', async () => {
    peer = await startSendgridPeer({ now: () => NOW, seed: 'empty' });
    const service = createSendgrid({ apiKey: 'SG.revoked-key-secret', baseUrl: peer.url });
    const [outcome] = await createSendgridDelivery(service)([outgoing(0)]);
    expect(outcome).toMatchObject({ status: 'error', failureType: 'mail_smtp' });
    expect(JSON.stringify(outcome)).not.toContain('revoked-key-secret');
  });

  it('keeps the order of outcomes when sending in parallel', async () => {
    const setup = await peerAndClient({ seed: 'empty' });
    peer = setup.peer;
    const mails = Array.from({ length: 9 }, (_, i) => outgoing(i, i % 3 === 2 ? { emailTo: 'broken' } : {}));
    const outcomes = await createSendgridDelivery(setup.client, { concurrency: 3 })(mails);
    expect(outcomes.map((o) => o.status)).toEqual(['sent', 'sent', 'error', 'sent', 'sent', 'error', 'sent', 'sent', 'error']);
  });

  it('sends no tracking category for a mailing that has no Markket campaign id', async () => {
    const setup = await peerAndClient({ seed: 'empty' });
    peer = setup.peer;
    await createSendgridDelivery(setup.client)([outgoing(0, { xMarkketCampaignId: false })]);
    expect(peer.mail[0]!.body.categories).toBeUndefined();
    expect(peer.mail[0]!.body.custom_args).toEqual({ odoo_mailing_id: '7', odoo_trace_id: '100' });
  });
});
