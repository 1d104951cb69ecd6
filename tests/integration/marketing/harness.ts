import { z } from 'zod';
import { countingClient, countingFetch, createOdooClient, type OdooClient } from '../../../src/main/core/odoo';
import { createMarketing, type MarketingService } from '../../../src/main/core/marketing';
import { marketingHandlers } from '../../../src/main/host/handlers/marketing';
import { DEMO_API_KEY, DEMO_DATABASE, DEMO_LOGIN, DEMO_STORE, startOdooPeer, type OdooPeer } from '../../../src/main/sandbox/odoo';
import { marketingOps as spec } from '../../../src/shared/ops/marketing';
import { subscriberBulkOps } from '../../../src/shared/ops/subscriber-bulk';

const marketingOps = { ...spec, ...subscriberBulkOps };
import type { CallContext } from '../../../src/shared/rpc';
import { createSendgrid, type SendgridService } from '../../../src/main/core/sendgrid';
import type { EngagementBook } from '../../../src/main/core/marketing';
import { SENDGRID_DEMO_API_KEY, startSendgridPeer, type SendgridPeer } from '../../../src/main/sandbox/sendgrid';
import { roundTripCounter, type RoundTrips } from '../../support/round-trips';

export { DEMO_STORE };
/** The demo's fixed "today": the seed's campaigns are dated relative to it. */
export const TODAY = new Date('2026-11-24T12:00:00Z');

type Ops = typeof marketingOps;
type OpName = keyof Ops;

export interface MarketingWorld {
  peer: OdooPeer;
  /** An uncounted client for arranging data and asking Odoo what it holds (the oracle). */
  odoo: OdooClient;
  marketing: MarketingService;
  /** Odoo calls the marketing service made since the last reset. */
  calls: ReturnType<typeof countingClient>;
  /** Bytes of the marketing service's Odoo requests and answers since the last reset. */
  wire: ReturnType<typeof countingFetch>;
  clock: { now: () => Date; set(d: Date): void };
  storeListId: number;
  /** With `sendgrid: true`: the SendGrid peer the service talks to. */
  sendgridPeer?: SendgridPeer;
  sendgrid?: SendgridService;
  /** What the stats extensions would have counted from SendGrid's events; tests fill it in. */
  engagement: EngagementBook;
  /** Runs an operation as the transports do: contract input parse, handler, contract output parse. */
  run<K extends OpName>(name: K, input: z.input<Ops[K]['input']>): Promise<z.infer<Ops[K]['output']>>;
  close(): Promise<void>;
}

const noContext: CallContext = { emit: () => undefined, signal: new AbortController().signal };

export async function startMarketingWorld(options: { contactCount?: number; autoProcessQueue?: boolean; sendgrid?: boolean; version?: '18.0' | '19.0' } = {}): Promise<MarketingWorld> {
  let current = TODAY;
  const clock = { now: () => current, set: (d: Date) => void (current = d) };
  const peer = await startOdooPeer({ seed: 'demo', now: clock.now, randomSeed: 7, autoProcessQueue: options.autoProcessQueue ?? false, ...(options.contactCount ? { contactCount: options.contactCount } : {}), ...(options.version ? { version: options.version } : {}) });
  const settings = { url: peer.url, database: DEMO_DATABASE, login: DEMO_LOGIN, apiKey: DEMO_API_KEY };
  const odoo = createOdooClient(settings);
  const wire = countingFetch();
  const calls = countingClient(createOdooClient(settings, { fetch: wire.fetch }));
  await calls.client.connect();
  let nextId = 0;
  const sendgridPeer = options.sendgrid ? await startSendgridPeer({ now: clock.now, randomSeed: 11 }) : undefined;
  const sendgrid = sendgridPeer ? createSendgrid({ apiKey: SENDGRID_DEMO_API_KEY, baseUrl: sendgridPeer.url }) : undefined;
  const engagement: EngagementBook = {};
  const marketing = createMarketing({
    odoo: calls.client, now: clock.now, newId: () => `test${String(++nextId).padStart(6, '0')}`, stores: [DEMO_STORE],
    ...(sendgrid ? { sendgrid: () => sendgrid } : {}),
    engagement: async () => engagement,
  });
  const [storeList] = await odoo.search('mailing.list', [['x_markket_store_id', '=', DEMO_STORE.id]]);
  if (!storeList) throw new Error('the demo seed has no store list');
  return {
    peer, odoo, marketing, calls, wire, clock, storeListId: storeList, engagement,
    ...(sendgridPeer && sendgrid ? { sendgridPeer, sendgrid } : {}),
    async run(name, input) {
      const op = marketingOps[name];
      const parsedInput = op.input.parse(input);
      const handler = marketingHandlers[name] as unknown as (i: unknown, s: { marketing: MarketingService }, c: CallContext) => Promise<unknown>;
      const output = await handler(parsedInput, { marketing }, noContext);
      return op.output.parse(output) as never;
    },
    async close() {
      await Promise.all([odoo.close(), calls.client.close()]);
      await peer.close();
      await sendgridPeer?.close();
    },
  };
}

