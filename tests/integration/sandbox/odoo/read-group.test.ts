import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOdooPeer, type OdooPeer } from '../../../../src/main/sandbox/odoo';
import { create } from '../../../../src/main/sandbox/odoo/orm/crud';
import type { Rec } from '../../../../src/main/sandbox/odoo/orm/types';
import { executeKw, json2 } from './helpers';

const NOW = new Date('2026-03-01T09:00:00Z');

/**
 * Three contacts with traces: a demo contact who opened several mails, another demo contact, and a
 * new contact who received one mail and never opened it (demo contacts all opened something).
 */
function pickContacts(peer: OdooPeer): { traces: Rec[]; opener: number; neverOpened: number; ids: number[] } {
  const env = peer.env.as();
  const existing = [...peer.env.db.store('mailing.trace').records.values()].filter((t) => t.model === 'mailing.contact');
  const [neverOpened] = create(env, 'mailing.contact', [{ name: 'Quiet Reader', email: 'quiet.reader@example.com' }]) as [number];
  create(env, 'mailing.trace', [{ model: 'mailing.contact', res_id: neverOpened, email: 'quiet.reader@example.com', mass_mailing_id: existing[0]?.mass_mailing_id, trace_status: 'sent' }]);
  const traces = [...peer.env.db.store('mailing.trace').records.values()].filter((t) => t.model === 'mailing.contact');
  const byContact = new Map<number, Rec[]>();
  for (const t of traces) byContact.set(t.res_id as number, [...(byContact.get(t.res_id as number) ?? []), t]);
  const opener = [...byContact].find(([, ts]) => ts.filter((t) => t.open_datetime).length >= 2)?.[0] as number;
  const third = [...byContact.keys()].find((id) => id !== opener && id !== neverOpened) as number;
  return { traces, opener, neverOpened, ids: [opener, neverOpened, third] };
}

const tracesOf = (traces: Rec[], contactId: number): Rec[] => traces.filter((t) => t.res_id === contactId);
const latestOpen = (traces: Rec[]): string | false => traces.map((t) => t.open_datetime as string | null).filter((v): v is string => !!v).sort().pop() ?? false;

describe('read_group aggregates on Odoo 18', () => {
  let peer: OdooPeer;
  let picked: ReturnType<typeof pickContacts>;
  beforeAll(async () => {
    peer = await startOdooPeer({ seed: 'demo', now: () => NOW, autoProcessQueue: false });
    picked = pickContacts(peer);
  });
  afterAll(() => peer.close());

  const group = async (fields: string[]) => {
    const answer = await executeKw(peer, 'mailing.trace', 'read_group', [[['res_id', 'in', picked.ids], ['model', '=', 'mailing.contact']], fields, ['res_id']], { lazy: false });
    return answer.result as Record<string, unknown>[];
  };

  it('keys "field:agg" by the field name and "alias:agg(field)" by the alias, as Odoo 18 does', async () => {
    const rows = await group(['open_datetime:max', 'id:count_distinct', 'first_open:min(open_datetime)']);
    expect(Object.keys(rows[0] ?? {}).sort()).toEqual(['__count', '__domain', 'first_open', 'id', 'open_datetime', 'res_id']);
  });

  it('answers each contact\'s latest open as an Odoo datetime string and its trace count', async () => {
    const rows = await group(['open_datetime:max', 'id:count_distinct']);
    const opener = rows.find((r) => r.res_id === picked.opener);
    const mine = tracesOf(picked.traces, picked.opener);
    expect(opener).toMatchObject({ __count: mine.length, id: mine.length, open_datetime: latestOpen(mine) });
    expect(opener?.open_datetime).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
  });

  it('answers false for the latest open of a contact who never opened, as Odoo\'s empty value', async () => {
    const rows = await group(['open_datetime:max']);
    expect(rows.find((r) => r.res_id === picked.neverOpened)?.open_datetime).toBe(false);
  });

  it('refuses an aggregate specification it cannot parse', async () => {
    const answer = await executeKw(peer, 'mailing.trace', 'read_group', [[], ['open_datetime:max(('], ['res_id']]);
    expect(answer.error?.data.name).toBe('builtins.ValueError');
  });

  it('has no formatted_read_group before Odoo 19', async () => {
    const answer = await executeKw(peer, 'mailing.trace', 'formatted_read_group', [[], ['res_id'], ['__count']]);
    expect(answer.error?.data).toMatchObject({ name: 'builtins.AttributeError', message: "The method 'formatted_read_group' does not exist on the model 'mailing.trace'" });
  });

  it('has no formatted_read_grouping_sets before Odoo 19', async () => {
    const answer = await executeKw(peer, 'mailing.trace', 'formatted_read_grouping_sets', [[], [['res_id']], ['__count']]);
    expect(answer.error?.data).toMatchObject({ name: 'builtins.AttributeError' });
  });

  it('answers res.users.context_get with the caller\'s lang, tz and uid', async () => {
    const answer = await executeKw(peer, 'res.users', 'context_get', []);
    expect(answer.result).toEqual({ lang: 'en_US', tz: 'Europe/Brussels', uid: 2 });
  });
});

