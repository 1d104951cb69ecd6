import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { demoTemplates } from '../../../src/main/sandbox/sendgrid/demo-templates';
import { UpdateCampaignInput } from '../../../src/shared/schemas/marketing-views';
import { DEMO_STORE } from '../marketing/harness';
import { startEmailWorld, type EmailWorld } from './world';

const storeId = DEMO_STORE.id;
const sale = demoTemplates().find((t) => t.name === 'Seasonal sale')!;
let world: EmailWorld;
afterEach(() => world.close());

const Body = z.object({ id: z.number(), body_html: z.string(), body_arch: z.string() });
async function odooBody(campaignId: string) {
  const [row] = await world.odoo.searchRead('mailing.mailing', [['x_markket_campaign_id', '=', campaignId]], ['body_html', 'body_arch']);
  return Body.parse(row);
}

/** A campaign to the tagged readers from SendGrid's "Seasonal sale" template, which asks for {{ends_on}} and {{discount_code}}. */
async function saleCampaign(): Promise<{ campaignId: string; readers: { email: string }[] }> {
  const readers = await world.addTaggedReaders('spring-sale');
  const created = await world.run('marketing.campaigns.create', { storeId, subject: 'Spring sale', sendgrid_template_id: sale.id, list_id: world.storeListId, segment: 'tag:spring-sale' });
  return { campaignId: created.campaign_id, readers };
}

const ACK = ['suppressions_unchecked', 'suppressed_recipients'] as const;

describe('a SendGrid template’s campaign-wide values', () => {
  it('are asked for by name, and the send is refused naming each one still empty', async () => {
    world = await startEmailWorld({ sendgrid: true });
    const { campaignId } = await saleCampaign();
    const body = await world.runEmail('marketing.campaigns.body.get', { storeId, campaignId });
    expect(body).toMatchObject({ kind: 'sendgrid_template', template_value_names: ['ends_on', 'discount_code'], template_values: {} });

    const refused = world.run('marketing.campaigns.send', { storeId, campaignId, acknowledge: [...ACK, 'unmapped_template_fields' as const] });
    await expect(refused).rejects.toMatchObject({ code: 'precheck.failed', message: expect.stringContaining("Fill 'ends_on'") });
    await expect(refused).rejects.toMatchObject({ message: expect.stringContaining("Fill 'discount_code'") });

    // Half filled: only the value still empty is named.
    await world.run('marketing.campaigns.update', { storeId, campaignId, template_values: { discount_code: 'SPRING10' } });
    const check = await world.run('marketing.campaigns.precheck', { storeId, campaignId });
    const issue = check.issues.find((i) => i.code === 'unmapped_template_fields');
    expect(issue).toMatchObject({ severity: 'error', details: { fields: ['ends_on'], missing_values: ['ends_on'] } });
    expect(issue?.message).not.toContain('discount_code');
    expect((await odooBody(campaignId)).body_html).toContain('<strong>SPRING10</strong>');
  });

  it('reach every recipient once filled, in the text and in links, and are kept to edit again', async () => {
    world = await startEmailWorld({ sendgrid: true });
    const { campaignId, readers } = await saleCampaign();
    const updated = await world.run('marketing.campaigns.update', { storeId, campaignId, template_values: { ends_on: 'Sunday, 30 March', discount_code: 'SPRING10' } });
    expect(updated).toMatchObject({ changed: true, unmapped_fields: [] });
    expect(await world.runEmail('marketing.campaigns.body.get', { storeId, campaignId })).toMatchObject({
      edited_in_odoo: false, template_values: { ends_on: 'Sunday, 30 March', discount_code: 'SPRING10' },
    });
    expect((await world.run('marketing.campaigns.precheck', { storeId, campaignId })).issues.map((i) => i.code)).not.toContain('unmapped_template_fields');

    // In links too (Odoo then rewrites each link for click tracking).
    expect((await odooBody(campaignId)).body_html).toContain('?discount=SPRING10');
    await world.run('marketing.campaigns.send', { storeId, campaignId, acknowledge: [...ACK] });
    await world.peer.processQueue();
    expect(world.outgoing.map((m) => m.emailTo).sort()).toEqual(readers.map((r) => r.email).sort());
    for (const mail of world.outgoing) {
      expect(mail.bodyHtml).toContain('spring sale runs until Sunday, 30 March. Use code <strong>SPRING10</strong>');
      expect(mail.bodyHtml).not.toContain('{{');
    }
  });

  it('write nothing when given again unchanged, and escape what is typed', async () => {
    world = await startEmailWorld({ sendgrid: true });
    const { campaignId } = await saleCampaign();
    const values = { ends_on: 'Sunday', discount_code: '<b>&SAVE</b>' };
    await world.run('marketing.campaigns.update', { storeId, campaignId, template_values: values });
    expect((await odooBody(campaignId)).body_html).toContain('<strong>&#60;b&#62;&#38;SAVE&#60;/b&#62;</strong>');
    world.calls.reset();
    expect((await world.run('marketing.campaigns.update', { storeId, campaignId, template_values: values })).changed).toBe(false);
    expect(world.calls.calls().filter((c) => c.method === 'write')).toEqual([]);
  });

  it('are refused with braces, which would read as another template field', async () => {
    world = await startEmailWorld({ sendgrid: true });
    const { campaignId } = await saleCampaign();
    const parsed = UpdateCampaignInput.safeParse({ storeId, campaignId, template_values: { discount_code: '{{first_name}}' } });
    expect(parsed.error?.issues).toEqual([expect.objectContaining({ path: ['template_values', 'discount_code'], message: 'may not contain {{ or }}' })]);
  });

  it('fill a test send through Odoo’s test wizard', async () => {
    world = await startEmailWorld({ sendgrid: true, delivery: 'odoo-mail-server' });
    const { campaignId } = await saleCampaign();
    await world.run('marketing.campaigns.update', { storeId, campaignId, template_values: { ends_on: 'Sunday', discount_code: 'SPRING10' } });
    await world.runEmail('marketing.campaigns.test_send', { storeId, campaignId, emails: ['owner@store-a.example.com'] });
    expect(world.outgoing).toHaveLength(1);
    expect(world.outgoing[0]!.bodyHtml).toContain('Use code <strong>SPRING10</strong>');
  });
});
