import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { starterLayout } from '../../../src/shared/email';
import { demoTemplates } from '../../../src/main/sandbox/sendgrid/demo-templates';
import { DEMO_STORE } from '../marketing/harness';
import { startEmailWorld, type EmailWorld } from './world';

const storeId = DEMO_STORE.id;
const [newsletter, launch] = demoTemplates();
let world: EmailWorld;

beforeEach(async () => {
  world = await startEmailWorld({ sendgrid: true });
});
afterEach(() => world.close());

const Body = z.object({ body_html: z.string(), body_arch: z.string() });
async function odooBody(campaignId: string) {
  const [row] = await world.odoo.searchRead('mailing.mailing', [['x_markket_campaign_id', '=', campaignId]], ['body_html', 'body_arch']);
  return Body.parse(row);
}
async function odooId(campaignId: string): Promise<number> {
  const [id] = await world.odoo.search('mailing.mailing', [['x_markket_campaign_id', '=', campaignId]]);
  return id!;
}

/** A draft whose email is the Monthly newsletter template's rendering, as the console writes it. */
async function templateDraft(): Promise<string> {
  return (await world.run('marketing.campaigns.create', { storeId, subject: 'March news', sendgrid_template_id: newsletter!.id, list_id: world.storeListId, segment: 'all' })).campaign_id;
}

/** What Odoo's mailing editor saves: its arch to body_arch, the mail-ready conversion to body_html. */
async function editInOdoosEditor(campaignId: string): Promise<string> {
  const { body_html } = await odooBody(campaignId);
  const edited = body_html.replace(/<\/body>|$/, '<p>Added in Odoo: our opening hours change in April.</p>');
  await world.odoo.write('mailing.mailing', [await odooId(campaignId)], { body_arch: `<div class="o_layout o_basic_theme">${edited}</div>`, body_html: edited });
  return edited;
}

describe('a SendGrid template’s email changed in Odoo', () => {
  it('is shown as changed in Odoo, and a new template does not replace it until asked', async () => {
    const campaignId = await templateDraft();
    const edited = await editInOdoosEditor(campaignId);
    expect(await world.runEmail('marketing.campaigns.body.get', { storeId, campaignId })).toMatchObject({ kind: 'sendgrid_template', edited_in_odoo: true, html: edited });

    await expect(world.run('marketing.campaigns.update', { storeId, campaignId, sendgrid_template_id: launch!.id })).rejects.toMatchObject({ code: 'conflict', details: { edited_in_odoo: true } });
    expect((await odooBody(campaignId)).body_html).toBe(edited);

    await world.run('marketing.campaigns.update', { storeId, campaignId, sendgrid_template_id: launch!.id, replace_odoo_edits: true });
    expect((await odooBody(campaignId)).body_html).not.toContain('Added in Odoo');
    expect((await world.runEmail('marketing.campaigns.body.get', { storeId, campaignId })).edited_in_odoo).toBe(false);
  });

  it('is not replaced by an email written here until asked', async () => {
    const campaignId = await templateDraft();
    const edited = await editInOdoosEditor(campaignId);
    const letter = starterLayout('letter', { store_name: 'Store A', postal_address: '1 Market Street' });
    await expect(world.runEmail('marketing.campaigns.body.save', { storeId, campaignId, document: letter })).rejects.toMatchObject({ code: 'conflict', details: { edited_in_odoo: true } });
    expect((await odooBody(campaignId)).body_html).toBe(edited);
    await world.runEmail('marketing.campaigns.body.save', { storeId, campaignId, document: letter, replace_odoo_edits: true });
    expect((await world.runEmail('marketing.campaigns.body.get', { storeId, campaignId })).kind).toBe('document');
  });

  it('is not replaced when it changed in Odoo after the editor opened it, even written as the console writes it', async () => {
    const campaignId = await templateDraft();
    const opened = await world.runEmail('marketing.campaigns.body.get', { storeId, campaignId });
    expect(opened.edited_in_odoo).toBe(false);
    // A script that writes both fields alike: only the version the editor opened tells the change.
    const scripted = '<p>Rewritten by a script.</p><p><a href="/unsubscribe_from_list">Unsubscribe</a></p>';
    await world.odoo.write('mailing.mailing', [await odooId(campaignId)], { body_html: scripted, body_arch: scripted });
    await expect(world.run('marketing.campaigns.update', { storeId, campaignId, sendgrid_template_id: launch!.id, base_body: opened.body_version })).rejects.toMatchObject({ code: 'conflict', details: { changed_since_opened: true } });
    expect((await odooBody(campaignId)).body_html).toBe(scripted);
  });

  it('still takes a new template over the console’s own rendering without asking', async () => {
    const campaignId = await templateDraft();
    const opened = await world.runEmail('marketing.campaigns.body.get', { storeId, campaignId });
    const updated = await world.run('marketing.campaigns.update', { storeId, campaignId, sendgrid_template_id: launch!.id, base_body: opened.body_version });
    expect(updated.changed).toBe(true);
  });
});
