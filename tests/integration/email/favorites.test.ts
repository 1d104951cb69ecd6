import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseEmailDocument, starterLayout } from '../../../src/shared/email';
import { DEMO_STORE } from '../marketing/harness';
import { startEmailWorld, type EmailWorld } from './world';

const storeId = DEMO_STORE.id;
const footer = { store_name: 'Store A', postal_address: '1 Market Street\nSpringfield' };
const odooHtml = '<div class="o_layout"><p>Written in Odoo’s editor.</p><p><a href="/unsubscribe_from_list">Unsubscribe</a></p></div>';
let world: EmailWorld;

beforeEach(async () => {
  world = await startEmailWorld();
});
afterEach(() => world.close());

async function draft(subject: string): Promise<string> {
  return (await world.run('marketing.campaigns.create', { storeId, subject, sendgrid_template_id: 'd-none', list_id: world.storeListId, segment: 'all' })).campaign_id;
}

async function odooIdOf(campaignId: string): Promise<number> {
  const [id] = await world.odoo.search('mailing.mailing', [['x_markket_campaign_id', '=', campaignId]]);
  return id!;
}

/** A mailing made and starred in Odoo's own editor, on the given list. */
async function odooFavorite(subject: string, listId: number): Promise<number> {
  const id = await world.odoo.create('mailing.mailing', { subject, contact_list_ids: [[6, 0, [listId]]], body_arch: odooHtml, body_html: odooHtml });
  await world.odoo.write('mailing.mailing', [id], { favorite: true });
  return id;
}

describe('Odoo favourites as templates', () => {
  it('offers a campaign saved as a favourite here as its document, and one starred in Odoo as its HTML', async () => {
    const campaignId = await draft('Spring letter');
    const document = starterLayout('letter', footer);
    await world.runEmail('marketing.campaigns.body.save', { storeId, campaignId, document });
    expect(await world.runEmail('marketing.campaigns.favorite', { storeId, campaignId, favorite: true })).toEqual({ campaign_id: campaignId, favorite: true, changed: true });
    expect((await world.runEmail('marketing.campaigns.body.get', { storeId, campaignId })).favorite).toBe(true);
    const [star] = await world.odoo.read('mailing.mailing', [await odooIdOf(campaignId)], ['favorite', 'favorite_date']);
    expect(star).toMatchObject({ favorite: true, favorite_date: expect.any(String) });
    const starredInOdoo = await odooFavorite('Autumn letter', world.storeListId);

    const { favorites } = await world.runEmail('marketing.favorites.list', { storeId });
    expect(favorites.map((f) => f.subject).sort()).toEqual(['Autumn letter', 'Spring letter']);
    const mine = favorites.find((f) => f.subject === 'Spring letter')!;
    expect(mine).toMatchObject({ kind: 'document', odoo_id: await odooIdOf(campaignId) });
    expect(mine.document).toStrictEqual(parseEmailDocument(document));
    expect(mine.html).not.toContain('data-markket-document');
    expect(favorites.find((f) => f.subject === 'Autumn letter')).toEqual({ odoo_id: starredInOdoo, subject: 'Autumn letter', kind: 'html', document: null, html: odooHtml });
  });

  it('offers no other store’s favourites', async () => {
    const otherList = await world.odoo.create('mailing.list', { name: 'Store B news', x_markket_store_id: 'store-b' });
    await odooFavorite('Store B letter', otherList);
    expect((await world.runEmail('marketing.favorites.list', { storeId })).favorites).toEqual([]);
  });

  it('starts a draft’s email from a favourite written in Odoo, copying Odoo’s body as it is', async () => {
    const favoriteId = await odooFavorite('Autumn letter', world.storeListId);
    const campaignId = await draft('October letter');
    const used = await world.runEmail('marketing.campaigns.body.use_favorite', { storeId, campaignId, favorite_id: favoriteId });
    expect(used).toEqual({ campaign_id: campaignId, changed: true, document: null });
    const [row] = await world.odoo.read('mailing.mailing', [await odooIdOf(campaignId)], ['body_html', 'body_arch', 'x_sendgrid_template_id', 'favorite']);
    expect(row).toMatchObject({ body_html: odooHtml, body_arch: odooHtml, x_sendgrid_template_id: false, favorite: false });
    const check = await world.run('marketing.campaigns.precheck', { storeId, campaignId });
    expect(check.issues.map((i) => i.code)).not.toContain('placeholder_body');
  });

  it('does not start from a favourite over an email written in Odoo unless asked', async () => {
    const favoriteId = await odooFavorite('Autumn letter', world.storeListId);
    const campaignId = await draft('October letter');
    const own = '<p>My own Odoo email.</p><p><a href="/unsubscribe_from_list">Unsubscribe</a></p>';
    await world.odoo.write('mailing.mailing', [await odooIdOf(campaignId)], { body_html: own, body_arch: own, x_sendgrid_template_id: false });
    await expect(world.runEmail('marketing.campaigns.body.use_favorite', { storeId, campaignId, favorite_id: favoriteId })).rejects.toMatchObject({ code: 'conflict', details: { written_in_odoo: true } });
    const [row] = await world.odoo.read('mailing.mailing', [await odooIdOf(campaignId)], ['body_html']);
    expect(row).toMatchObject({ body_html: own });
    await world.runEmail('marketing.campaigns.body.use_favorite', { storeId, campaignId, favorite_id: favoriteId, replace_odoo_edits: true });
  });

  it('refuses a mailing that is not one of the store’s favourites', async () => {
    const campaignId = await draft('October letter');
    const notStarred = await world.odoo.create('mailing.mailing', { subject: 'Plain', contact_list_ids: [[6, 0, [world.storeListId]]], body_arch: odooHtml, body_html: odooHtml });
    await expect(world.runEmail('marketing.campaigns.body.use_favorite', { storeId, campaignId, favorite_id: notStarred })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('takes a campaign off the favourites, writing only when it changes', async () => {
    const campaignId = await draft('Spring letter');
    expect((await world.runEmail('marketing.campaigns.favorite', { storeId, campaignId, favorite: false })).changed).toBe(false);
    await world.runEmail('marketing.campaigns.favorite', { storeId, campaignId, favorite: true });
    await world.runEmail('marketing.campaigns.favorite', { storeId, campaignId, favorite: false });
    const [row] = await world.odoo.read('mailing.mailing', [await odooIdOf(campaignId)], ['favorite', 'favorite_date']);
    expect(row).toMatchObject({ favorite: false, favorite_date: false });
  });
});
