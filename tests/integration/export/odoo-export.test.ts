import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ALL_RECIPIENT_COLUMNS, ALL_SUBSCRIBER_COLUMNS, campaignEngagement, campaignRecipientSource, exportSummaryPdf, exportTable,
  pickColumns, recipientColumns, subscriberColumns, subscriberSource,
} from '../../../src/main/core/export';
import { countingClient, createOdooClient, type OdooClient } from '../../../src/main/core/odoo';
import { odooCampaignId } from '../../../src/main/core/marketing';
import { campaignRecipients } from '../../../src/main/core/marketing/recipients';
import { DEMO_API_KEY, DEMO_DATABASE, DEMO_LOGIN, DEMO_STORE, startOdooPeer } from '../../../src/main/sandbox/odoo';
import { pdfText } from '../../support/pdf-text';

type Peer = Awaited<ReturnType<typeof startOdooPeer>>;
let peer: Peer;
let odoo: OdooClient;
let dir: string;
let listId: number;

beforeAll(async () => {
  peer = await startOdooPeer({ seed: 'demo' });
  odoo = createOdooClient({ url: peer.url, database: DEMO_DATABASE, login: DEMO_LOGIN, apiKey: DEMO_API_KEY });
  dir = await mkdtemp(join(tmpdir(), 'markket-odoo-export-'));
  const [list] = await odoo.searchRead('mailing.list', [['x_markket_store_id', '=', DEMO_STORE.id]], ['id']);
  listId = Number(list?.id);
});
afterAll(async () => {
  await odoo.close();
  await peer.close();
  await rm(dir, { recursive: true, force: true });
});

/** Exports the list and checks each row's engagement against every trace of its contact, read in full. */
async function expectEngagementFromActedOnTraces(client: OdooClient, list: number): Promise<void> {
  const counted = countingClient(client);
  const traceRows: number[] = [];
  const spy: OdooClient = {
    ...counted.client,
    searchRead: async (model, domain, fields, opts) => {
      const answer = await counted.client.searchRead(model, domain, fields, opts);
      if (model === 'mailing.trace') traceRows.push(answer.length);
      return answer;
    },
  };
  const source = await subscriberSource({ odoo: spy, listId: list, batchSize: 500 });
  const rows = [];
  for await (const batch of source.batches) rows.push(...batch);
  // Every trace of these contacts, read here in full, gives the figures each row must show.
  const all = (await client.searchRead('mailing.trace', [['model', '=', 'mailing.contact'], ['res_id', 'in', rows.map((r) => r.id)]],
    ['res_id', 'trace_status', 'open_datetime', 'links_click_datetime'])) as { res_id: number; trace_status: string; open_datetime: string | false; links_click_datetime: string | false }[];
  const expected = new Map<number, { received: number; opened: number; clicked: number; last: string | null }>();
  for (const t of all) {
    const e = expected.get(t.res_id) ?? { received: 0, opened: 0, clicked: 0, last: null };
    if (['sent', 'open', 'reply'].includes(t.trace_status)) e.received += 1;
    if (['open', 'reply'].includes(t.trace_status) || t.open_datetime) e.opened += 1;
    if (t.links_click_datetime) e.clicked += 1;
    const at = t.open_datetime ? new Date(`${t.open_datetime.replace(' ', 'T')}Z`).toISOString() : null;
    if (at && (!e.last || at > e.last)) e.last = at;
    expected.set(t.res_id, e);
  }
  expect(rows.map((r) => ({ id: r.id, received: r.campaignsReceived, opened: r.opened, clicked: r.clicked, last: r.lastOpened?.toISOString() ?? null })))
    .toEqual(rows.map((r) => ({ id: r.id, ...(expected.get(r.id) ?? { received: 0, opened: 0, clicked: 0, last: null }) })));
  expect(rows.filter((row) => row.campaignsReceived > 0).length).toBeGreaterThan(50);
  expect(rows.filter((row) => row.opened > 0).length).toBeGreaterThan(20);
  const actedOn = all.filter((t) => t.open_datetime || t.links_click_datetime || ['open', 'reply'].includes(t.trace_status)).length;
  expect(traceRows.reduce((n, r) => n + r, 0)).toBe(actedOn);
  expect(actedOn).toBeLessThan(all.length * 0.7);
}

