import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { create } from '../../../src/main/sandbox/odoo/orm/crud';
import { irModelId } from '../../../src/main/sandbox/odoo/models/mailing';
import { DEMO_STORE, NO_SENDGRID_ACK, startMarketingWorld, TODAY, writeBody, type MarketingWorld } from './harness';

/**
 * Issue 10, item 1: the editor opens a mailing with what Odoo really holds, whoever made it. These
 * mailings are made through the peer's ORM (as Odoo's own UI, another computer's console or a
 * script would leave them), never by this console, and read back on Odoo 18 and Odoo 19.
 */
const storeId = DEMO_STORE.id;

describe.each(['18.0', '19.0'] as const)('a campaign opened for editing on Odoo %s', (version) => {
  let world: MarketingWorld;
  beforeAll(async () => {
    world = await startMarketingWorld({ version });
  });
  afterAll(() => world.close());

  /** A draft made outside this console, as the ORM stores it. */
  function madeElsewhere(vals: Record<string, unknown>): number {
    const env = world.peer.env.as();
    const [id] = create(env, 'mailing.mailing', [{ mailing_model_id: irModelId(env, 'mailing.list'), contact_list_ids: [[6, 0, [world.storeListId]]], body_html: '<p>Hello</p>', ...vals }]);
    return id as number;
  }

  /** Who Odoo really mails: the mailing is sent and its traces that were not canceled are counted. */
  async function mailedBySending(campaignId: string, odooId: number): Promise<number> {
    await writeBody(world, odooId);
    await world.run('marketing.campaigns.send', { storeId, campaignId, acknowledge: NO_SENDGRID_ACK });
    await world.peer.processQueue();
    return world.odoo.searchCount('mailing.trace', [['mass_mailing_id', '=', odooId], ['trace_status', '!=', 'cancel']]);
  }

  it('shows a tag audience written by another computer as that tag, with its preview, sender, list and schedule', async () => {
    const list = world.storeListId;
    // The exact literal a console on another computer wrote (Python repr, as Odoo stores it).
    const domain = `[('subscription_ids', 'any', [('list_id', 'in', [${list}]), ('opt_out', '=', False)]), ('is_blacklisted', '=', False), ('email_normalized', '!=', False), ('tag_ids', 'any', [('name', '=ilike', 'vip')])]`;
    const id = madeElsewhere({
      subject: 'VIP early access', preview: 'For our best customers', email_from: 'Store A <news@store-a.example>',
      mailing_domain: domain, x_markket_campaign_id: 'camp_othercomputer01', schedule_type: 'scheduled', schedule_date: '2026-12-01 08:00:00',
    });
    const detail = await world.run('marketing.campaigns.get', { storeId, campaignId: 'camp_othercomputer01' });
    expect(detail).toMatchObject({
      subject: 'VIP early access', preview_text: 'For our best customers', email_from: 'Store A <news@store-a.example>',
      list_ids: [list], scheduled_for: '2026-12-01T08:00:00.000Z', made_in_odoo: false,
      audience: { kind: 'segment', segment: 'tag:vip', label: 'Has the tag “vip”', list_ids: [list], domain },
    });
    expect(detail.audience.recipients).toBeGreaterThan(0);
    world.clock.set(new Date('2026-12-01T09:00:00Z'));
    try {
      expect(await mailedBySending('camp_othercomputer01', id)).toBe(detail.audience.recipients);
    } finally {
      world.clock.set(TODAY);
    }
  });

  it('shows a mailing made in Odoo on the list as everyone on it, counted as Odoo will send it', async () => {
    const id = madeElsewhere({ subject: 'Made in Odoo' });
    const [stored] = await world.odoo.read('mailing.mailing', [id], ['mailing_domain']);
    // Odoo's own domain for a mailing on a list (odoo18-wire/103).
    expect(stored?.mailing_domain).toBe(`[('list_ids', 'in', [${world.storeListId}])]`);
    const detail = await world.run('marketing.campaigns.get', { storeId, campaignId: `camp_odoo_${id}` });
    expect(detail.made_in_odoo).toBe(true);
    expect(detail.audience).toMatchObject({ kind: 'segment', segment: 'all', label: 'Everyone on the list' });
    const [list] = await world.odoo.read('mailing.list', [world.storeListId], ['contact_count_email']);
    expect(detail.audience.recipients).toBe(list?.contact_count_email);
  });

  it('shows a domain edited in Odoo as a custom audience with the count Odoo then really mails', async () => {
    const made = await world.run('marketing.campaigns.create', { storeId, subject: 'Spring picks', sendgrid_template_id: 'd-unused', list_id: world.storeListId, segment: 'tag:vip' });
    // Someone narrows the audience in Odoo's domain editor.
    const edited = `[('list_ids', 'in', [${world.storeListId}]), ('name', 'ilike', 'an')]`;
    await world.odoo.write('mailing.mailing', [made.odoo_campaign_id], { mailing_domain: edited });
    const detail = await world.run('marketing.campaigns.get', { storeId, campaignId: made.campaign_id });
    expect(detail.audience).toMatchObject({ kind: 'custom', segment: null, label: 'Custom audience (set in Odoo)', domain: edited });
    const withName = await world.odoo.searchCount('mailing.contact', [['list_ids', 'in', [world.storeListId]], ['name', 'ilike', 'an']]);
    expect(detail.audience.recipients).toBeGreaterThan(0);
    expect(detail.audience.recipients).toBeLessThanOrEqual(withName);

    // Editing the subject keeps the custom domain, and the pre-send check counts the same people.
    await world.run('marketing.campaigns.update', { storeId, campaignId: made.campaign_id, subject: 'Spring picks for you' });
    const [after] = await world.odoo.read('mailing.mailing', [made.odoo_campaign_id], ['mailing_domain']);
    expect(after?.mailing_domain).toBe(edited);
    await writeBody(world, made.odoo_campaign_id);
    expect((await world.run('marketing.campaigns.precheck', { storeId, campaignId: made.campaign_id })).recipients).toBe(detail.audience.recipients);
    expect(await mailedBySending(made.campaign_id, made.odoo_campaign_id)).toBe(detail.audience.recipients);
  });

  it('refuses to replace an audience that changed in Odoo since the editor loaded it, naming both', async () => {
    const made = await world.run('marketing.campaigns.create', { storeId, subject: 'Buyers first', sendgrid_template_id: 'd-unused', list_id: world.storeListId, segment: 'buyers' });
    const seen = await world.run('marketing.campaigns.get', { storeId, campaignId: made.campaign_id });
    const edited = `[('list_ids', 'in', [${world.storeListId}]), ('name', 'ilike', 'e')]`;
    await world.odoo.write('mailing.mailing', [made.odoo_campaign_id], { mailing_domain: edited });
    const attempt = world.run('marketing.campaigns.update', { storeId, campaignId: made.campaign_id, segment: 'tag:vip', base_audience: seen.audience.version });
    await expect(attempt).rejects.toMatchObject({ code: 'conflict', details: { yours: { segment: 'tag:vip' }, odoo: { kind: 'custom', domain: edited } } });
    const [kept] = await world.odoo.read('mailing.mailing', [made.odoo_campaign_id], ['mailing_domain']);
    expect(kept?.mailing_domain).toBe(edited);
    // With Odoo's version in view, the person's choice is written.
    const now = await world.run('marketing.campaigns.get', { storeId, campaignId: made.campaign_id });
    await world.run('marketing.campaigns.update', { storeId, campaignId: made.campaign_id, segment: 'tag:vip', base_audience: now.audience.version });
    expect((await world.run('marketing.campaigns.get', { storeId, campaignId: made.campaign_id })).audience.segment).toBe('tag:vip');
  });
});
