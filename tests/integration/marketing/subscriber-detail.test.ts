import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEMO_STORE, startMarketingWorld, type MarketingWorld } from './harness';

let world: MarketingWorld;
beforeAll(async () => {
  world = await startMarketingWorld({ contactCount: 300 });
});
afterAll(() => world.close());

const storeId = DEMO_STORE.id;
const Contact = z.object({ id: z.number(), tag_ids: z.array(z.number()) });

async function someContacts(n: number, offset = 0): Promise<number[]> {
  return world.odoo.search('mailing.contact', [['list_ids', 'in', [world.storeListId]]], { limit: n, offset, order: 'id asc' });
}

describe('a subscriber’s detail', () => {
  it('lists every campaign of the store they received, with what they did', async () => {
    const [id] = await someContacts(1);
    const detail = await world.run('marketing.subscribers.get', { storeId, id: id! });
    const received = await world.odoo.searchCount('mailing.trace', [['model', '=', 'mailing.contact'], ['res_id', '=', id]]);
    const opened = await world.odoo.searchCount('mailing.trace', [['model', '=', 'mailing.contact'], ['res_id', '=', id], ['open_datetime', '!=', false]]);
    expect(detail.campaigns).toHaveLength(received);
    expect(detail.campaigns.filter((c) => c.opened_at !== null)).toHaveLength(opened);
    expect(detail.lists.map((l) => l.id)).toContain(world.storeListId);
    expect(received).toBeGreaterThan(0);
  });

  it('costs two Odoo calls', async () => {
    const [id] = await someContacts(1);
    world.calls.reset();
    await world.marketing.subscriber(storeId, id!);
    expect(world.calls.count()).toBe(2);
  });

  it('is not_found for a contact of another store', async () => {
    const other = await world.odoo.create('mailing.list', { name: 'Store B', x_markket_store_id: 'demo-store-b' });
    const outsider = await world.odoo.create('mailing.contact', { name: 'Out Sider', email: 'outsider@example.org', list_ids: [[6, 0, [other]]] });
    await expect(world.run('marketing.subscribers.get', { storeId, id: outsider })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('the store’s tags', () => {
  it('count the store’s contacts carrying each tag', async () => {
    const { tags } = await world.run('marketing.subscribers.tags', { storeId });
    for (const tag of tags) {
      expect(tag.count, tag.name).toBe(await world.odoo.searchCount('mailing.contact', [['list_ids.x_markket_store_id', '=', storeId], ['tag_ids.name', '=', tag.name]]));
    }
    expect(tags.length).toBeGreaterThan(2);
  });

  it('leave out the tags the console keeps for itself (markket_store_…, newsletter), which Odoo still holds', async () => {
    const { tags } = await world.run('marketing.subscribers.tags', { storeId });
    expect(tags.map((t) => t.name).filter((name) => name === 'newsletter' || name.startsWith('markket_store_'))).toEqual([]);
    expect(await world.odoo.searchCount('mailing.contact', [['tag_ids.name', '=', 'newsletter']])).toBeGreaterThan(0);
  });

  it('cost at most two Odoo calls', async () => {
    world.calls.reset();
    await world.marketing.tags(storeId);
    expect(world.calls.count()).toBeLessThanOrEqual(2);
  });
});

describe('bulk actions', () => {
  it('tag many subscribers in one write, creating the tag, and untag them again', async () => {
    const ids = await someContacts(25, 50);
    world.calls.reset();
    const tagged = await world.run('marketing.subscribers.bulk', { storeId, ids, action: 'tag', tag: 'Spring Launch' });
    expect(world.calls.calls().filter((c) => c.method === 'write')).toHaveLength(1);
    const [tagId] = await world.odoo.search('res.partner.category', [['name', '=', 'Spring Launch']]);
    const contacts = z.array(Contact).parse(await world.odoo.read('mailing.contact', ids, ['tag_ids']));
    expect(tagged.changed).toBe(25);
    expect(contacts.every((c) => c.tag_ids.includes(tagId!))).toBe(true);
    const again = await world.run('marketing.subscribers.bulk', { storeId, ids, action: 'tag', tag: 'spring launch' });
    expect(again.changed).toBe(0);
    const untagged = await world.run('marketing.subscribers.bulk', { storeId, ids, action: 'untag', tag: 'Spring Launch' });
    expect(untagged.changed).toBe(25);
    expect(await world.odoo.searchCount('mailing.contact', [['tag_ids', 'in', [tagId]]])).toBe(0);
  });

  it('unsubscribe opts the subscribers out of the store’s lists only', async () => {
    const ids = await someContacts(10, 100);
    const active = await world.odoo.searchCount('mailing.subscription', [['contact_id', 'in', ids], ['list_id', '=', world.storeListId], ['opt_out', '=', false]]);
    const done = await world.run('marketing.subscribers.bulk', { storeId, ids, action: 'unsubscribe' });
    expect(done.changed).toBe(active);
    expect(await world.odoo.searchCount('mailing.subscription', [['contact_id', 'in', ids], ['list_id', '=', world.storeListId], ['opt_out', '=', false]])).toBe(0);
  });

  it('does not touch contacts of another store', async () => {
    const other = await world.odoo.create('mailing.list', { name: 'Store C', x_markket_store_id: 'demo-store-c' });
    const outsider = await world.odoo.create('mailing.contact', { name: 'Other Shop', email: 'other.shop@example.org', list_ids: [[6, 0, [other]]] });
    const done = await world.run('marketing.subscribers.bulk', { storeId, ids: [outsider], action: 'tag', tag: 'vip' });
    expect(done.changed).toBe(0);
  });

  it('refuse to put on or take off a tag the console keeps for itself', async () => {
    const ids = await someContacts(3, 150);
    await expect(world.run('marketing.subscribers.bulk', { storeId, ids, action: 'untag', tag: 'newsletter' })).rejects.toMatchObject({ code: 'input.invalid' });
    await expect(world.run('marketing.subscribers.bulk', { storeId, ids, action: 'tag', tag: `markket_store_${storeId}` })).rejects.toMatchObject({ code: 'input.invalid' });
  });

  it('need a tag to tag, naming the field', async () => {
    await expect(world.run('marketing.subscribers.bulk', { storeId, ids: [1], action: 'tag' })).rejects.toMatchObject({ issues: [{ path: ['tag'] }] });
  });
});