describe('subscriber export from Odoo', () => {
  it('exports every subscriber of the list exactly once, matching what Odoo counts', async () => {
    const source = await subscriberSource({ odoo, listId, batchSize: 200 });
    const path = join(dir, 'all.csv');
    const result = await exportTable({ path, format: 'csv', table: { columns: pickColumns(subscriberColumns, ALL_SUBSCRIBER_COLUMNS), ...source } });
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\r\n');
    const emails = lines.slice(1).map((line) => line.split(',')[0]);
    expect(result.rows).toBe(await odoo.searchCount('mailing.contact', [['list_ids', 'in', [listId]]]));
    expect(emails.length).toBe(result.rows);
    expect(new Set(emails).size).toBe(emails.length);
  });

  it('pages by id cursor with a fixed number of Odoo calls per batch, never growing offsets', async () => {
    const counted = countingClient(odoo);
    const source = await subscriberSource({ odoo: counted.client, listId, batchSize: 250 });
    const setupCalls = counted.count();
    let batches = 0;
    for await (const batch of source.batches) batches += batch.length > 0 ? 1 : 0;
    const perBatch = (counted.count() - setupCalls) / batches;
    expect(setupCalls).toBe(3);
    // The contacts with their subscriptions, the mails each received, the traces someone acted on;
    // plus one empty page at most.
    expect(perBatch).toBeLessThanOrEqual(3 + 1 / batches);
  });

  it('takes the contact ids as "id greater than the last one", never by offset, and reads each batch by those ids', async () => {
    const searches: { domain: unknown[]; offset?: number }[] = [];
    const reads: unknown[][] = [];
    const spy: OdooClient = {
      ...odoo,
      search: (model, domain, opts) => {
        if (model === 'mailing.contact') searches.push({ domain, offset: opts?.offset });
        return odoo.search(model, domain, opts);
      },
      call: (model, method, args, kwargs, options) => {
        if (model === 'mailing.contact' && method === 'web_search_read') {
          expect(kwargs?.offset).toBeUndefined();
          reads.push(kwargs?.domain as unknown[]);
        }
        return odoo.call(model, method, args, kwargs, options);
      },
    };
    const source = await subscriberSource({ odoo: spy, listId, batchSize: 40 });
    let rows = 0;
    for await (const batch of source.batches) rows += batch.length;
    const cursors = searches.map((search) => (search.domain[0] as [string, string, number])[2]);
    expect(searches.every((search) => search.offset === undefined)).toBe(true);
    expect(cursors[0]).toBe(0);
    expect(cursors).toEqual([...cursors].sort((a, b) => a - b));
    expect(new Set(cursors).size).toBe(cursors.length);
    // Every batch names its ids (and still the list, so a contact that left it meanwhile is not exported).
    const idsRead = reads.flatMap((domain) => (domain[0] as [string, string, number[]])[2]);
    expect(reads.every((domain) => (domain[0] as unknown[])[1] === 'in' && JSON.stringify(domain).includes('"list_ids"'))).toBe(true);
    expect(new Set(idsRead).size).toBe(idsRead.length);
    expect(rows).toBe(source.total);
  });

  it('asks for the next batches while one is written, but never more than three at once', async () => {
    let inFlight = 0;
    let peak = 0;
    const track = <T>(answer: Promise<T>): Promise<T> => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      return answer.finally(() => (inFlight -= 1));
    };
    const spy: OdooClient = {
      ...odoo,
      call: (model, method, args, kwargs, options) => track(odoo.call(model, method, args, kwargs, options)),
      searchRead: (model, domain, fields, opts) => track(odoo.searchRead(model, domain, fields, opts)),
      search: (model, domain, opts) => track(odoo.search(model, domain, opts)),
    };
    const source = await subscriberSource({ odoo: spy, listId, batchSize: 40 });
    peak = 0;
    for await (const _batch of source.batches);
    // Three batches of three calls each, plus at most the next id search.
    expect(peak).toBeGreaterThanOrEqual(9);
    expect(peak).toBeLessThanOrEqual(10);
  });

  it('fills engagement columns from the traces Odoo holds, reading only the traces someone acted on', async () => {
    await expectEngagementFromActedOnTraces(odoo, listId);
  });

  it('narrows the export to the current selection domain', async () => {
    const source = await subscriberSource({ odoo, listId, domain: [['email', 'ilike', '1']] });
    const rows = [];
    for await (const batch of source.batches) rows.push(...batch);
    expect(rows.length).toBe(source.total);
    expect(rows.every((row) => row.email.includes('1'))).toBe(true);
  });

  it('exports the recipients of one campaign with what each did', async () => {
    const [mailing] = await odoo.searchRead('mailing.mailing', [['state', '=', 'done']], ['id'], { limit: 1, order: 'id asc' });
    const source = await campaignRecipientSource({ odoo, mailingId: Number(mailing?.id), batchSize: 100 });
    const path = join(dir, 'recipients.csv');
    const result = await exportTable({ path, format: 'csv', table: { columns: pickColumns(recipientColumns, ALL_RECIPIENT_COLUMNS), ...source } });
    expect(result.rows).toBe(source.total);
    const [header, first] = (await readFile(path, 'utf8')).split('\r\n');
    expect(header).toBe('Email,Name,Status,Sent,Opened,Opened at,Clicked,Clicked at,Bounced,Failure');
    expect(first).toMatch(/@/);
  });

  it('writes the status of each recipient in the same words as the recipients API (opened, bounced), never Odoo\'s raw ones', async () => {
    const [mailing] = await odoo.searchRead('mailing.mailing', [['state', '=', 'done'], ['contact_list_ids', 'in', [listId]]], ['id', 'x_markket_campaign_id'], { limit: 1, order: 'id asc' });
    const mailingId = Number(mailing?.id);
    const campaignId = typeof mailing?.x_markket_campaign_id === 'string' ? mailing.x_markket_campaign_id : odooCampaignId(mailingId);
    const source = await campaignRecipientSource({ odoo, mailingId });
    const path = join(dir, 'recipients-status.csv');
    await exportTable({ path, format: 'csv', table: { columns: pickColumns(recipientColumns, ['email', 'status', 'bounced']), ...source } });
    const fromCsv = (await readFile(path, 'utf8')).trim().split('\r\n').slice(1).map((line) => line.split(','));
    const api = await campaignRecipients(odoo, { storeId: DEMO_STORE.id, campaignId, filter: 'all', limit: 500, offset: 0 });
    // Both list the traces by id; the API's first page is the CSV's first rows.
    expect(fromCsv.length).toBe(api.total);
    expect(fromCsv.slice(0, api.recipients.length).map(([email, status]) => [email, status])).toEqual(api.recipients.map((r) => [r.email, r.status]));
    const statuses = new Set(fromCsv.map(([, status]) => status));
    expect(statuses.has('opened') || statuses.has('clicked')).toBe(true);
    expect([...statuses].filter((s) => ['open', 'bounce', 'reply', 'error', 'cancel'].includes(s as string))).toEqual([]);
    expect(fromCsv.filter(([, status, bounced]) => (status === 'bounced') !== (bounced === 'yes'))).toEqual([]);
  });

  it('builds the PDF summary from the list and its sent campaigns', async () => {
    const source = await subscriberSource({ odoo, listId });
    const campaigns = await campaignEngagement({ odoo, listId });
    expect(campaigns.length).toBeGreaterThan(0);
    const path = join(dir, 'summary.pdf');
    const result = await exportSummaryPdf({ path, rows: { columns: [], ...source }, campaigns, title: 'Subscriber report', listName: 'Store A - Newsletter', now: () => new Date('2025-03-01T00:00:00Z') });
    expect(result.rows).toBe(source.total);
    const text = pdfText(await readFile(path)).replace(/\s+/g, ' ');
    expect(text).toContain(campaigns[0]?.subject.slice(0, 10));
  });
});

describe('subscriber export from Odoo 19', () => {
  it('fills engagement columns from the traces Odoo holds, reading only the traces someone acted on', async () => {
    const peer19 = await startOdooPeer({ seed: 'demo', version: '19.0' });
    const client = createOdooClient({ url: peer19.url, database: DEMO_DATABASE, login: DEMO_LOGIN, apiKey: DEMO_API_KEY });
    try {
      const [list] = await client.searchRead('mailing.list', [['x_markket_store_id', '=', DEMO_STORE.id]], ['id']);
      await expectEngagementFromActedOnTraces(client, Number(list?.id));
    } finally {
      await client.close();
      await peer19.close();
    }
  });
});
