import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BULK_BATCH_SIZE } from '../../../src/main/core/marketing/subscriber-bulk';
import type { BulkRunProgress } from '../../../src/shared/ops/subscriber-bulk';
import type { z } from 'zod';
import { DEMO_STORE, startMarketingWorld, type MarketingWorld } from './harness';

let world: MarketingWorld;
beforeAll(async () => {
  world = await startMarketingWorld({ contactCount: 1300 });
});
afterAll(() => world.close());

const storeId = DEMO_STORE.id;
const inStore = ['list_ids.x_markket_store_id', '=', storeId];
const never = new AbortController().signal;
type Progress = z.infer<typeof BulkRunProgress>;

/** What the subscriber browser shows for a filter: the total the person confirms before acting. */
async function matching(filter: { tag?: string; status?: 'active' | 'opted_out'; search?: string; list_id?: number }): Promise<number> {
  return (await world.run('marketing.subscribers.list', { storeId, limit: 1, ...filter })).total;
}

describe('a bulk action on a whole filter', () => {
  it('tags everyone the filter matches, on every page, in batches with progress', async () => {
    const total = await matching({ status: 'active' });
    expect(total).toBeGreaterThan(2 * BULK_BATCH_SIZE);
    const progress: Progress[] = [];
    const result = await world.marketing.bulkRun({ storeId, selection: { filter: { status: 'active' } }, confirm_count: total, action: 'tag', tag: 'Autumn Reader' }, (p) => progress.push(p), never);
    expect(result).toMatchObject({ matched: total, done: total, changed: total, stopped: false, failed: null });
    expect(progress.map((p) => p.done)).toEqual(Array.from({ length: Math.ceil(total / BULK_BATCH_SIZE) }, (_, i) => Math.min(total, (i + 1) * BULK_BATCH_SIZE)));
    expect(await world.odoo.searchCount('mailing.contact', [inStore, ['tag_ids.name', '=', 'Autumn Reader']])).toBe(total);
  });

  it('untags everyone carrying the tag, though untagging empties the filter as it goes', async () => {
    const total = await matching({ tag: 'Autumn Reader' });
    const result = await world.marketing.bulkRun({ storeId, selection: { filter: { tag: 'Autumn Reader' } }, confirm_count: total, action: 'untag', tag: 'Autumn Reader' }, () => undefined, never);
    expect(result).toMatchObject({ matched: total, changed: total });
    expect(await matching({ tag: 'Autumn Reader' })).toBe(0);
  });

  it('changes nothing when the filter no longer matches the number confirmed, and says the new number', async () => {
    const total = await matching({ status: 'active' });
    await expect(world.marketing.bulkRun({ storeId, selection: { filter: { status: 'active' } }, confirm_count: total + 3, action: 'unsubscribe' }, () => undefined, never))
      .rejects.toMatchObject({ code: 'conflict', details: { matched: total, confirmed: total + 3 } });
    expect(await matching({ status: 'active' })).toBe(total);
  });

  it('needs the confirmed count for a filter, naming the field', () => {
    const run = world.run('marketing.subscribers.bulkRun', { storeId, selection: { filter: {} }, action: 'delete' });
    return expect(run).rejects.toMatchObject({ issues: [{ path: ['confirm_count'] }] });
  });

  it('adds to another of the store’s lists, leaving those who had left that list unsubscribed', async () => {
    const second = await world.odoo.create('mailing.list', { name: 'VIP evenings', x_markket_store_id: storeId });
    const [leaver, member] = await world.odoo.search('mailing.contact', [inStore, ['name', 'ilike', 'a']], { limit: 2, order: 'id asc' });
    await world.odoo.write('mailing.contact', [leaver!, member!], { list_ids: [[4, second]] });
    const [leaverSub] = await world.odoo.search('mailing.subscription', [['contact_id', '=', leaver], ['list_id', '=', second]]);
    await world.odoo.write('mailing.subscription', [leaverSub!], { opt_out: true });
    const filter = { search: 'a' };
    const total = await matching(filter);
    const result = await world.marketing.bulkRun({ storeId, selection: { filter }, confirm_count: total, action: 'add_to_list', target_list_id: second }, () => undefined, never);
    expect(result).toMatchObject({ matched: total, changed: total - 2, unchanged: 1, skipped: 1 });
    expect(result.skipped_reason).toContain('VIP evenings');
    expect(await world.odoo.searchCount('mailing.subscription', [['list_id', '=', second], ['opt_out', '=', true]])).toBe(1);
    expect(await world.odoo.searchCount('mailing.subscription', [['list_id', '=', second], ['opt_out', '=', false]])).toBe(total - 1);
  });

  it('stops after the batch under way when asked, and says how far it got', async () => {
    const total = await matching({});
    const result = await world.marketing.bulkRun(
      { storeId, selection: { filter: {} }, confirm_count: total, action: 'tag', tag: 'Half done', run_id: 'stop-test-1' },
      () => void world.marketing.bulkStop(storeId, 'stop-test-1'),
      never,
    );
    expect(result).toMatchObject({ matched: total, done: BULK_BATCH_SIZE, changed: BULK_BATCH_SIZE, stopped: true });
    expect(await world.odoo.searchCount('mailing.contact', [inStore, ['tag_ids.name', '=', 'Half done']])).toBe(BULK_BATCH_SIZE);
    expect(world.marketing.bulkStop(storeId, 'stop-test-1')).toBe(false);
  });

  it('unsubscribes from the filtered list only', async () => {
    const [second] = await world.odoo.search('mailing.list', [['name', '=', 'VIP evenings']]);
    const total = await matching({ list_id: second! });
    const onList = await world.odoo.searchCount('mailing.subscription', [['list_id', '=', second], ['opt_out', '=', false]]);
    const result = await world.marketing.bulkRun({ storeId, selection: { filter: { list_id: second! } }, confirm_count: total, action: 'unsubscribe' }, () => undefined, never);
    expect(result).toMatchObject({ matched: total, changed: onList, unchanged: total - onList });
    expect(await world.odoo.searchCount('mailing.subscription', [['list_id', '=', second], ['opt_out', '=', false]])).toBe(0);
    expect(await world.odoo.searchCount('mailing.subscription', [['list_id', '=', world.storeListId], ['opt_out', '=', false]])).toBeGreaterThan(total / 2);
  });

  it('deletes the store’s contacts but keeps one who is also on another store’s list', async () => {
    const other = await world.odoo.create('mailing.list', { name: 'Store C', x_markket_store_id: 'demo-store-c' });
    const doomed = await world.odoo.search('mailing.contact', [inStore, ['email', 'ilike', 'z']], { order: 'id asc' });
    await world.odoo.write('mailing.contact', [doomed[0]!], { list_ids: [[4, other]] });
    const total = await matching({ search: 'z' });
    const result = await world.marketing.bulkRun({ storeId, selection: { filter: { search: 'z' } }, confirm_count: total, action: 'delete' }, () => undefined, never);
    expect(result).toMatchObject({ matched: total, changed: total - 1, skipped: 1 });
    expect(result.skipped_reason).toMatch(/outside this store/);
    expect(await world.odoo.search('mailing.contact', [['id', 'in', doomed]])).toEqual([doomed[0]]);
  });

  it('acts on picked ids of the store only', async () => {
    const other = await world.odoo.create('mailing.list', { name: 'Store D', x_markket_store_id: 'demo-store-d' });
    const outsider = await world.odoo.create('mailing.contact', { name: 'Other Shop', email: 'other.shop@example.org', list_ids: [[6, 0, [other]]] });
    const [own] = await world.odoo.search('mailing.contact', [inStore], { limit: 1 });
    const result = await world.run('marketing.subscribers.bulkRun', { storeId, selection: { ids: [outsider, own!] }, action: 'tag', tag: 'Picked' });
    expect(result).toMatchObject({ matched: 1, changed: 1 });
    expect(await world.odoo.searchCount('mailing.contact', [['id', '=', outsider], ['tag_ids.name', '=', 'Picked']])).toBe(0);
  });
});