describe('formatted_read_group on Odoo 19', () => {
  let peer: OdooPeer;
  let picked: ReturnType<typeof pickContacts>;
  beforeAll(async () => {
    peer = await startOdooPeer({ seed: 'demo', now: () => NOW, autoProcessQueue: false, version: '19.0' });
    picked = pickContacts(peer);
  });
  afterAll(() => peer.close());

  const call = (body: Record<string, unknown>) => json2(peer, 'mailing.trace', 'formatted_read_group', { domain: [['res_id', 'in', picked.ids], ['model', '=', 'mailing.contact']], groupby: ['res_id'], ...body });

  it('keys every aggregate by its spec and gives each group its extra domain', async () => {
    const { status, body } = await call({ aggregates: ['__count', 'open_datetime:max'] });
    expect(status).toBe(200);
    const opener = (body as Record<string, unknown>[]).find((r) => r.res_id === picked.opener);
    const mine = tracesOf(picked.traces, picked.opener);
    expect(opener).toEqual({ res_id: picked.opener, __extra_domain: [['res_id', '=', picked.opener]], __count: mine.length, 'open_datetime:max': latestOpen(mine) });
  });

  it('orders groups by the groupby by default and by an aggregate when asked', async () => {
    const byId = (await call({ aggregates: ['__count'] })).body as { res_id: number }[];
    expect(byId.map((r) => r.res_id)).toEqual([...picked.ids].sort((a, b) => a - b));
    const byCount = (await call({ aggregates: ['__count'], order: '__count desc, res_id' })).body as { __count: number }[];
    expect(byCount.map((r) => r.__count)).toEqual(byCount.map((r) => r.__count).sort((a, b) => b - a));
  });

  it('keeps only the groups that satisfy having', async () => {
    const counts = picked.ids.map((id) => tracesOf(picked.traces, id).length);
    const threshold = Math.min(...counts);
    const rows = (await call({ aggregates: ['__count'], having: [['__count', '>', threshold]] })).body as { __count: number }[];
    expect(rows.map((r) => r.__count).sort()).toEqual(counts.filter((n) => n > threshold).sort());
  });

  it('groups the same records several ways in one formatted_read_grouping_sets, each set as formatted_read_group answers it', async () => {
    const domain = [['res_id', 'in', picked.ids], ['model', '=', 'mailing.contact']];
    const { status, body } = await json2(peer, 'mailing.trace', 'formatted_read_grouping_sets', { domain, grouping_sets: [['res_id'], ['trace_status', 'res_id']], aggregates: ['__count'] });
    expect(status).toBe(200);
    const alone = async (groupby: string[]) => (await json2(peer, 'mailing.trace', 'formatted_read_group', { domain, groupby, aggregates: ['__count'], order: 'res_id, trace_status' })).body;
    expect(body).toEqual([await alone(['res_id']), await alone(['trace_status', 'res_id'])]);
    expect((body as { __count: number }[][])[0]?.reduce((n, g) => n + g.__count, 0)).toBe(picked.ids.flatMap((id) => tracesOf(picked.traces, id)).length);
  });

  it('answers an empty list per grouping set when nothing matches, and refuses no grouping set', async () => {
    const none = await json2(peer, 'mailing.trace', 'formatted_read_grouping_sets', { domain: [['id', '=', 0]], grouping_sets: [['res_id'], []], aggregates: ['__count'] });
    expect(none.body).toEqual([[], []]);
    const empty = await json2(peer, 'mailing.trace', 'formatted_read_grouping_sets', { domain: [], grouping_sets: [] });
    expect(JSON.stringify(empty.body)).toContain("The 'grouping_sets' parameter cannot be empty.");
  });

  it('takes formatted_read_grouping_sets\' order by name only, as Odoo 19 declares it after a bare *', async () => {
    const domain = [['res_id', 'in', picked.ids], ['model', '=', 'mailing.contact']];
    const sets = [['res_id']];
    const positional = await executeKw(peer, 'mailing.trace', 'formatted_read_grouping_sets', [domain, sets, ['__count'], 'res_id desc']);
    expect(positional.error?.data).toMatchObject({ name: 'builtins.TypeError', message: 'formatted_read_grouping_sets() takes from 3 to 4 positional arguments but 5 were given' });
    const descending = [...picked.ids].sort((a, b) => b - a);
    const byName = await executeKw(peer, 'mailing.trace', 'formatted_read_grouping_sets', [domain, sets, ['__count']], { order: 'res_id desc' });
    expect((byName.result as { res_id: number }[][])[0]?.map((g) => g.res_id)).toEqual(descending);
    const overJson2 = await json2(peer, 'mailing.trace', 'formatted_read_grouping_sets', { domain, grouping_sets: sets, aggregates: ['__count'], order: 'res_id desc' });
    expect((overJson2.body as { res_id: number }[][])[0]?.map((g) => g.res_id)).toEqual(descending);
  });

  it('answers context_get over JSON-2 too', async () => {
    expect((await json2(peer, 'res.users', 'context_get', {})).body).toEqual({ lang: 'en_US', tz: 'Europe/Brussels', uid: 2 });
  });
});

