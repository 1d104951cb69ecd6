import { createMarketing, type MarketingService } from '../src/main/core/marketing';
import { countingFetch, createOdooClient, describeRequest } from '../src/main/core/odoo';
import { DEMO_API_KEY, DEMO_DATABASE, DEMO_LOGIN, DEMO_STORE, startOdooPeer } from '../src/main/sandbox/odoo';
import { addEngagedCampaign } from '../src/main/sandbox/odoo/engaged-campaign';
import { timed } from './measure';
import { withRoundTrip } from './round-trip';

/** What a store owner on broadband sees between their desk and a hosted Odoo. */
const ROUND_TRIP_MS = 20;
const SIZES = (process.env.BENCH_SIZES ?? '1250,12500,125000').split(',').map(Number);
const VERSIONS = ['18.0', '19.0'] as const;
const NOW = new Date('2026-11-24T12:00:00Z');
const ENGAGED = 'camp_bench50k';

interface Call {
  model: string;
  method: string;
}

interface Sent {
  url: string;
  init: RequestInit | undefined;
  call: Call;
}

/**
 * Which calls of a view need an earlier call's answer (a later "wave"); every other call could be
 * asked at once. A hand-written client knowing Odoo well needs exactly these waves, no fewer: the
 * trace activity of a subscriber page needs the page's contact ids, a tag's name needs the tag ids
 * of the page's groups, Odoo 18's read of the opens that can be each contact's latest needs its two
 * counters' answers, and a campaign's figures need its mailing's id.
 */
type Waves = (call: Call, version: string) => number;
const oneWave: Waves = () => 1;
const subscriberWaves: Waves = (c, version) => {
  if (c.model === 'res.partner.category') return 2;
  if (c.model !== 'mailing.trace') return 1;
  return version.startsWith('18') && c.method === 'read_group' ? 3 : 2;
};
const statsWaves: Waves = (c) => (c.model === 'mailing.mailing' && c.method === 'search_read' ? 1 : 2);

interface View {
  name: string;
  run: (m: MarketingService) => Promise<unknown>;
  waves: Waves;
}

const storeId = DEMO_STORE.id;
const VIEWS: View[] = [
  { name: 'overview', run: (m) => m.overview(storeId), waves: oneWave },
  { name: 'lists', run: (m) => m.lists(storeId), waves: oneWave },
  { name: 'campaign list (20)', run: (m) => m.listCampaigns({ storeId, limit: 20, offset: 0 }), waves: oneWave },
  { name: 'subscriber page (50)', run: (m) => m.subscribers({ storeId, limit: 50, offset: 0 }), waves: subscriberWaves },
  // The subscribers screen asks for the lists, the tags and the page together (src/renderer/src/views/subscribers).
  { name: 'subscribers screen (200)', run: (m) => Promise.all([m.lists(storeId), m.tags(storeId), m.subscribers({ storeId, limit: 200, offset: 0 })]), waves: subscriberWaves },
  // The stats screen asks for the campaign and its report together (src/renderer/src/views/stats).
  { name: 'campaign stats (50k mails)', run: (m) => Promise.all([m.getCampaign(storeId, ENGAGED), m.campaignReport(storeId, ENGAGED)]), waves: statsWaves },
];

/**
 * The minimal direct time of a view: the very requests the console sent, replayed verbatim with a
 * bare fetch (no parsing, no service code), each wave all at once. What the console adds on top
 * is its own overhead and any call it asks one after another that need not wait.
 */
async function replay(sent: Sent[], version: string, waves: Waves, roundTrip: typeof fetch): Promise<void> {
  const byWave = new Map<number, Sent[]>();
  for (const s of sent) {
    const wave = waves(s.call, version);
    byWave.set(wave, [...(byWave.get(wave) ?? []), s]);
  }
  for (const wave of [...byWave.keys()].sort((a, b) => a - b)) {
    await Promise.all((byWave.get(wave) ?? []).map(async (s) => (await roundTrip(s.url, s.init)).arrayBuffer()));
  }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function measure(version: (typeof VERSIONS)[number], contactCount: number): Promise<void> {
  const peer = await startOdooPeer({ seed: 'demo', contactCount, now: () => NOW, autoProcessQueue: false, version });
  try {
    const settings = { url: peer.url, database: DEMO_DATABASE, login: DEMO_LOGIN, apiKey: DEMO_API_KEY };
    const admin = createOdooClient(settings);
    const [listId] = await admin.search('mailing.list', [['x_markket_store_id', '=', storeId]]);
    await admin.close();
    addEngagedCampaign(peer.env, { listId: listId as number, campaignId: ENGAGED, mails: 50_000, openRate: 0.4, clickRate: 0.1, sentAt: new Date(NOW.getTime() - 5 * 86_400_000) });

    const roundTrip = withRoundTrip(ROUND_TRIP_MS);
    let recording: Sent[] | null = null;
    const recorder: typeof fetch = (input, init) => {
      // Without the client's signal: its timeout would have run out by the time the request is replayed.
      recording?.push({ url: String(input), init: { ...init, signal: null }, call: describeRequest(String(input), init?.body) });
      return roundTrip(input, init);
    };
    const wire = countingFetch(recorder);
    const odoo = createOdooClient(settings, { fetch: wire.fetch });
    await odoo.connect();
    const marketing = createMarketing({ odoo, now: () => NOW, stores: [DEMO_STORE] });

    console.log(`\nOdoo ${version} · ${contactCount.toLocaleString('en')} contacts · ${ROUND_TRIP_MS} ms round trip`);
    console.log('view                          calls      bytes   console ms   direct ms   console ÷ direct');
    for (const view of VIEWS) {
      await view.run(marketing); // the service's deliberate caches (ir.model ids, the version) warm up once
      wire.reset();
      recording = [];
      await view.run(marketing);
      const sent: Sent[] = recording;
      recording = null;
      // Requests that reached Odoo: two parts of a view asking the same read at once share one.
      const calls = wire.exchanges().length;
      const bytes = wire.bytes();
      const consoleTime = await timed(() => view.run(marketing));
      const directTime = await timed(() => replay(sent, version, view.waves, roundTrip));
      console.log(
        `${view.name.padEnd(28)}${String(calls).padStart(7)}${kb(bytes).padStart(11)}${consoleTime.median.toFixed(0).padStart(13)}${directTime.median.toFixed(0).padStart(12)}${(consoleTime.median / directTime.median).toFixed(2).padStart(18)}×`,
      );
    }
    await odoo.close();
  } finally {
    await peer.close();
  }
}

/**
 * `npm run bench views`: each view's Odoo calls, bytes, console time and minimal direct time on
 * Odoo 18 and 19 peers, at three store sizes, after a 50,000-mail campaign with 40 % opens.
 * Prints figures only: a benchmark never passes or fails on time.
 */
export async function run(): Promise<void> {
  for (const version of VERSIONS) {
    for (const size of SIZES) await measure(version, size);
  }
}
