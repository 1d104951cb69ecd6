import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOdooClient, type OdooClient } from '../../../src/main/core/odoo';
import { startBrowserMode, type BrowserMode } from '../../../src/main/host/browser-mode';
import { isolateDemoStores } from '../../../src/main/sandbox/demo-isolation';
import { DEMO_API_KEY, DEMO_DATABASE, DEMO_LOGIN, DEMO_STORE, DEMO_STORE_B, DEMO_STORE_OWNERS, startOdooPeer, type OdooPeer } from '../../../src/main/sandbox/odoo';

const [OWNER_A] = DEMO_STORE_OWNERS;
const A = DEMO_STORE.id;
const B = DEMO_STORE_B.id;

type Answer = { status: number; body: Record<string, unknown> };

/**
 * The console in browser mode, signed in to a shared Odoo with store A's owner key (as
 * MARKKET_ODOO_* would give it), after "Isolate stores": every view answers from what Odoo's record
 * rules let that key read, so nothing of store B may appear in any answer, and no id of store B's
 * opens anything.
 */
describe.each(['18.0', '19.0'] as const)("the console's views and operations as store A's owner (Odoo %s)", (version) => {
  let peer: OdooPeer;
  let admin: OdooClient;
  let served: BrowserMode;
  /** Strings only store B's records hold: its contacts' addresses, its store id and name. */
  let traces: string[];
  const seen: string[] = [];

  beforeAll(async () => {
    peer = await startOdooPeer({ version, seed: 'demo', contactCount: 300, autoProcessQueue: false });
    await isolateDemoStores(peer.url);
    admin = createOdooClient({ url: peer.url, database: DEMO_DATABASE, login: DEMO_LOGIN, apiKey: DEMO_API_KEY });
    served = await startBrowserMode({ demo: false, envOdoo: { odoo: { url: peer.url, database: DEMO_DATABASE, login: OWNER_A!.login, apiKey: OWNER_A!.apiKey, protocol: 'auto' }, storeId: A } });
    const emails = await admin.searchRead('mailing.contact', [['x_markket_store_id', '=', B]], ['email_normalized']);
    traces = [B, DEMO_STORE_B.name, ...emails.map((c) => String(c.email_normalized))];
  }, 60_000);
  afterAll(async () => {
    await served?.close();
    await admin?.close();
    await peer?.close();
  });

  /** One operation over HTTP as the page calls it; every answer is kept for the store-B search. */
  async function call(name: string, input: Record<string, unknown>, keep = true): Promise<Answer> {
    const res = await fetch(`${served.url}/api/rpc/${name}`, { method: 'POST', headers: { Authorization: `Bearer ${served.token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(input) });
    const text = await res.text();
    if (keep) seen.push(text);
    return { status: res.status, body: JSON.parse(text) as Record<string, unknown> };
  }
  const ok = async (name: string, input: Record<string, unknown>) => {
    const answer = await call(name, input);
    expect({ name, status: answer.status, error: answer.body.error }).toEqual({ name, status: 200, error: undefined });
    return answer.body;
  };
  const storeIds = (model: string, store: string, path = 'x_markket_store_id') => admin.search(model, [[path, '=', store]], { context: { active_test: false } });

  it("shows store A's lists, subscribers and tags, exactly as Odoo holds them for store A", async () => {
    expect(await ok('stores.list', {})).toMatchObject({ stores: [expect.objectContaining({ id: A })] });
    const lists = (await ok('marketing.lists', { storeId: A })).lists as { id: number }[];
    expect(lists.map((l) => l.id).sort()).toEqual((await storeIds('mailing.list', A)).sort());
    const page = await ok('marketing.subscribers.list', { storeId: A, list_id: lists[0]!.id, limit: 200, offset: 0 });
    expect(page.total).toBe(await admin.searchCount('mailing.contact', [['list_ids', 'in', [lists[0]!.id]]]));
    const searched = await ok('marketing.subscribers.list', { storeId: A, search: '@', limit: 50, offset: 0 });
    expect(searched.total).toBe(await admin.searchCount('mailing.contact', [['x_markket_store_id', '=', A], ['list_ids.x_markket_store_id', '=', A]]));
    const first = (page.subscribers as { id: number }[])[0]!;
    expect(await ok('marketing.subscribers.get', { storeId: A, id: first.id })).toMatchObject({ id: first.id });
    const tags = (await ok('marketing.subscribers.tags', { storeId: A })).tags as unknown[];
    expect(tags.length).toBeGreaterThan(0);
    await ok('marketing.overview', { storeId: A });
  });

  it("shows store A's campaigns, their stats, reports, recipients and exports", async () => {
    const listed = (await ok('marketing.campaigns.list', { storeId: A, limit: 200 })).campaigns as { campaign_id: string; status: string }[];
    const mailingsA = await admin.searchRead('mailing.mailing', [['x_markket_store_id', '=', A], ['x_markket_campaign_id', '!=', false]], ['x_markket_campaign_id'], { context: { active_test: false } });
    expect(new Set(listed.map((c) => c.campaign_id))).toEqual(new Set(mailingsA.map((m) => String(m.x_markket_campaign_id))));
    const sent = listed.find((c) => c.status === 'sent')!;
    await ok('marketing.campaigns.get', { storeId: A, campaignId: sent.campaign_id });
    await ok('marketing.campaigns.report', { storeId: A, campaignId: sent.campaign_id });
    await ok('campaigns.stats', { storeId: A, campaignId: sent.campaign_id });
    const recipients = await ok('marketing.campaigns.recipients', { storeId: A, campaignId: sent.campaign_id, filter: 'all', limit: 50 });
    expect((recipients.recipients as unknown[]).length).toBeGreaterThan(0);
    for (const [name, input] of [['export.subscribers', { storeId: A, format: 'csv' }], ['export.campaignRecipients', { storeId: A, campaignId: sent.campaign_id, format: 'csv' }]] as const) {
      const exported = await ok(name, input);
      const file = await fetch(`${served.url}${String((exported.download as { url: string }).url)}`);
      expect(file.status).toBe(200);
      seen.push(await file.text());
      expect(exported.rows).toBeGreaterThan(0);
    }
  });

  it('copies and edits a campaign and signs up and tags a subscriber: what it makes in Odoo carries store A', async () => {
    const listed = (await ok('marketing.campaigns.list', { storeId: A, status: 'sent', limit: 1 })).campaigns as { campaign_id: string }[];
    const copy = await ok('marketing.campaigns.duplicate', { storeId: A, campaignId: listed[0]!.campaign_id, client_request_id: `owner-a-copy-${version}` });
    expect(await ok('marketing.campaigns.update', { storeId: A, campaignId: copy.campaign_id as string, subject: `Owner's own campaign ${version}` })).toBeDefined();
    const [mailing] = await admin.searchRead('mailing.mailing', [['x_markket_campaign_id', '=', copy.campaign_id as string]], ['x_markket_store_id', 'subject', 'contact_list_ids']);
    expect(mailing).toMatchObject({ x_markket_store_id: A, subject: `Owner's own campaign ${version}`, contact_list_ids: await storeIds('mailing.list', A) });
    const added = await ok('subscribers.add', { storeId: A, email: `new.reader.${version}@example.org`, name: 'New Reader' });
    const [contact] = await admin.read('mailing.contact', [(added.row as { contact_id: number }).contact_id], ['x_markket_store_id']);
    expect(contact).toMatchObject({ x_markket_store_id: A });
    const tagged = await ok('marketing.subscribers.update', { storeId: A, id: (added.row as { contact_id: number }).contact_id, tags: { add: ['owner-tag'] } });
    expect(tagged.changed).toEqual(['tags']);
    const [tag] = await admin.searchRead('res.partner.category', [['name', '=', 'owner-tag']], ['x_markket_store_id']);
    expect(tag).toMatchObject({ x_markket_store_id: A });
  });

  it("makes a campaign for store A's vip tag and sends it: Odoo's store guard lets the owner's own mailing through", async () => {
    const [listA] = await storeIds('mailing.list', A);
    const created = await ok('marketing.campaigns.create', { storeId: A, subject: `Owner sends ${version}`, sendgrid_template_id: 'd-owner-send', list_id: listA, segment: 'tag:vip', client_request_id: `owner-a-send-${version}` });
    const mailingId = created.odoo_campaign_id as number;
    await admin.write('mailing.mailing', [mailingId], { body_html: '<p>For our best readers.</p><p><a href="/unsubscribe_from_list">Unsubscribe</a></p>' });
    const sent = await ok('marketing.campaigns.send', { storeId: A, campaignId: created.campaign_id, acknowledge: ['suppressions_unchecked'] });
    expect(sent.status).toBe('sending');
    const [mailing] = await admin.read('mailing.mailing', [mailingId], ['state', 'x_markket_store_id', 'contact_list_ids']);
    expect(mailing).toMatchObject({ state: 'in_queue', x_markket_store_id: A, contact_list_ids: [listA] });
  });

  it("records a SendGrid open on a store A trace through the stats extension", async () => {
    await ok('extensions.add', { storeId: A, record: { key: 'markket:sendgrid:stats', config: {} } });
    const [trace] = await admin.searchRead('mailing.trace', [['mass_mailing_id.x_markket_store_id', '=', A], ['trace_status', '=', 'sent'], ['message_id', '!=', false]], ['message_id', 'email'], { limit: 1 });
    const line = JSON.stringify({ event: 'open', email: trace!.email, timestamp: 1743508000, sg_event_id: `owner-open-${version}`, 'smtp-id': trace!.message_id });
    expect(await ok('events.import', { storeId: A, text: `${line}\n` })).toMatchObject({ events: 1, runs: [expect.objectContaining({ success: true })] });
    expect(await admin.read('mailing.trace', [trace!.id as number], ['trace_status'])).toEqual([{ id: trace!.id, trace_status: 'open' }]);
  });

  it("opens nothing of store B by id: its store, list, subscriber and campaign are not found, and nothing changes", async () => {
    const [listB] = await storeIds('mailing.list', B);
    const [contactB] = await storeIds('mailing.contact', B);
    const [mailingB] = await admin.searchRead('mailing.mailing', [['x_markket_store_id', '=', B], ['x_markket_campaign_id', '!=', false]], ['x_markket_campaign_id', 'subject'], { limit: 1 });
    const campaignB = String(mailingB!.x_markket_campaign_id);
    const refusals: [string, Record<string, unknown>][] = [
      ['marketing.lists', { storeId: B }],
      ['marketing.overview', { storeId: B }],
      ['marketing.subscribers.get', { storeId: A, id: contactB }],
      ['marketing.subscribers.update', { storeId: A, id: contactB, name: 'Taken over' }],
      ['marketing.subscribers.delete', { storeId: A, id: contactB, confirm_email: 'x@example.com', forget: false }],
      ['marketing.campaigns.get', { storeId: A, campaignId: campaignB }],
      ['marketing.campaigns.report', { storeId: A, campaignId: campaignB }],
      ['marketing.campaigns.update', { storeId: A, campaignId: campaignB, subject: 'Taken over' }],
      ['marketing.campaigns.duplicate', { storeId: A, campaignId: campaignB, client_request_id: `copy-of-b-${version}` }],
      ['export.campaignRecipients', { storeId: A, campaignId: campaignB, format: 'csv' }],
    ];
    // A list of another store is not one the store's subscriber browser may be asked for.
    const browsed = await call('marketing.subscribers.list', { storeId: A, list_id: listB, limit: 10, offset: 0 }, false);
    expect({ status: browsed.status, code: (browsed.body.error as { code?: string }).code }).toEqual({ status: 400, code: 'input.invalid' });
    for (const [name, input] of refusals) {
      // The refusal may repeat what was asked (store B's id): it is kept out of the trace search.
      const answer = await call(name, input, false);
      const error = answer.body.error as { code?: string; message?: string } | undefined;
      expect({ name, status: answer.status, code: error?.code }).toEqual({ name, status: 404, code: expect.stringMatching(/not_found$/) });
      const said = JSON.stringify(answer.body).toLowerCase();
      expect(traces.slice(1).filter((t) => said.includes(t.toLowerCase()))).toEqual([]);
    }
    expect(await admin.read('mailing.contact', [contactB!], ['name'])).not.toEqual([{ id: contactB, name: 'Taken over' }]);
    expect(await admin.read('mailing.mailing', [mailingB!.id as number], ['subject'])).toEqual([{ id: mailingB!.id, subject: mailingB!.subject }]);
  });

  it('never shows a trace of store B in any answer or export', () => {
    expect(seen.length).toBeGreaterThan(20);
    const everything = seen.join('\n').toLowerCase();
    expect(traces.filter((t) => everything.includes(t.toLowerCase()))).toEqual([]);
  });
});
