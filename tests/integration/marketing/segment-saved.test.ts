import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createMarketing, type MarketingService } from '../../../src/main/core/marketing';
import { createOdooClient, toOdooDatetime, type OdooClient } from '../../../src/main/core/odoo';
import { parsePythonDomain } from '../../../src/main/core/marketing/python-domain';
import { segmentDomain } from '../../../src/main/core/marketing/segments';
import { segmentHandlers } from '../../../src/main/host/handlers/segments';
import { DEMO_API_KEY, DEMO_DATABASE, DEMO_LOGIN } from '../../../src/main/sandbox/odoo';
import { segmentOps } from '../../../src/shared/ops/segments';
import type { SegmentRule } from '../../../src/shared/schemas/segments';
import { DEMO_STORE, TODAY, startMarketingWorld, type MarketingWorld } from './harness';

/**
 * Issue 17: a built segment is saved as Odoo's own favourite filter (mailing.filter), so a second
 * computer, with its own console and nothing shared but Odoo, finds it, counts it and mails it; the
 * mailing's domain reads back into the builder's rule, and a domain changed in Odoo stays custom.
 */
const storeId = DEMO_STORE.id;
const vipOpeners: SegmentRule = { match: 'all', conditions: [{ type: 'tag', has: true, tag: 'vip' }, { type: 'activity', action: 'opened', days: 30 }] };

type SegOps = typeof segmentOps;
function runner(marketing: MarketingService) {
  return async <K extends keyof SegOps>(name: K, input: z.input<SegOps[K]['input']>): Promise<z.infer<SegOps[K]['output']>> => {
    const op = segmentOps[name];
    const handler = segmentHandlers[name] as unknown as (i: unknown, s: { marketing: MarketingService }) => Promise<unknown>;
    return op.output.parse(await handler(op.input.parse(input), { marketing })) as never;
  };
}

