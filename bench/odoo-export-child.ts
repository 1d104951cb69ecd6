/**
 * Child of the export-from-Odoo benchmark, so each run's memory is its own. argv:
 * <raw|console> <odoo url> <list id> <round trip ms> <out file>. Prints one JSON line:
 * rows, seconds, Odoo calls, and the process's RSS before the run and at its peak during it.
 * - raw: a bare paged search_read of the contact columns an export shows, by id cursor, the
 *   fastest way to take every contact out of Odoo over its API;
 * - console: the console's own subscriber export (contacts, their subscription and engagement)
 *   streamed to a CSV file.
 */
import { countingClient, createOdooClient } from '../src/main/core/odoo';
import { ALL_SUBSCRIBER_COLUMNS, pickColumns, subscriberColumns } from '../src/main/core/export/columns';
import { subscriberSource } from '../src/main/core/export/odoo-source';
import { exportTable } from '../src/main/core/export/run';
import { DEMO_API_KEY, DEMO_DATABASE, DEMO_LOGIN } from '../src/main/sandbox/odoo';
import { withRoundTrip } from './round-trip';

const [mode, url, listArg, roundTripArg, out] = process.argv.slice(2);
const listId = Number(listArg);
const BATCH = 500;
const counted = countingClient(createOdooClient({ url: String(url), database: DEMO_DATABASE, login: DEMO_LOGIN, apiKey: DEMO_API_KEY }, { fetch: withRoundTrip(Number(roundTripArg)) }));
const odoo = counted.client;
await odoo.connect();
counted.reset();
// RSS while the export runs (sampled), beside RSS before it: the loader's own start-up peak is not the export's.
const startRss = process.memoryUsage().rss;
let peakRss = startRss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
const started = performance.now();
let rows = 0;
if (mode === 'raw') {
  let lastId = 0;
  for (;;) {
    const page = (await odoo.searchRead('mailing.contact', [['id', '>', lastId], ['list_ids', 'in', [listId]]],
      ['id', 'name', 'email', 'email_normalized', 'create_date', 'tag_ids', 'list_ids', 'is_blacklisted', 'message_bounce'],
      { order: 'id asc', limit: BATCH })) as { id: number }[];
    rows += page.length;
    if (page.length < BATCH) break;
    lastId = page[page.length - 1]?.id ?? lastId;
  }
} else {
  const source = await subscriberSource({ odoo, listId, batchSize: BATCH });
  const result = await exportTable({ path: String(out), format: 'csv', table: { columns: pickColumns(subscriberColumns, ALL_SUBSCRIBER_COLUMNS), batches: source.batches, total: source.total } });
  rows = result.rows;
}
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
await odoo.close();
process.stdout.write(`${JSON.stringify({ rows, seconds, calls: counted.count(), startRss, peakRss })}\n`);
