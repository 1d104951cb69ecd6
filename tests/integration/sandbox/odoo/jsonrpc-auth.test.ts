import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY, PORTAL_PASSWORD, startOdooPeer, type OdooPeer } from '../../../../src/main/sandbox/odoo';
import { executeKw } from './helpers';

describe('JSON-RPC authentication and rights', () => {
  let peer: OdooPeer;
  beforeAll(async () => {
    peer = await startOdooPeer({ seed: 'demo', contactCount: 20, autoProcessQueue: false });
  });
  afterAll(async () => peer.close());

  const common = async (method: string, args: unknown[]) => {
    const res = await fetch(`${peer.url}/jsonrpc`, { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', method: 'call', params: { service: 'common', method, args }, id: 7 }) });
    return (await res.json()) as { result?: unknown; error?: { data: { name: string } } };
  };

  it('authenticates the demo login with the documented demo API key', async () => {
    expect((await common('authenticate', ['markket', 'admin', DEMO_API_KEY, {}])).result).toBe(2);
  });

  it('answers false, not an error, for a wrong key', async () => {
    expect(await common('authenticate', ['markket', 'admin', 'wrong', {}])).toMatchObject({ result: false });
  });

  it('answers psycopg2.OperationalError for a database that does not exist', async () => {
    expect((await common('authenticate', ['nosuchdb', 'admin', DEMO_API_KEY, {}])).error?.data.name).toBe('psycopg2.OperationalError');
  });

  it('refuses a valid key used with another uid', async () => {
    const answer = await executeKw(peer, 'mailing.list', 'search_count', [[]], {}, { uid: 6, secret: DEMO_API_KEY });
    expect(answer.error?.data.name).toBe('odoo.exceptions.AccessDenied');
  });

  it('lets the portal user log in but not read mailings', async () => {
    expect((await common('authenticate', ['markket', 'portal', PORTAL_PASSWORD, {}])).result).toBe(7);
    const answer = await executeKw(peer, 'mailing.mailing', 'search_read', [[]], { fields: ['subject'] }, { uid: 7, secret: PORTAL_PASSWORD });
    expect(answer.error?.data.name).toBe('odoo.exceptions.AccessError');
  });

  it('records every RPC it receives in order', async () => {
    const before = peer.calls.length;
    await executeKw(peer, 'mailing.contact', 'search_count', [[]]);
    expect(peer.calls.slice(before)).toEqual([{ protocol: 'jsonrpc', service: 'object', model: 'mailing.contact', method: 'search_count' }]);
  });

  it('names the subscription model mailing.contact.subscription on Odoo 16', async () => {
    const old = await startOdooPeer({ version: '16.0', seed: 'demo', contactCount: 5, autoProcessQueue: false });
    try {
      expect((await executeKw(old, 'mailing.contact.subscription', 'search_count', [[['list_id.x_markket_store_id', '=', 'demo-store-a']]])).result).toBe(5);
      expect((await executeKw(old, 'mailing.subscription', 'search_count', [[]])).error?.data.name).toBe('odoo.exceptions.UserError');
    } finally {
      await old.close();
    }
  });
});
