import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_API_KEY, DEMO_DATABASE, PORTAL_PASSWORD, startOdooPeer, type OdooPeer } from '../../../../src/main/sandbox/odoo';

/** check_access_rights, which the console's connection test uses to tell which mailing models a user may change. */
describe('check_access_rights on the Odoo peer', () => {
  let peer: OdooPeer;
  beforeAll(async () => {
    peer = await startOdooPeer({ seed: 'demo' });
  });
  afterAll(async () => {
    await peer.close();
  });

  async function call(uid: number, password: string, model: string, kwargs: Record<string, unknown>) {
    const res = await fetch(`${peer.url}/jsonrpc`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', method: 'call', id: 1, params: { service: 'object', method: 'execute_kw', args: [DEMO_DATABASE, uid, password, model, 'check_access_rights', [], kwargs] } }),
    });
    return (await res.json()) as { result?: unknown; error?: { data: { name: string } } };
  }

  it('answers true for an internal user', async () => {
    expect(await call(2, DEMO_API_KEY, 'mailing.mailing', { operation: 'write' })).toMatchObject({ result: true });
  });

  it('answers false for a portal user when asked not to raise', async () => {
    expect(await call(7, PORTAL_PASSWORD, 'mailing.mailing', { operation: 'create', raise_exception: false })).toMatchObject({ result: false });
  });

  it("raises Odoo's AccessError for a portal user by default", async () => {
    const answer = await call(7, PORTAL_PASSWORD, 'mailing.contact', { operation: 'read' });
    expect(answer.error?.data.name).toBe('odoo.exceptions.AccessError');
  });
});
