import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { demoTemplates } from '../../../src/main/sandbox/sendgrid/demo-templates';
import { CampaignAction } from '../../../src/main/core/extensions/handlers/campaign';
import { DEMO_STORE, startMarketingWorld, WRITTEN_BODY, type MarketingWorld } from './harness';
import { extensionsHarness } from '../extensions/helpers';

/**
 * Issue 11: a SendGrid template's campaign-wide values (`ends_on`, `discount_code`) are taken and
 * answered on every path a campaign is made or read by: the Dashboard API's campaigns.get, the
 * spec's flow route POST …/campaigns/create, and the campaign extension's create and update.
 */
const storeId = DEMO_STORE.id;
const sale = demoTemplates().find((t) => t.name === 'Seasonal sale')!;
const Body = z.object({ body_html: z.string(), body_arch: z.string() });

describe.each(['18.0', '19.0'] as const)('a template campaign’s values on every path, Odoo %s', (version) => {
  let world: MarketingWorld;
  let extensions: Awaited<ReturnType<typeof extensionsHarness>> | undefined;
  afterEach(async () => {
    await extensions?.remove();
    extensions = undefined;
    await world.close();
  });

  async function odooBody(campaignId: string) {
    const [row] = await world.odoo.searchRead('mailing.mailing', [['x_markket_campaign_id', '=', campaignId]], ['body_html', 'body_arch']);
    return Body.parse(row);
  }

  /** The store's campaign extension, run by hand as Settings → Extensions does. */
  async function campaignExtension() {
    extensions = await extensionsHarness(world.calls.client, { sendgrid: world.sendgrid!, now: world.clock.now });
    const record = await extensions.registry.add(storeId, { key: 'markket:odoo:campaign', config: { mailing_list_id: world.storeListId } });
    const h = extensions;
    return async (entity: unknown) => h.runner.run((await h.registry.get(record.id))!, 'trigger:manual', entity);
  }

  it('the flow route takes the values at create, and campaigns.get answers them with the names still to fill', async () => {
    world = await startMarketingWorld({ sendgrid: true, version });
    const made = await world.run('campaigns.create', { storeId, subject: 'Spring sale', template_id: sale.id, template_values: { discount_code: 'SPRING10' } });
    expect((await odooBody(made.campaign_id)).body_html).toContain('<strong>SPRING10</strong>');

    const detail = await world.run('marketing.campaigns.get', { storeId, campaignId: made.campaign_id });
    expect(detail).toMatchObject({ sendgrid_template_id: sale.id, template_value_names: ['ends_on', 'discount_code'], template_values: { discount_code: 'SPRING10' } });

    await world.run('marketing.campaigns.update', { storeId, campaignId: made.campaign_id, template_values: { ends_on: 'Sunday' } });
    expect((await world.run('marketing.campaigns.get', { storeId, campaignId: made.campaign_id })).template_values).toEqual({ ends_on: 'Sunday', discount_code: 'SPRING10' });
  });

  it('the flow route refuses a misspelt key and a value with braces, creating nothing', async () => {
    world = await startMarketingWorld({ sendgrid: true, version });
    const before = await world.odoo.searchCount('mailing.mailing', []);
    await expect(world.run('campaigns.create', { storeId, subject: 'Spring sale', template_id: sale.id, template_value: { discount_code: 'X' } } as never)).rejects.toThrow(/template_value/);
    await expect(world.run('campaigns.create', { storeId, subject: 'Spring sale', template_id: sale.id, template_values: { discount_code: '{{x}}' } })).rejects.toThrow('may not contain {{ or }}');
    expect(await world.odoo.searchCount('mailing.mailing', [])).toBe(before);
  });

  it('campaigns.get answers no values for a campaign whose email is not a template, and reads no body for one that was sent', async () => {
    world = await startMarketingWorld({ sendgrid: true, version });
    const [sent] = (await world.run('marketing.campaigns.list', { storeId, status: 'sent' })).campaigns;
    world.calls.reset();
    const detail = await world.run('marketing.campaigns.get', { storeId, campaignId: sent!.campaign_id });
    expect(detail).not.toHaveProperty('template_values');
    expect(world.calls.calls().filter((c) => c.method === 'read' && JSON.stringify(c).includes('body_arch'))).toEqual([]);
  });

  it('the campaign extension’s create keeps the values it was given, and its update merges new ones by name', async () => {
    world = await startMarketingWorld({ sendgrid: true, version });
    const act = await campaignExtension();
    const created = await act({ action: 'create', sendgrid_template_id: sale.id, subject: 'Spring sale', template_values: { discount_code: 'SPRING10' } });
    expect(created).toMatchObject({ success: true, meta: { unmapped_fields: ['ends_on'] } });
    const campaignId = String(created.meta['campaign_id']);
    expect((await odooBody(campaignId)).body_html).toContain('<strong>SPRING10</strong>');

    const updated = await act({ action: 'update', campaign_id: campaignId, template_values: { ends_on: 'Sunday, 30 March' } });
    expect(updated).toMatchObject({ success: true, meta: { unmapped_fields: [] } });
    const body = await odooBody(campaignId);
    expect(body.body_html).toContain('runs until Sunday, 30 March. Use code <strong>SPRING10</strong>');
    expect((await world.run('marketing.campaigns.get', { storeId, campaignId })).template_values).toEqual({ ends_on: 'Sunday, 30 March', discount_code: 'SPRING10' });

    // Given again unchanged, nothing is written.
    world.calls.reset();
    expect(await act({ action: 'update', campaign_id: campaignId, template_values: { ends_on: 'Sunday, 30 March' } })).toMatchObject({ success: true, summary: expect.stringContaining('Nothing to change') });
    expect(world.calls.calls().filter((c) => c.method === 'write')).toEqual([]);
    const check = await world.run('marketing.campaigns.precheck', { storeId, campaignId });
    expect(check.issues.map((i) => i.code)).not.toContain('unmapped_template_fields');
  });

  it('the campaign extension refuses template values for an email that is not a template, and a misspelt key', async () => {
    world = await startMarketingWorld({ sendgrid: true, version });
    expect(CampaignAction.safeParse({ action: 'update', campaign_id: 'camp_abcdefgh', template_value: {} }).success).toBe(false);
    const act = await campaignExtension();
    // A campaign whose email was then written in Odoo's editor, so no SendGrid template is behind it any more.
    const made = await world.run('campaigns.create', { storeId, subject: 'Winter sale', template_id: sale.id });
    await world.odoo.write('mailing.mailing', [made.odoo_campaign_id], { body_html: WRITTEN_BODY, body_arch: WRITTEN_BODY, x_sendgrid_template_id: false });
    const outcome = await act({ action: 'update', campaign_id: made.campaign_id, template_values: { discount_code: 'X' } });
    expect(outcome.error).toMatchObject({ code: 'input.invalid', message: expect.stringContaining('does not come from a SendGrid template') });
    expect((await odooBody(made.campaign_id)).body_html).toBe(WRITTEN_BODY);
  });
});
