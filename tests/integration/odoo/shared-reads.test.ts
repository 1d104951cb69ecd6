import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countingFetch, createOdooClient, type OdooClient } from '../../../src/main/core/odoo';
import { DEMO_API_KEY, DEMO_DATABASE, DEMO_LOGIN, startOdooPeer, type OdooPeer } from '../../../src/main/sandbox/odoo';

/**
 * Two parts of a screen that ask Odoo the same read at the same moment (a campaign's details and its
 * report both read the mailing) share one round trip; a read never shares an answer that left Odoo
 * before a change this client made.
 */
describe.each(['18.0', '19.0'] as const)('reads shared while on their way, on Odoo %s', (version) => {
  let peer: OdooPeer;
  let client: OdooClient;
  let wire: ReturnType<typeof countingFetch>;
  /** While set, answers to search_read wait for it: they have left Odoo but not yet arrived. */
  let hold: Promise<void> | null = null;

  beforeAll(async () => {
    peer = await startOdooPeer({ seed: 'demo', contactCount: 20, autoProcessQueue: false, version });
    const held: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const body = typeof init?.body === 'string' ? init.body : '';
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (hold && (url.includes('/search_read') || body.includes('"search_read"'))) await hold;
      return response;
    };
    wire = countingFetch(held);
    client = createOdooClient({ url: peer.url, database: DEMO_DATABASE, login: DEMO_LOGIN, apiKey: DEMO_API_KEY }, { fetch: wire.fetch });
    await client.connect();
  });
  afterAll(async () => {
    await client.close();
    await peer.close();
  });

  const listsRead = () => client.searchRead('mailing.list', [], ['name'], { order: 'id asc' });
  const reads = () => wire.exchanges().filter((e) => e.method === 'search_read').length;

  it('sends a read asked twice at once one time, and gives each asker its own copy', async () => {
    wire.reset();
    const [first, second] = await Promise.all([listsRead(), listsRead()]);
    expect(reads()).toBe(1);
    expect(second).toEqual(first);
    expect(first.length).toBeGreaterThan(0);
    (first[0] as Record<string, unknown>).name = 'changed by one asker';
    expect((second[0] as Record<string, unknown>).name).not.toBe('changed by one asker');
  });

  it('asks again for a read that starts after the first answer arrived, and for different reads at once', async () => {
    wire.reset();
    await listsRead();
    await listsRead();
    await Promise.all([listsRead(), client.searchRead('mailing.list', [], ['name'], { order: 'id desc' })]);
    expect(reads()).toBe(4);
  });

  it('does not give a read asked after a change the answer of one that left Odoo before it', async () => {
    const [list] = await listsRead();
    const id = (list as { id: number }).id;
    const before = (list as { name: string }).name;
    let release = () => {};
    hold = new Promise<void>((resolve) => (release = resolve));
    wire.reset();
    const early = listsRead(); // answered by Odoo now, held on its way back
    await new Promise((resolve) => setTimeout(resolve, 50));
    hold = null;
    await client.write('mailing.list', [id], { name: `${before} (renamed)` });
    const asked = listsRead();
    release();
    const late = await asked;
    expect((late.find((l) => l.id === id) as { name: string }).name).toBe(`${before} (renamed)`);
    expect(((await early).find((l) => l.id === id) as { name: string }).name).toBe(before);
    expect(reads()).toBe(2);
    await client.write('mailing.list', [id], { name: before });
  });

  it('gives every asker the refusal when the shared read fails', async () => {
    wire.reset();
    const ask = () => client.searchRead('mailing.list', [['no_such_field', '=', 1]], ['name']);
    const outcomes = await Promise.allSettled([ask(), ask()]);
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(reads()).toBe(1);
  });
});
