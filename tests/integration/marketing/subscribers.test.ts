import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEMO_STORE, startMarketingWorld, type MarketingWorld } from './harness';

let world: MarketingWorld;
beforeAll(async () => {
  world = await startMarketingWorld();
});
afterAll(() => world.close());

const Trace = z.object({ open_datetime: z.union([z.string(), z.literal(false)]) });

describe('the subscriber page', () => {
  it('pages every contact of the store list with Odoo’s total', async () => {
    const total = await world.odoo.searchCount('mailing.contact', [['list_ids', 'in', [world.storeListId]]]);
    const page = await world.run('marketing.subscribers.list', { storeId: DEMO_STORE.id, limit: '25', offset: '50' });
    expect(page).toMatchObject({ total, page: 3, pages: Math.ceil(total / 25) });
    expect(page.subscribers).toHaveLength(25);
  });

  it('shows each subscriber’s tags, campaigns received and last open as Odoo’s traces hold them', async () => {
    // The newest subscribers joined after the demo's latest campaign and have received nothing yet: a
    // page of 50 reaches back over the last few campaigns.
    const { subscribers } = await world.run('marketing.subscribers.list', { storeId: DEMO_STORE.id, limit: 50 });
    const someone = subscribers.find((s) => s.last_opened !== null) ?? subscribers[0];
    const traces = z.array(Trace).parse(await world.odoo.searchRead('mailing.trace', [['model', '=', 'mailing.contact'], ['res_id', '=', someone?.id], ['trace_status', 'in', ['sent', 'open', 'reply']]], ['open_datetime']));
    const opens = traces.map((t) => t.open_datetime).filter((d): d is string => d !== false).sort();
    const lastOpen = opens.at(-1);
    expect(someone?.campaigns_received).toBe(traces.length);
    expect(someone?.last_opened).toBe(lastOpen ? new Date(`${lastOpen.replace(' ', 'T')}Z`).toISOString() : null);
    expect(subscribers.some((s) => s.last_opened !== null)).toBe(true);
    expect(subscribers.some((s) => s.tags.length > 0)).toBe(true);
  });

  it('finds subscribers by part of their email or name', async () => {
    const { subscribers } = await world.run('marketing.subscribers.list', { storeId: DEMO_STORE.id, limit: 1 });
    const needle = subscribers[0]?.email.split('@')[0] ?? '';
    const found = await world.run('marketing.subscribers.list', { storeId: DEMO_STORE.id, search: needle });
    expect(found.subscribers.map((s) => s.email)).toContain(subscribers[0]?.email);
    expect(found.subscribers.every((s) => s.email.includes(needle) || s.name.toLowerCase().includes(needle))).toBe(true);
  });

  it('filters by tag, ignoring case', async () => {
    const vip = await world.run('marketing.subscribers.list', { storeId: DEMO_STORE.id, tag: 'VIP', limit: 500 });
    const expected = await world.odoo.searchCount('mailing.contact', [['list_ids', 'in', [world.storeListId]], ['tag_ids.name', '=', 'vip']]);
    expect(vip.total).toBe(expected);
    expect(vip.subscribers.every((s) => s.tags.includes('vip'))).toBe(true);
  });

  it('splits the list by status, and the statuses add up to the list', async () => {
    const statuses = ['active', 'opted_out', 'blacklisted', 'bounced'] as const;
    const pages = await Promise.all(statuses.map((status) => world.run('marketing.subscribers.list', { storeId: DEMO_STORE.id, status, limit: 500 })));
    const all = await world.run('marketing.subscribers.list', { storeId: DEMO_STORE.id, limit: 1 });
    pages.forEach((page, i) => expect(page.subscribers.every((s) => s.status === statuses[i])).toBe(true));
    expect(pages.reduce((sum, p) => sum + p.total, 0)).toBe(all.total);
    expect(pages[1]?.total).toBeGreaterThan(0);
    expect(pages[2]?.total).toBeGreaterThan(0);
  });

  it('refuses a list of another store, naming list_id', async () => {
    const other = await world.odoo.create('mailing.list', { name: 'Store C - Newsletter', x_markket_store_id: 'demo-store-c' });
    await expect(world.run('marketing.subscribers.list', { storeId: DEMO_STORE.id, list_id: other })).rejects.toMatchObject({ code: 'input.invalid', details: { list_id: other } });
  });

  it('answers not_found for an unknown store', async () => {
    await expect(world.run('marketing.subscribers.list', { storeId: 'no-such-store' })).rejects.toMatchObject({ code: 'not_found' });
  });
});
