import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { starterLayout } from '../../../src/shared/email';
import { demoTemplates } from '../../../src/main/sandbox/sendgrid';
import { DEMO_STORE } from '../marketing/harness';
import { startEmailWorld, type EmailWorld } from './world';

const storeId = DEMO_STORE.id;
const footer = { store_name: 'Store A', postal_address: '1 Market Street\nSpringfield' };
let world: EmailWorld;

afterEach(() => world.close());

async function letterDraft(subject: string): Promise<{ campaignId: string; mailingId: number }> {
  // With SendGrid, a campaign starts from one of its templates; the editor's body then replaces it.
  const template = world.sendgrid ? demoTemplates()[0]!.id : 'd-none';
  const created = await world.run('marketing.campaigns.create', { storeId, subject, sendgrid_template_id: template, list_id: world.storeListId, segment: 'all' });
  await world.runEmail('marketing.campaigns.body.save', { storeId, campaignId: created.campaign_id, document: starterLayout('letter', footer) });
  return { campaignId: created.campaign_id, mailingId: created.odoo_campaign_id };
}

const Named = z.object({ id: z.number(), name: z.union([z.string(), z.literal(false)]) });
const Figures = z.object({ state: z.string(), sent: z.number(), expected: z.number() });

describe('a test send through the Odoo’s own mail server', () => {
  it('goes through Odoo’s test wizard to each address, rendered for Odoo’s first contact, and leaves no trace', async () => {
    world = await startEmailWorld({ delivery: 'odoo-mail-server' });
    const { campaignId, mailingId } = await letterDraft('Spring letter');
    world.calls.reset();

    const result = await world.runEmail('marketing.campaigns.test_send', { storeId, campaignId, emails: ['owner@store-a.example.com', 'partner@store-a.example.com'] });
    expect(result).toEqual({ campaign_id: campaignId, via: 'odoo', sent_to: ['owner@store-a.example.com', 'partner@store-a.example.com'] });
    expect(world.calls.calls()).toEqual([
      { model: 'mailing.mailing', method: 'search_read' },
      { model: 'mailing.mailing.test', method: 'create' },
      { model: 'mailing.mailing.test', method: 'send_mail_test' },
    ]);

    // Odoo renders the test for `self.env[mailing_model_real].search([], limit=1)`.
    const [first] = z.array(Named).parse(await world.odoo.searchRead('mailing.contact', [], ['name'], { limit: 1 }));
    expect(world.outgoing.map((m) => m.emailTo)).toEqual(['owner@store-a.example.com', 'partner@store-a.example.com']);
    for (const mail of world.outgoing) {
      expect(mail.subject).toBe('[TEST] Spring letter');
      expect(mail.bodyHtml).toContain(`Hello ${first!.name || 'there'},`);
      expect(mail.bodyHtml).not.toContain('t-out');
      // Local links become absolute, as _replace_local_links does.
      expect(mail.bodyHtml).toContain(`href="${world.peer.url}/unsubscribe_from_list"`);
      expect(mail.traceId).toBe(0);
    }
    expect(await world.odoo.search('mailing.trace', [['mass_mailing_id', '=', mailingId]])).toEqual([]);
    const [figures] = z.array(Figures).parse(await world.odoo.read('mailing.mailing', [mailingId], ['state', 'sent', 'expected']));
    expect(figures).toEqual({ state: 'draft', sent: 0, expected: 0 });
  });

  it('refuses an address that is not one with input.invalid naming it, and sends nothing', async () => {
    world = await startEmailWorld({ delivery: 'odoo-mail-server' });
    const { campaignId } = await letterDraft('Spring letter');
    await expect(world.runEmail('marketing.campaigns.test_send', { storeId, campaignId, emails: ['owner@store-a.example.com', 'not an address'] }))
      .rejects.toMatchObject({ code: 'input.invalid', details: { fields: [expect.objectContaining({ field: 'emails.1' })] } });
    expect(world.outgoing).toEqual([]);
  });
});

describe('a test send when the profile delivers through SendGrid', () => {
  it('goes through SendGrid’s mail send, filled in for the chosen subscriber, under no campaign category', async () => {
    world = await startEmailWorld({ sendgrid: true, delivery: 'sendgrid-relay' });
    const readers = await world.addTaggedReaders('test-readers');
    const { campaignId, mailingId } = await letterDraft('Spring letter');
    const [grace] = await world.odoo.search('mailing.contact', [['email', '=', readers[1]!.email]]);

    const result = await world.runEmail('marketing.campaigns.test_send', { storeId, campaignId, emails: ['owner@store-a.example.com'], contact_id: grace! });
    expect(result).toEqual({ campaign_id: campaignId, via: 'sendgrid', sent_to: ['owner@store-a.example.com'] });

    const mails = world.sendgridPeer!.mail;
    expect(mails).toHaveLength(1);
    expect(mails[0]!.recipients).toEqual(['owner@store-a.example.com']);
    expect(mails[0]!.body.subject).toBe('[TEST] Spring letter');
    const html = JSON.stringify(mails[0]!.body.content);
    expect(html).toContain('Hello Grace Hopper,');
    expect(html).not.toContain('t-out');
    expect(mails[0]!.categories).toEqual([]);
    expect(mails[0]!.customArgs).toEqual({});
    // Odoo sent nothing and counts nothing.
    expect(world.outgoing).toEqual([]);
    expect(await world.odoo.search('mailing.trace', [['mass_mailing_id', '=', mailingId]])).toEqual([]);
  });

  it('refuses a subscriber who is not on the campaign’s list', async () => {
    world = await startEmailWorld({ sendgrid: true, delivery: 'sendgrid-relay' });
    const { campaignId } = await letterDraft('Spring letter');
    const stranger = await world.odoo.create('mailing.contact', { name: 'Not On The List', email: 'stranger@example.org' });
    await expect(world.runEmail('marketing.campaigns.test_send', { storeId, campaignId, emails: ['owner@store-a.example.com'], contact_id: stranger }))
      .rejects.toMatchObject({ code: 'input.invalid', details: { fields: [{ field: 'contact_id' }] } });
    expect(world.sendgridPeer!.mail).toHaveLength(0);
  });
});
