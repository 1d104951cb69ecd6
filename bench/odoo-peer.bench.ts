import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { DEMO_API_KEY, startOdooPeer } from '../src/main/sandbox/odoo';
import { search } from '../src/main/sandbox/odoo/orm/crud';
import { timed } from './measure';

const CONTACTS = 1_000_000;
/** List 1 is the store's newsletter (every contact); lists 2..51 split the contacts into segments. */
const SEGMENTS = 50;
const STORE_LIST = 1;
const SEGMENT_LIST = 7;

async function executeKw(url: string, model: string, method: string, args: unknown[], kwargs: Record<string, unknown>): Promise<unknown> {
  const res = await fetch(`${url}/jsonrpc`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', method: 'call', params: { service: 'object', method: 'execute_kw', args: ['markket', 2, DEMO_API_KEY, model, method, args, kwargs] }, id: 1 }),
  });
  const body = (await res.json()) as { result?: unknown; error?: { data: { message: string } } };
  if (body.error) throw new Error(body.error.data.message);
  return body.result;
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const fmt = (t: { median: number; best: number }): string => `median ${t.median.toFixed(1)} ms, best ${t.best.toFixed(1)} ms`;

/**
 * Seeds 1,000,000 contacts (all in the store list, each also in one of 50 segment lists) and times
 * 2,000-row search_reads and search_counts over real HTTP, plus the ORM alone for the hardest page.
 * Prints figures only: a benchmark never passes or fails on time.
 */
export async function run(): Promise<void> {
  const peer = await startOdooPeer({ autoProcessQueue: false });
  try {
    const lists = peer.env.db.store('mailing.list');
    const contacts = peer.env.db.store('mailing.contact');
    const subs = peer.env.db.store('mailing.subscription');
    const heapStart = process.memoryUsage().heapUsed;
    const t0 = performance.now();
    for (let l = 1; l <= SEGMENTS + 1; l++) lists.insert({ id: l, name: `List ${l}`, active: true, is_public: true });
    let subId = 1;
    for (let i = 1; i <= CONTACTS; i++) {
      const email = `contact${i}@example.com`;
      contacts.insert({ id: i, name: `Contact ${String((i * 7919) % CONTACTS).padStart(7, '0')}`, email, email_normalized: email, tag_ids: [], message_bounce: 0 });
      subs.insert({ id: subId++, contact_id: i, list_id: STORE_LIST, opt_out: i % 37 === 0 });
      subs.insert({ id: subId++, contact_id: i, list_id: (i % SEGMENTS) + 2, opt_out: false });
    }
    const seeded = performance.now() - t0;
    console.log(`odoo-peer bench: seeded ${CONTACTS.toLocaleString('en')} contacts, ${(subId - 1).toLocaleString('en')} subscriptions in ${seeded.toFixed(0)} ms; heap +${mb(process.memoryUsage().heapUsed - heapStart)}`);
    const fields = ['name', 'email', 'list_ids'];
    const pages: [string, number, Record<string, unknown>][] = [
      ['store list (1,000,000), order id, offset 0', STORE_LIST, { limit: 2000, order: 'id' }],
      ['store list (1,000,000), order id, offset 500,000', STORE_LIST, { limit: 2000, offset: 500_000, order: 'id' }],
      ['store list (1,000,000), order id desc, offset 0', STORE_LIST, { limit: 2000, order: 'id desc' }],
      ['segment list (20,000), order id, offset 0', SEGMENT_LIST, { limit: 2000, order: 'id' }],
      ['segment list (20,000), default order (name asc, id desc)', SEGMENT_LIST, { limit: 2000 }],
    ];
    for (const [label, listId, kwargs] of pages) {
      const t = await timed(() => executeKw(peer.url, 'mailing.contact', 'search_read', [[['list_ids', 'in', [listId]]]], { fields, ...kwargs }) as Promise<unknown[]>);
      console.log(`  search_read ${label}: ${t.value.length} rows, ${fmt(t)}`);
    }
    const env = peer.env.as();
    const orm = await timed(async () => search(env, 'mailing.contact', [['list_ids', 'in', [STORE_LIST]]], { limit: 2000, offset: 500_000, order: 'id' }));
    console.log(`  ORM search alone, store list offset 500,000: ${orm.value.length} ids, ${fmt(orm)}`);
    const counts: [string, unknown[]][] = [
      ['store list', [['list_ids', 'in', [STORE_LIST]]]],
      ['store list and segment list', [['list_ids', 'in', [STORE_LIST]], ['list_ids', 'in', [SEGMENT_LIST]]]],
      ['segment list + name ilike', [['list_ids', 'in', [SEGMENT_LIST]], ['name', 'ilike', '00001']]],
    ];
    for (const [label, domain] of counts) {
      const t = await timed(() => executeKw(peer.url, 'mailing.contact', 'search_count', [domain], {}));
      console.log(`  search_count ${label}: ${String(t.value)}, ${fmt(t)}`);
    }
    const byEmail = await timed(() => executeKw(peer.url, 'mailing.contact', 'search_read', [[['email_normalized', '=', 'contact777777@example.com']]], { fields: ['name'] }));
    console.log(`  search_read by email_normalized (indexed): ${fmt(byEmail)}`);
    console.log(`  heap after queries: ${mb(process.memoryUsage().heapUsed)}`);
  } finally {
    await peer.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  run().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
