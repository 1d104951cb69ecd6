import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { DEMO_API_KEY, startOdooPeer } from '../src/main/sandbox/odoo';

const CONTACTS = 1_000_000;
const LISTS = 50;

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

/** Seeds 1,000,000 contacts over 50 lists and times 2,000-row search_reads over real HTTP. Prints figures only. */
export async function run(): Promise<void> {
  const peer = await startOdooPeer({ autoProcessQueue: false });
  try {
    const lists = peer.env.db.store('mailing.list');
    const contacts = peer.env.db.store('mailing.contact');
    const subs = peer.env.db.store('mailing.subscription');
    const t0 = performance.now();
    for (let l = 1; l <= LISTS; l++) lists.insert({ id: l, name: `List ${l}`, active: true, is_public: true });
    for (let i = 1; i <= CONTACTS; i++) {
      const email = `contact${i}@example.com`;
      contacts.insert({ id: i, name: `Contact ${String(i).padStart(7, '0')}`, email, email_normalized: email, tag_ids: [], message_bounce: 0 });
      subs.insert({ id: i, contact_id: i, list_id: (i % LISTS) + 1, opt_out: i % 37 === 0 });
    }
    const seeded = performance.now() - t0;
    console.log(`odoo-peer bench: seeded ${CONTACTS.toLocaleString('en')} contacts on ${LISTS} lists in ${seeded.toFixed(0)} ms; heap ${mb(process.memoryUsage().heapUsed)}`);
    for (const [label, kwargs] of [
      ['default order (name asc, id desc)', { limit: 2000 }],
      ['order id asc', { limit: 2000, order: 'id asc' }],
      ['offset 10,000, order id asc', { limit: 2000, offset: 10_000, order: 'id asc' }],
    ] as const) {
      await executeKw(peer.url, 'mailing.contact', 'search_read', [[['list_ids', 'in', [7]]]], { fields: ['name', 'email', 'list_ids'], ...kwargs });
      const heapBefore = process.memoryUsage().heapUsed;
      const start = performance.now();
      const rows = (await executeKw(peer.url, 'mailing.contact', 'search_read', [[['list_ids', 'in', [7]]]], { fields: ['name', 'email', 'list_ids'], ...kwargs })) as unknown[];
      const ms = performance.now() - start;
      console.log(`  search_read on one list (${(CONTACTS / LISTS).toLocaleString('en')} members), ${label}: ${rows.length} rows in ${ms.toFixed(1)} ms (heap delta ${mb(process.memoryUsage().heapUsed - heapBefore)})`);
    }
    const byEmail = performance.now();
    await executeKw(peer.url, 'mailing.contact', 'search_read', [[['email_normalized', '=', 'contact777777@example.com']]], { fields: ['name'] });
    console.log(`  search_read by email_normalized (indexed) over 1,000,000: ${(performance.now() - byEmail).toFixed(1)} ms`);
    const count = performance.now();
    const n = await executeKw(peer.url, 'mailing.contact', 'search_count', [[['list_ids', 'in', [7]], ['name', 'ilike', '00001']]], {});
    console.log(`  search_count list + ilike name: ${String(n)} in ${(performance.now() - count).toFixed(1)} ms`);
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
