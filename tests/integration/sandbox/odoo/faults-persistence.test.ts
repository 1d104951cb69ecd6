import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startOdooPeer, type OdooPeer } from '../../../../src/main/sandbox/odoo';
import { executeKw } from './helpers';

describe('fault injection', () => {
  let peer: OdooPeer | undefined;
  afterEach(async () => peer?.close());

  it('cuts the connection before executing for the next failBefore calls', async () => {
    peer = await startOdooPeer({ autoProcessQueue: false });
    peer.faults.failBefore(1);
    await expect(executeKw(peer, 'mailing.list', 'create', [{ name: 'lost' }])).rejects.toThrow();
    expect((await executeKw(peer, 'mailing.list', 'search_count', [[]])).result).toBe(0);
  });

  it('executes the call and then drops the answer with dropAfter', async () => {
    peer = await startOdooPeer({ autoProcessQueue: false });
    peer.faults.dropAfter('mailing.list', 'create');
    await expect(executeKw(peer, 'mailing.list', 'create', [{ name: 'kept' }])).rejects.toThrow();
    expect((await executeKw(peer, 'mailing.list', 'search_count', [[]])).result).toBe(1);
    expect((await executeKw(peer, 'mailing.list', 'create', [{ name: 'second' }])).result).toBe(2);
  });

  it('holds every answer for stallMs', async () => {
    peer = await startOdooPeer({ autoProcessQueue: false });
    peer.faults.stallMs = 5_000;
    const controller = new AbortController();
    const pending = fetch(`${peer.url}/jsonrpc`, { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', method: 'call', params: { service: 'db', method: 'list', args: [] }, id: 1 }), signal: controller.signal });
    const raced = await Promise.race([pending.then(() => 'answered'), new Promise((resolve) => setTimeout(() => resolve('still waiting'), 200))]);
    controller.abort();
    await pending.catch(() => undefined);
    expect(raced).toBe('still waiting');
    peer.faults.clear();
    expect(peer.faults.stallMs).toBe(0);
  });
});

describe('persistence', () => {
  it('saves to the data file and loads the same records back, custom fields included', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'odoo-peer-'));
    const dataFile = path.join(dir, 'odoo.json');
    const first = await startOdooPeer({ seed: 'demo', contactCount: 40, dataFile, autoProcessQueue: false });
    const extra = (await executeKw(first, 'mailing.contact', 'create', [{ name: 'Zed', email: 'zed@example.com', x_markket_store_id: 'demo-store-a', list_ids: [[4, 1]] }])).result as number;
    const before = (await executeKw(first, 'mailing.list', 'read', [[1]], { fields: ['contact_count', 'x_markket_store_id'] })).result;
    await first.close();
    expect(JSON.parse(readFileSync(dataFile, 'utf8')).format).toBe('markket-odoo-peer/1');
    const second = await startOdooPeer({ seed: 'demo', contactCount: 40, dataFile, autoProcessQueue: false });
    try {
      expect((await executeKw(second, 'mailing.list', 'read', [[1]], { fields: ['contact_count', 'x_markket_store_id'] })).result).toEqual(before);
      expect((await executeKw(second, 'mailing.contact', 'read', [[extra]], { fields: ['x_markket_store_id'] })).result).toEqual([{ id: extra, x_markket_store_id: 'demo-store-a' }]);
    } finally {
      await second.close();
    }
  });
});

describe('the demo seed', () => {
  it('gives the store list about 1,250 contacts and 45 sent campaigns with realistic rates', async () => {
    const peer = await startOdooPeer({ seed: 'demo', autoProcessQueue: false, now: () => new Date('2026-06-01T00:00:00Z') });
    try {
      const [list] = (await executeKw(peer, 'mailing.list', 'search_read', [[['x_markket_store_id', '=', 'demo-store-a']]], { fields: ['name', 'contact_count', 'contact_count_opt_out', 'contact_count_blacklisted'] })).result as Record<string, number | string>[];
      expect(list).toMatchObject({ name: 'Store A - Newsletter', contact_count: 1250 });
      expect(list?.contact_count_opt_out).toBeGreaterThan(0);
      expect(list?.contact_count_blacklisted).toBeGreaterThan(0);
      const done = (await executeKw(peer, 'mailing.mailing', 'search_read', [[['state', '=', 'done'], ['contact_list_ids.x_markket_store_id', '=', 'demo-store-a']]], { fields: ['opened_ratio', 'clicks_ratio', 'x_markket_campaign_id'] })).result as { opened_ratio: number; clicks_ratio: number; x_markket_campaign_id: string }[];
      expect(done.length).toBe(45);
      const avg = (k: 'opened_ratio' | 'clicks_ratio') => done.reduce((s, m) => s + m[k], 0) / done.length;
      expect(avg('opened_ratio')).toBeGreaterThan(33);
      expect(avg('opened_ratio')).toBeLessThan(47);
      expect(avg('clicks_ratio')).toBeGreaterThan(7);
      expect(avg('clicks_ratio')).toBeLessThan(13);
      expect(done.every((m) => m.x_markket_campaign_id.startsWith('camp_'))).toBe(true);
      expect((await executeKw(peer, 'mailing.mailing', 'search_count', [[['state', '=', 'in_queue'], ['schedule_type', '=', 'scheduled'], ['x_markket_store_id', '=', 'demo-store-a']]])).result).toBe(1);
    } finally {
      await peer.close();
    }
  });
});
