import { performance } from 'node:perf_hooks';
import { createMarketing } from '../src/main/core/marketing';
import { countingClient, createOdooClient } from '../src/main/core/odoo';
import { DEMO_API_KEY, DEMO_DATABASE, DEMO_LOGIN, DEMO_STORE, startOdooPeer } from '../src/main/sandbox/odoo';

/**
 * Odoo round trips per Dashboard API operation, on the demo store and on a store ten times larger.
 * Round trips are the stable figure (they do not move with machine load); times are printed beside them.
 */
export async function run(): Promise<void> {
  for (const contactCount of [1_250, 12_500]) {
    const now = () => new Date('2026-11-24T12:00:00Z');
    const peer = await startOdooPeer({ seed: 'demo', contactCount, now, autoProcessQueue: false });
    const counted = countingClient(createOdooClient({ url: peer.url, database: DEMO_DATABASE, login: DEMO_LOGIN, apiKey: DEMO_API_KEY }));
    await counted.client.connect();
    const marketing = createMarketing({ odoo: counted.client, now, stores: [DEMO_STORE] });
    const storeId = DEMO_STORE.id;
    const campaigns = await marketing.listCampaigns({ storeId, limit: 1, offset: 0 });
    const first = campaigns.campaigns[0];
    const ops: [string, () => Promise<unknown>][] = [
      ['overview', () => marketing.overview(storeId)],
      ['lists', () => marketing.lists(storeId)],
      ['campaigns page (20)', () => marketing.listCampaigns({ storeId, limit: 20, offset: 0 })],
      ['subscribers page (50)', () => marketing.subscribers({ storeId, limit: 50, offset: 0 })],
      ['subscribers search', () => marketing.subscribers({ storeId, limit: 50, offset: 0, search: 'smith' })],
      ...(first ? ([['campaign stats', () => marketing.getCampaign(storeId, first.campaign_id)]] as [string, () => Promise<unknown>][]) : []),
    ];
    console.log(`\n${contactCount.toLocaleString('en')} contacts`);
    console.log('operation                 odoo calls   ms');
    for (const [name, call] of ops) {
      await call(); // warm caches the service keeps on purpose (ir.model ids)
      counted.reset();
      const t0 = performance.now();
      await call();
      const ms = performance.now() - t0;
      console.log(`${name.padEnd(26)}${String(counted.count()).padStart(10)}   ${ms.toFixed(1)}`);
    }
    await counted.client.close();
    await peer.close();
  }
}