describe.each(['18.0', '19.0'] as const)('saved segments on Odoo %s', (version) => {
  let world: MarketingWorld;
  let otherClient: OdooClient;
  let laptop: ReturnType<typeof runner>;
  let desktop: ReturnType<typeof runner>;
  let desktopMarketing: MarketingService;
  beforeAll(async () => {
    world = await startMarketingWorld({ version });
    laptop = runner(world.marketing);
    // The second computer: its own client and console services, the same Odoo.
    otherClient = createOdooClient({ url: world.peer.url, database: DEMO_DATABASE, login: DEMO_LOGIN, apiKey: DEMO_API_KEY });
    desktopMarketing = createMarketing({ odoo: otherClient, now: world.clock.now, newId: () => 'desktop000001', stores: [DEMO_STORE] });
    desktop = runner(desktopMarketing);
  });
  afterAll(async () => {
    await otherClient.close();
    await world.close();
  });

  it('saves a segment in Odoo that another computer lists with the same rule and count, and mails with it', async () => {
    const counted = await laptop('marketing.segments.count', { storeId, list_id: world.storeListId, rule: vipOpeners });
    const saved = await laptop('marketing.segments.save', { storeId, name: 'VIP openers', list_id: world.storeListId, rule: vipOpeners });
    expect(saved).toMatchObject({ name: 'VIP openers', list_id: world.storeListId, rule: vipOpeners, recipients: counted.count, saved_by: 'Mitchell Admin' });
    expect(counted.count).toBeGreaterThan(0);
    // Odoo holds it as its own favourite filter on mailing contacts, with the domain the builder wrote.
    const [filter] = await world.odoo.searchRead('mailing.filter', [['id', '=', saved.id]], ['name', 'mailing_domain', 'mailing_model_name']);
    expect(filter).toMatchObject({ name: 'VIP openers', mailing_domain: counted.domain, mailing_model_name: 'mailing.contact' });

    const listed = await desktop('marketing.segments.list', { storeId });
    expect(listed.segments).toContainEqual(expect.objectContaining({ id: saved.id, name: 'VIP openers', rule: vipOpeners, recipients: counted.count }));

    const made = await desktopMarketing.createCampaign({ storeId, subject: 'For our VIP readers', sendgrid_template_id: 'd-unused', list_id: world.storeListId, segment: `saved:${saved.id}`, schedule: null });
    expect(made.estimated_recipients).toBe(counted.count);
    const detail = await world.marketing.getCampaign(storeId, made.campaign_id);
    expect(detail.audience).toMatchObject({ kind: 'built', segment: null, label: 'Built segment', rule: vipOpeners, recipients: counted.count, domain: counted.domain });
  });

  it('renames a saved segment without rewriting its domain, and deletes it while campaigns keep their audience', async () => {
    const saved = await laptop('marketing.segments.save', { storeId, name: 'Belgian buyers', list_id: world.storeListId, rule: { match: 'any', conditions: [{ type: 'country', codes: ['BE'] }, { type: 'buyer', is: true }] } });
    const [before] = await world.odoo.read('mailing.filter', [saved.id], ['mailing_domain', 'write_date']);
    const renamed = await desktop('marketing.segments.save', { storeId, id: saved.id, name: 'Belgians or buyers', list_id: world.storeListId, rule: saved.rule });
    expect(renamed).toMatchObject({ id: saved.id, name: 'Belgians or buyers', rule: saved.rule });
    const [after] = await world.odoo.read('mailing.filter', [saved.id], ['mailing_domain']);
    expect(after?.mailing_domain).toBe(before?.mailing_domain);

    const made = await world.marketing.createCampaign({ storeId, subject: 'Frites and deals', sendgrid_template_id: 'd-unused', list_id: world.storeListId, segment: `saved:${saved.id}`, schedule: null });
    await laptop('marketing.segments.delete', { storeId, id: saved.id });
    expect((await desktop('marketing.segments.list', { storeId })).segments.map((s) => s.id)).not.toContain(saved.id);
    expect(await world.odoo.searchCount('mailing.filter', [['id', '=', saved.id]])).toBe(0);
    const detail = await world.marketing.getCampaign(storeId, made.campaign_id);
    expect(detail.audience).toMatchObject({ kind: 'built', rule: saved.rule, domain: before?.mailing_domain });
  });

  it('keeps a domain edited in Odoo as a custom audience, untouched by other edits', async () => {
    const saved = await laptop('marketing.segments.save', { storeId, name: 'Bounced', list_id: world.storeListId, rule: { match: 'all', conditions: [{ type: 'bounced' }] } });
    const made = await world.marketing.createCampaign({ storeId, subject: 'Did we lose you?', sendgrid_template_id: 'd-unused', list_id: world.storeListId, segment: `saved:${saved.id}`, schedule: null });
    // Someone narrows it in Odoo's domain editor with a field the builder does not offer.
    const edited = saved.domain.replace(/\]$/, ", ('company_name', '!=', False)]");
    await world.odoo.write('mailing.mailing', [made.odoo_campaign_id], { mailing_domain: edited });
    const detail = await world.marketing.getCampaign(storeId, made.campaign_id);
    expect(detail.audience).toMatchObject({ kind: 'custom', label: 'Custom audience (set in Odoo)', rule: null, domain: edited });
    await world.marketing.updateCampaign({ storeId, campaignId: made.campaign_id, subject: 'Did we lose you? (2)' });
    const [stored] = await world.odoo.read('mailing.mailing', [made.odoo_campaign_id], ['mailing_domain']);
    expect(stored?.mailing_domain).toBe(edited);
  });

  it('uses a saved segment on every list of its store: its rule applied to that list and counted there by Odoo', async () => {
    const saved = await laptop('marketing.segments.save', { storeId, name: 'VIP openers everywhere', list_id: world.storeListId, rule: vipOpeners });
    // The store opens a second list, for wholesale customers, and some of its readers join it.
    const wholesale = await world.odoo.create('mailing.list', { name: 'Wholesale', x_markket_store_id: storeId });
    const readers = await world.odoo.search('mailing.contact', [['list_ids', 'in', [world.storeListId]]], { limit: 120, order: 'id asc' });
    await world.odoo.write('mailing.contact', readers, { list_ids: [[4, wholesale]] });

    // What the builder counts for the same rule built on the wholesale list, asked of Odoo.
    const there = await laptop('marketing.segments.count', { storeId, list_id: wholesale, rule: vipOpeners });
    expect(there.count).toBeGreaterThan(0);
    expect(there.count).toBeLessThan(saved.recipients);
    const estimate = await desktopMarketing.estimateCampaign({ storeId, list_id: wholesale, segment: `saved:${saved.id}` });
    expect(estimate.estimated_recipients).toBe(there.count);

    const made = await world.marketing.createCampaign({ storeId, subject: 'Trade prices for our VIP readers', sendgrid_template_id: 'd-unused', list_id: wholesale, segment: `saved:${saved.id}`, schedule: null });
    expect(made.estimated_recipients).toBe(there.count);
    const [stored] = await world.odoo.read('mailing.mailing', [made.odoo_campaign_id], ['mailing_domain', 'contact_list_ids']);
    expect(stored).toMatchObject({ mailing_domain: there.domain, contact_list_ids: [wholesale] });
    const detail = await world.marketing.getCampaign(storeId, made.campaign_id);
    expect(detail.audience).toMatchObject({ kind: 'built', rule: vipOpeners, recipients: there.count });
    // The segment itself is unchanged: still built on, and counted for, the list it was saved on.
    expect((await laptop('marketing.segments.list', { storeId })).segments).toContainEqual(expect.objectContaining({ id: saved.id, list_id: world.storeListId, recipients: saved.recipients }));
  });

  it('counts "opened any campaign in the last 30 days" over every campaign of the store, whichever list it went to, and no other store\'s', async () => {
    // A trade list with no campaign of its own yet. Ann opened one of the store's newsletters last
    // week; Bob opened only another store's mail. The marketer means the store's own mail: Ann only.
    const trade = await world.odoo.create('mailing.list', { name: 'Trade', x_markket_store_id: storeId });
    const otherStoreList = await world.odoo.create('mailing.list', { name: 'Store E - Newsletter', x_markket_store_id: 'demo-store-e' });
    const ann = await world.odoo.create('mailing.contact', { name: 'Ann Trade', email: 'ann.trade@example.org', list_ids: [[6, 0, [trade, world.storeListId]]] });
    const bob = await world.odoo.create('mailing.contact', { name: 'Bob Trade', email: 'bob.trade@example.org', list_ids: [[6, 0, [trade, otherStoreList]]] });
    const lastWeek = toOdooDatetime(new Date(world.clock.now().getTime() - 7 * 86_400_000));
    const sentMailing = (subject: string, list: number) => world.odoo.create('mailing.mailing', { subject, contact_list_ids: [[6, 0, [list]]], body_html: '<p>News</p>', state: 'done', sent_date: lastWeek });
    const opened = async (mailing: number, contact: number, email: string) => world.odoo.create('mailing.trace', {
      mass_mailing_id: mailing, model: 'mailing.contact', res_id: contact, email, trace_status: 'open', sent_datetime: lastWeek, open_datetime: lastWeek,
    });
    await opened(await sentMailing('Our autumn newsletter', world.storeListId), ann, 'ann.trade@example.org');
    await opened(await sentMailing('Store E news', otherStoreList), bob, 'bob.trade@example.org');

    const openers: SegmentRule = { match: 'all', conditions: [{ type: 'activity', action: 'opened', days: 30 }] };
    const built = await laptop('marketing.segments.count', { storeId, list_id: trade, rule: openers });
    expect(built.count).toBe(1);
    const saved = await laptop('marketing.segments.save', { storeId, name: 'Recent openers', list_id: world.storeListId, rule: openers });
    expect((await desktopMarketing.estimateCampaign({ storeId, list_id: trade, segment: `saved:${saved.id}` })).estimated_recipients).toBe(1);
    const made = await desktopMarketing.createCampaign({ storeId, subject: 'Trade news for recent readers', sendgrid_template_id: 'd-unused', list_id: trade, segment: `saved:${saved.id}`, schedule: null });
    // Odoo evaluates the mailing's domain itself: it names Ann, not Bob.
    const [stored] = await world.odoo.read('mailing.mailing', [made.odoo_campaign_id], ['mailing_domain']);
    const domain = parsePythonDomain(String(stored?.mailing_domain));
    expect(domain).not.toBeNull();
    expect(await world.odoo.search('mailing.contact', domain ?? [])).toEqual([ann]);
    expect(made.estimated_recipients).toBe(1);
  });

  it('refuses a saved segment on a list of another store, even through its id', async () => {
    const saved = await laptop('marketing.segments.save', { storeId, name: 'Bounced here', list_id: world.storeListId, rule: { match: 'all', conditions: [{ type: 'bounced' }] } });
    const foreignList = await world.odoo.create('mailing.list', { name: 'Store D - Newsletter', x_markket_store_id: 'demo-store-d' });
    await expect(segmentDomain(world.odoo, foreignList, `saved:${saved.id}`, TODAY)).rejects.toMatchObject({ code: 'input.invalid', details: { segment_id: saved.id } });
    const storeless = await world.odoo.create('mailing.list', { name: 'Imported, no store' });
    await expect(segmentDomain(world.odoo, storeless, `saved:${saved.id}`, TODAY)).rejects.toMatchObject({ code: 'input.invalid' });
  });

  it('lists only segments built on the store’s own lists, and refuses another list’s segment by id', async () => {
    const [otherList] = await world.odoo.search('mailing.list', [['x_markket_store_id', '!=', storeId], ['x_markket_store_id', '!=', false]], { limit: 1 });
    const foreignList = otherList ?? (await world.odoo.create('mailing.list', { name: 'Store C - Newsletter', x_markket_store_id: 'demo-store-c' }));
    const domain = `[('subscription_ids', 'any', [('list_id', 'in', [${foreignList}]), ('opt_out', '=', False)]), ('is_blacklisted', '=', False), ('email_normalized', '!=', False), ('message_bounce', '>', 0)]`;
    const [model] = await world.odoo.search('ir.model', [['model', '=', 'mailing.contact']]);
    const foreign = await world.odoo.create('mailing.filter', { name: 'Another store’s bounces', mailing_domain: domain, mailing_model_id: model ?? 0 });
    expect((await laptop('marketing.segments.list', { storeId })).segments.map((s) => s.id)).not.toContain(foreign);
    await expect(world.marketing.createCampaign({ storeId, subject: 'Borrowed audience', sendgrid_template_id: 'd-unused', list_id: world.storeListId, segment: `saved:${foreign}`, schedule: null }))
      .rejects.toMatchObject({ code: 'input.invalid' });
    await expect(laptop('marketing.segments.delete', { storeId, id: foreign })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses a filter domain Odoo cannot evaluate, as mailing.filter’s own constraint does', async () => {
    const [model] = await world.odoo.search('ir.model', [['model', '=', 'mailing.contact']]);
    await expect(world.odoo.create('mailing.filter', { name: 'Broken', mailing_domain: "[('no_such_field', '=', 1)]", mailing_model_id: model ?? 0 }))
      .rejects.toMatchObject({ message: expect.stringContaining('The filter domain is not valid for this recipients.') });
  });
});