/** Adds `count` sent Markket campaigns to the store's list, as if sent earlier (no traces). */
export async function addSentCampaigns(world: MarketingWorld, count: number): Promise<void> {
  const sentDate = '2026-01-15 09:00:00';
  await world.odoo.createMany('mailing.mailing', Array.from({ length: count }, (_, i) => ({
    subject: `Archive campaign ${i}`,
    contact_list_ids: [[6, 0, [world.storeListId]]],
    x_markket_campaign_id: `camp_bulk${String(i).padStart(6, '0')}`,
    body_html: '<p>Old news</p>',
    state: 'done',
    sent_date: sentDate,
  })));
}

/** An email as a person writes it in Odoo's editor: real content and Odoo's unsubscribe link. */
export const WRITTEN_BODY = '<p>Our winter sale starts today: everything 20 % off.</p><p style="font-size:12px"><a href="/unsubscribe_from_list">Unsubscribe</a></p>';

/** The person writes the campaign's email (in Odoo's editor): the pre-send check then finds a body of their own. */
export async function writeBody(world: Pick<MarketingWorld, 'odoo'>, odooId: number): Promise<void> {
  await world.odoo.write('mailing.mailing', [odooId], { body_html: WRITTEN_BODY, body_arch: WRITTEN_BODY });
}

/** Without a SendGrid key the pre-send check warns that suppressions went unchecked; the sender has read it. */
export const NO_SENDGRID_ACK = ['suppressions_unchecked' as const];

/** Creates a campaign to the store list's VIP segment with a written body, sends it and runs Odoo's queue once. */
export async function sendToVips(world: MarketingWorld, subject: string, requestId: string): Promise<{ campaign_id: string; odoo_campaign_id: number }> {
  const created = await world.run('marketing.campaigns.create', { storeId: DEMO_STORE.id, subject, sendgrid_template_id: 'd-vip', list_id: world.storeListId, segment: 'tag:vip', schedule: null, client_request_id: requestId });
  await writeBody(world, created.odoo_campaign_id);
  await world.run('marketing.campaigns.send', { storeId: DEMO_STORE.id, campaignId: created.campaign_id, acknowledge: [...NO_SENDGRID_ACK] });
  await world.peer.processQueue();
  return created;
}

/** What the review dialog does: run the pre-send check and tick every warning it shows. */
export async function readWarnings(world: Pick<MarketingWorld, 'run'>, storeId: string, campaignId: string) {
  const check = await world.run('marketing.campaigns.precheck', { storeId, campaignId });
  return check.issues.filter((i) => i.severity === 'warning').map((i) => i.code);
}

/** A marketing service on the world's Odoo, through a client of its own whose every call is counted (issue 15's budgets). */
export interface CountedMarketing {
  marketing: MarketingService;
  counter: RoundTrips;
  close(): Promise<void>;
}

export async function countedMarketing(world: MarketingWorld): Promise<CountedMarketing> {
  const inner = createOdooClient({ url: world.peer.url, database: DEMO_DATABASE, login: DEMO_LOGIN, apiKey: DEMO_API_KEY });
  await inner.connect();
  const counter = roundTripCounter(inner);
  const marketing = createMarketing({ odoo: counter.client, now: world.clock.now, stores: [DEMO_STORE], engagement: async () => ({}) });
  return { marketing, counter, close: () => inner.close() };
}
