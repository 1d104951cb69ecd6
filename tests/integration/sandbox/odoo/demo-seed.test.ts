import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY, DEMO_DATABASE, startOdooPeer, type OdooPeer } from '../../../../src/main/sandbox/odoo';

/** The demo store must read like a real one: nothing in it may have happened after "now". */
describe('the demo seed', () => {
  const now = new Date('2026-11-25T12:00:00Z');
  let peer: OdooPeer;
  beforeAll(async () => {
    peer = await startOdooPeer({ seed: 'demo', now: () => now, autoProcessQueue: false });
  });
  afterAll(async () => {
    await peer.close();
  });

  async function latest(field: string): Promise<string> {
    const res = await fetch(`${peer.url}/jsonrpc`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', method: 'call', id: 1, params: { service: 'object', method: 'execute_kw', args: [DEMO_DATABASE, 2, DEMO_API_KEY, 'mailing.trace', 'search_read', [[[field, '!=', false]]], { fields: [field], order: `${field} desc`, limit: 1 }] } }),
    });
    const body = (await res.json()) as { result: Record<string, string>[] };
    return body.result[0]![field]!;
  }

  it('has no open, click or reply later than the clock', async () => {
    const clock = now.toISOString().replace('T', ' ').slice(0, 19);
    for (const field of ['open_datetime', 'links_click_datetime', 'reply_datetime', 'sent_datetime']) {
      expect({ field, latest: (await latest(field)) <= clock }).toEqual({ field, latest: true });
    }
  });
});