describe('grouping by a period of a datetime', () => {
  let peer18: OdooPeer;
  let peer19: OdooPeer;
  beforeAll(async () => {
    [peer18, peer19] = await Promise.all([
      startOdooPeer({ seed: 'demo', now: () => NOW, autoProcessQueue: false }),
      startOdooPeer({ seed: 'demo', now: () => NOW, autoProcessQueue: false, version: '19.0' }),
    ]);
  });
  afterAll(() => Promise.all([peer18.close(), peer19.close()]));

  const opened = (peer: OdooPeer) => [...peer.env.db.store('mailing.trace').records.values()].filter((t) => typeof t.open_datetime === 'string');
  const domainOf = (peer: OdooPeer) => [['mass_mailing_id', '=', opened(peer)[0]?.mass_mailing_id], ['open_datetime', '!=', false]];
  const daysOf = (peer: OdooPeer) => {
    const mailing = opened(peer)[0]?.mass_mailing_id;
    const counts = new Map<string, number>();
    for (const t of opened(peer).filter((x) => x.mass_mailing_id === mailing)) counts.set(`${(t.open_datetime as string).slice(0, 10)} 00:00:00`, (counts.get(`${(t.open_datetime as string).slice(0, 10)} 00:00:00`) ?? 0) + 1);
    return counts;
  };

  it('answers formatted_read_group\'s period as [start, label] with a >= / < extra domain, as Odoo 19 does (odoo19-json2-wire/246)', async () => {
    const { body } = await json2(peer19, 'mailing.trace', 'formatted_read_group', { domain: domainOf(peer19), groupby: ['open_datetime:day'], aggregates: ['__count'] });
    const rows = body as { 'open_datetime:day': [string, string]; __extra_domain: unknown[]; __count: number }[];
    const days = daysOf(peer19);
    expect(new Map(rows.map((r) => [r['open_datetime:day'][0], r.__count]))).toEqual(days);
    const first = rows[0] as (typeof rows)[number];
    const [start] = first['open_datetime:day'];
    const next = new Date(`${start.slice(0, 10)}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    expect(first.__extra_domain).toEqual(['&', ['open_datetime', '>=', start], ['open_datetime', '<', `${next.toISOString().slice(0, 10)} 00:00:00`]]);
    expect(first['open_datetime:day'][1]).toMatch(/^\d{2} [A-Z][a-z]{2} \d{4}$/);
    expect(rows.map((r) => r['open_datetime:day'][0])).toEqual([...days.keys()].sort());
  });

  it('answers read_group\'s period as its label with a __range, as Odoo 18 does', async () => {
    const answer = await executeKw(peer18, 'mailing.trace', 'read_group', [domainOf(peer18), ['__count'], ['open_datetime:hour']], { lazy: false });
    const rows = answer.result as { 'open_datetime:hour': string; __range: Record<string, { from: string; to: string }>; __count: number }[];
    const range = rows[0]?.__range['open_datetime:hour'];
    expect(range?.from).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:00:00$/);
    expect(rows[0]?.['open_datetime:hour']).toMatch(/^\d{2}:00 \d{2} [A-Z][a-z]{2}$/);
    expect(rows.reduce((n, r) => n + r.__count, 0)).toBe([...daysOf(peer18).values()].reduce((a, b) => a + b, 0));
  });

  it('counts per period and per listed value in read_progress_bar, with no domain in the answer: 18 keys a period by its label, 19 by its start', async () => {
    const call = { domain: domainOf(peer18), group_by: 'open_datetime:day', progress_bar: { field: 'trace_status', colors: { open: 'success', reply: 'info' } } };
    const on18 = (await executeKw(peer18, 'mailing.trace', 'read_progress_bar', [call.domain, call.group_by, call.progress_bar])).result as Record<string, { open: number; reply: number }>;
    const on19 = (await json2(peer19, 'mailing.trace', 'read_progress_bar', { ...call, domain: domainOf(peer19) })).body as Record<string, { open: number; reply: number }>;
    const label = (start: string) => `${start.slice(8, 10)} ${new Date(`${start.slice(0, 10)}T00:00:00Z`).toLocaleString('en-US', { month: 'short', timeZone: 'UTC' })} ${start.slice(0, 4)}`;
    expect(new Map(Object.entries(on19).map(([day, c]) => [day, c.open + c.reply]))).toEqual(daysOf(peer19));
    expect(new Map(Object.entries(on18).map(([day, c]) => [day, c.open + c.reply]))).toEqual(new Map([...daysOf(peer18)].map(([start, n]) => [label(start), n])));
    expect(Object.values(on18)[0]).toEqual({ open: expect.any(Number), reply: expect.any(Number) });
  });

  it('puts 9 am and 9 pm in one entry of an 18 read_progress_bar by the hour (its labels are on a 12-hour clock), and the hour of the day tells them apart', async () => {
    const env = peer18.env.as();
    const [mailing] = create(env, 'mailing.mailing', [{ subject: 'Twice a day', state: 'done', sent_date: '2025-06-02 08:00:00' }]) as [number];
    const at = (open: string) => ({ mass_mailing_id: mailing, model: 'mailing.contact', res_id: 1, email: 'twice@example.com', trace_status: 'open', open_datetime: open });
    create(env, 'mailing.trace', [at('2025-06-02 09:10:00'), at('2025-06-02 21:40:00'), at('2025-06-02 21:50:00')]);
    const domain = [['mass_mailing_id', '=', mailing]];
    const byHour = await executeKw(peer18, 'mailing.trace', 'read_progress_bar', [domain, 'open_datetime:hour', { field: 'trace_type', colors: { mail: '' } }]);
    expect(byHour.result).toEqual({ '09:00 02 Jun': { mail: 3 } });
    const byDayAndHour = await executeKw(peer18, 'mailing.trace', 'read_progress_bar', [domain, 'open_datetime:day', { field: 'open_datetime:hour_number', colors: [9, 21, '10'] }]);
    expect(byDayAndHour.result).toEqual({ '02 Jun 2025': { 9: 1, 21: 2, 10: 0 } });
  });

  it('keys read_progress_bar by a many2one\'s id and skips values not listed', async () => {
    const { result } = await executeKw(peer18, 'mailing.trace', 'read_progress_bar', [[['open_datetime', '!=', false]], 'mass_mailing_id', { field: 'trace_status', colors: { reply: '' } }]);
    for (const [key, counts] of Object.entries(result as Record<string, Record<string, number>>)) {
      expect(key).toMatch(/^\d+$/);
      expect(Object.keys(counts)).toEqual(['reply']);
    }
  });

  it('refuses a granularity Odoo does not know', async () => {
    const answer = await executeKw(peer18, 'mailing.trace', 'read_group', [[], ['__count'], ['open_datetime:fortnight']], { lazy: false });
    expect(answer.error?.data.name).toBe('builtins.ValueError');
  });
});
