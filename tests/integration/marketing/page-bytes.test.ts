import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_STORE, startMarketingWorld, TODAY, type MarketingWorld } from './harness';

/**
 * The subscriber page's answers grow with the rows shown, not with their square (read_group's
 * "__domain" used to copy the page's ids into every row: ~500 bytes a row for 50, ~1,500 for 200).
 * Per row of trace answers, measured on these pages: Odoo 19's formatted_read_group group, ~93–118
 * bytes (its fixed format: res_id, __extra_domain, __count, open_datetime:max); Odoo 18, which has
 * no per-contact maximum without a domain copy, ~78–119 (two read_progress_bar counters, then the
 * opens that can be each contact's latest as two arrays of a single read_group group).
 * The issue's goal is 100: README's "Known limits" says why neither version reaches it on every page.
 * Bytes are stable from run to run (fixed seed, the peer writes JSON as Odoo does), so they are
 * asserted; time is not.
 */
const BYTES_PER_ROW = { '18.0': 120, '19.0': 120 };
const storeId = DEMO_STORE.id;

async function measure(world: MarketingWorld, limit: number, listId?: number, offset = 0) {
  const query = { storeId, limit, offset, ...(listId !== undefined ? { list_id: listId } : {}) };
  await world.marketing.subscribers(query); // the session and version are known after this
  world.calls.reset();
  world.wire.reset();
  const page = await world.marketing.subscribers(query);
  const exchanges = world.wire.exchanges();
  const traces = exchanges.filter((e) => e.model === 'mailing.trace');
  return { rows: page.subscribers.length, calls: world.calls.count(), models: exchanges.map((e) => e.model), traceBytes: traces.reduce((n, e) => n + e.received, 0), page };
}

describe.each(['18.0', '19.0'] as const)('the subscriber page on Odoo %s', (version) => {
  let world: MarketingWorld;
  beforeAll(async () => {
    world = await startMarketingWorld({ contactCount: 600, version });
  });
  afterAll(() => world.close());

  it('costs at most four calls and a fixed number of trace bytes per row shown, for 200 rows as for the same people 50 at a time', async () => {
    // Past the newest hundred (who joined after the latest campaigns and have few traces or none).
    // The same 200 people, as one page and as four pages of 50: an answer that copied the page's ids
    // into each row (read_group's "__domain") would cost the large page about four times as much a row.
    const large = await measure(world, 200, undefined, 100);
    const quarters = [];
    for (const offset of [100, 150, 200, 250]) quarters.push(await measure(world, 50, undefined, offset));
    expect(large.rows).toBe(200);
    expect(quarters.map((q) => q.rows)).toEqual([50, 50, 50, 50]);
    expect(quarters.flatMap((q) => q.page.subscribers.map((s) => s.id))).toEqual(large.page.subscribers.map((s) => s.id));
    for (const m of [large, ...quarters]) {
      expect(m.calls).toBeLessThanOrEqual(4);
      expect(m.traceBytes / m.rows).toBeLessThanOrEqual(BYTES_PER_ROW[version]);
    }
    const quarterBytes = quarters.reduce((n, q) => n + q.traceBytes, 0);
    expect(large.traceBytes).toBeLessThanOrEqual(quarterBytes * 1.1);
  });

  it('costs no more for one list’s page: a page with people on it proves the list is the store’s, so the lists are not looked up', async () => {
    const m = await measure(world, 200, world.storeListId);
    expect(m.rows).toBe(200);
    expect(m.calls).toBeLessThanOrEqual(4);
    expect(m.models).not.toContain('mailing.list');
    expect(m.traceBytes / m.rows).toBeLessThanOrEqual(BYTES_PER_ROW[version]);
  });

  // Odoo 18 first counts each contact's opens in the console's last three calendar months: a clock
  // that is months behind Odoo (opens after those months) or ahead (none in them) costs bytes, never
  // a wrong date.
  it.each([['today', TODAY], ['a clock four months behind', new Date('2026-07-24T12:00:00Z')], ['a clock a year ahead', new Date('2027-11-24T12:00:00Z')]])('still shows every subscriber’s campaigns received and latest open as the traces hold them, with %s', async (_, now) => {
    world.clock.set(now);
    const { page } = await measure(world, 200);
    world.clock.set(TODAY);
    const traces = await world.odoo.searchRead('mailing.trace', [
      ['model', '=', 'mailing.contact'], ['res_id', 'in', page.subscribers.map((s) => s.id)], ['trace_status', 'in', ['sent', 'open', 'reply']],
      ['mass_mailing_id.contact_list_ids.x_markket_store_id', '=', storeId],
    ], ['res_id', 'open_datetime']);
    const expected = new Map<number, { received: number; last: string | null }>();
    for (const t of traces as { res_id: number; open_datetime: string | false }[]) {
      const e = expected.get(t.res_id) ?? { received: 0, last: null };
      e.received += 1;
      const at = t.open_datetime ? new Date(`${t.open_datetime.replace(' ', 'T')}Z`).toISOString() : null;
      if (at && (!e.last || at > e.last)) e.last = at;
      expected.set(t.res_id, e);
    }
    expect(page.subscribers.map((s) => ({ id: s.id, received: s.campaigns_received, last: s.last_opened })))
      .toEqual(page.subscribers.map((s) => ({ id: s.id, received: expected.get(s.id)?.received ?? 0, last: expected.get(s.id)?.last ?? null })));
    expect(page.subscribers.filter((s) => s.last_opened).length).toBeGreaterThan(20);
  });
});
