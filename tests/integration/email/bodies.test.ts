import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseEmailDocument, starterLayout, type EmailDocumentIn } from '../../../src/shared/email';
import { DEMO_STORE } from '../marketing/harness';
import { startEmailWorld, type EmailWorld } from './world';

const storeId = DEMO_STORE.id;
const footer = { store_name: 'Store A', postal_address: '1 Market Street\nSpringfield' };
let world: EmailWorld;

beforeEach(async () => {
  world = await startEmailWorld();
});
afterEach(() => world.close());

async function draft(subject: string, segment = 'all'): Promise<string> {
  const created = await world.run('marketing.campaigns.create', { storeId, subject, sendgrid_template_id: 'd-none', list_id: world.storeListId, segment });
  return created.campaign_id;
}

const Body = z.object({ body_html: z.string(), body_arch: z.string(), x_sendgrid_template_id: z.union([z.string(), z.literal(false)]) });
async function odooBody(campaignId: string) {
  const [row] = await world.odoo.searchRead('mailing.mailing', [['x_markket_campaign_id', '=', campaignId]], ['body_html', 'body_arch', 'x_sendgrid_template_id']);
  return Body.parse(row);
}

describe('an email written in the console', () => {
  it('is stored as HTML in body_html and read back as the same document', async () => {
    const campaignId = await draft('Spring letter');
    const document = starterLayout('newsletter', footer);
    const saved = await world.runEmail('marketing.campaigns.body.save', { storeId, campaignId, document });
    expect(saved).toEqual({ campaign_id: campaignId, changed: true, missing_values: [] });

    const inOdoo = await odooBody(campaignId);
    expect(inOdoo.body_html).toContain('<t t-out="object.name">there</t>');
    expect(inOdoo.body_html).toContain('href="/unsubscribe_from_list"');
    expect(inOdoo.body_html).not.toContain('data-markket-document');
    // Odoo's editor opens body_arch: it holds the same email, with the document on its wrapper.
    expect(inOdoo.body_arch).toContain('data-markket-document=');
    expect(inOdoo.x_sendgrid_template_id).toBe(false);

    const back = await world.runEmail('marketing.campaigns.body.get', { storeId, campaignId });
    expect(back).toMatchObject({ kind: 'document', edited_in_odoo: false, html: inOdoo.body_html });
    expect(back.document).toStrictEqual(parseEmailDocument(document));
  });

  it('costs no write when saved again unchanged', async () => {
    const campaignId = await draft('Spring letter');
    const document = starterLayout('letter', footer);
    await world.runEmail('marketing.campaigns.body.save', { storeId, campaignId, document });
    world.calls.reset();
    expect((await world.runEmail('marketing.campaigns.body.save', { storeId, campaignId, document })).changed).toBe(false);
    expect(world.calls.calls()).toEqual([{ model: 'mailing.mailing', method: 'search_read' }]);
  });

  it('shows an email changed in Odoo’s editor as such, and saves over it only when told to', async () => {
    const campaignId = await draft('Spring letter');
    await world.runEmail('marketing.campaigns.body.save', { storeId, campaignId, document: starterLayout('letter', footer) });
    const { body_html } = await odooBody(campaignId);
    const [id] = await world.odoo.search('mailing.mailing', [['x_markket_campaign_id', '=', campaignId]]);
    await world.odoo.write('mailing.mailing', [id!], { body_html: body_html.replace('Write your letter here.', 'Edited in Odoo.') });

    const back = await world.runEmail('marketing.campaigns.body.get', { storeId, campaignId });
    expect(back).toMatchObject({ kind: 'document', edited_in_odoo: true });
    expect(back.html).toContain('Edited in Odoo.');

    const again = starterLayout('announcement', footer);
    await expect(world.runEmail('marketing.campaigns.body.save', { storeId, campaignId, document: again })).rejects.toMatchObject({ code: 'conflict', details: { edited_in_odoo: true } });
    expect((await odooBody(campaignId)).body_html).toContain('Edited in Odoo.');

    await world.runEmail('marketing.campaigns.body.save', { storeId, campaignId, document: again, replace_odoo_edits: true });
    expect((await world.runEmail('marketing.campaigns.body.get', { storeId, campaignId })).edited_in_odoo).toBe(false);
  });

  it('does not silently replace an email written in Odoo’s editor', async () => {
    const campaignId = await draft('Spring letter');
    const [id] = await world.odoo.search('mailing.mailing', [['x_markket_campaign_id', '=', campaignId]]);
    const odooHtml = '<p>Written in Odoo.</p><p><a href="/unsubscribe_from_list">Unsubscribe</a></p>';
    // Written in Odoo's editor (or by a script): no SendGrid template behind it.
    await world.odoo.write('mailing.mailing', [id!], { body_html: odooHtml, body_arch: odooHtml, x_sendgrid_template_id: false });

    expect(await world.runEmail('marketing.campaigns.body.get', { storeId, campaignId })).toMatchObject({ kind: 'html', document: null, edited_in_odoo: false, html: odooHtml });
    await expect(world.runEmail('marketing.campaigns.body.save', { storeId, campaignId, document: starterLayout('letter', footer) })).rejects.toMatchObject({ code: 'conflict', details: { written_in_odoo: true } });
    expect((await odooBody(campaignId)).body_html).toBe(odooHtml);

    await world.runEmail('marketing.campaigns.body.save', { storeId, campaignId, document: starterLayout('letter', footer), replace_odoo_edits: true });
    expect(await world.runEmail('marketing.campaigns.body.get', { storeId, campaignId })).toMatchObject({ kind: 'document', edited_in_odoo: false });
  });

  it('refuses a malformed document with input.invalid naming the block, and keeps the saved email', async () => {
    const campaignId = await draft('Spring letter');
    await world.runEmail('marketing.campaigns.body.save', { storeId, campaignId, document: starterLayout('letter', footer) });
    const before = await odooBody(campaignId);
    const broken = { ...starterLayout('letter', footer), blocks: [{ id: 'pic', type: 'image', src: 'https://shop.example.com/a.jpg', alt: '' }] } as EmailDocumentIn;
    await expect(world.runEmail('marketing.campaigns.body.save', { storeId, campaignId, document: broken })).rejects.toMatchObject({ code: 'input.invalid', message: expect.stringMatching(/document\.blocks\.0\.alt — Block 1 \(image\): needs alt text/) });
    expect(await odooBody(campaignId)).toEqual(before);
  });

  it('is the person’s own body for the pre-send check, with its unsubscribe link', async () => {
    const campaignId = await draft('Spring letter');
    const codes = async () => (await world.run('marketing.campaigns.precheck', { storeId, campaignId })).issues.map((i) => i.code);
    expect(await codes()).toContain('placeholder_body');
    await world.runEmail('marketing.campaigns.body.save', { storeId, campaignId, document: starterLayout('letter', footer) });
    const after = await codes();
    for (const code of ['placeholder_body', 'empty_body', 'foreign_body', 'no_unsubscribe_link']) expect(after).not.toContain(code);
  });

  it('refuses to send while a campaign value the email uses is still empty, whatever is acknowledged', async () => {
    const campaignId = await draft('Spring sale');
    const saved = await world.runEmail('marketing.campaigns.body.save', { storeId, campaignId, document: starterLayout('sale', footer) });
    expect(saved.missing_values).toEqual(['discount_code', 'ends_on']);
    const check = await world.run('marketing.campaigns.precheck', { storeId, campaignId });
    expect(check.issues.find((i) => i.code === 'unmapped_template_fields')).toMatchObject({ severity: 'error', details: { fields: ['discount_code', 'ends_on'] } });
    await expect(world.run('marketing.campaigns.send', { storeId, campaignId, acknowledge: ['suppressions_unchecked', 'unmapped_template_fields'] })).rejects.toMatchObject({ code: 'precheck.failed' });

    const filled = starterLayout('sale', footer);
    filled.settings = { ...filled.settings, values: { discount_code: 'SPRING10', ends_on: 'Sunday' } };
    await world.runEmail('marketing.campaigns.body.save', { storeId, campaignId, document: filled });
    expect((await world.run('marketing.campaigns.precheck', { storeId, campaignId })).issues.map((i) => i.code)).not.toContain('unmapped_template_fields');
  });

  it('reaches each recipient with their own name in place of the merge field', async () => {
    const readers = await world.addTaggedReaders('spring-preview');
    const campaignId = await draft('Spring letter', 'tag:spring-preview');
    await world.runEmail('marketing.campaigns.body.save', { storeId, campaignId, document: starterLayout('letter', footer) });
    // No SendGrid in this world: the sender acknowledges that suppressions went unchecked.
    await world.run('marketing.campaigns.send', { storeId, campaignId, acknowledge: ['suppressions_unchecked'] });
    await world.peer.processQueue();

    expect(world.outgoing.map((m) => m.emailTo).sort()).toEqual(readers.map((r) => r.email).sort());
    for (const reader of readers) {
      const mail = world.outgoing.find((m) => m.emailTo === reader.email)!;
      expect(mail.bodyHtml).toContain(`Hello ${reader.name || 'there'},`);
      expect(mail.bodyHtml).not.toContain('t-out');
    }
  });
});
