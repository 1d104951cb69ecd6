import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOdooPeer, type OdooPeer } from '../../../../src/main/sandbox/odoo';
import { executeKw } from './helpers';

/**
 * A many2one in web_read's specification (addons/web/models/models.py, Odoo 17–19): without
 * "fields" it stays what read(load=None) gives, the bare id or false; with "fields" it becomes a
 * record holding its id and the fields asked for (display_name among them, odoo18-wire/046).
 */
let peer: OdooPeer;
const subscriptions = async (specification: Record<string, unknown>) => {
  const answer = await executeKw(peer, 'mailing.subscription', 'web_search_read', [], { domain: [], specification, order: 'id asc', limit: 3 });
  return (answer.result as { records: Record<string, unknown>[] }).records;
};

beforeAll(async () => {
  peer = await startOdooPeer({ seed: 'demo', contactCount: 20 });
});
afterAll(() => peer.close());

describe('web_read of a many2one on the Odoo peer', () => {
  it('gives the bare id when the specification asks for no fields of it', async () => {
    const records = await subscriptions({ list_id: {}, contact_id: {} });
    expect(records.length).toBeGreaterThan(0);
    for (const record of records) expect([typeof record.list_id, typeof record.contact_id]).toEqual(['number', 'number']);
  });

  it('gives the id with the fields asked for when the specification names them', async () => {
    const [record] = await subscriptions({ list_id: { fields: { display_name: {} } } });
    expect(record?.list_id).toEqual({ id: expect.any(Number), display_name: expect.any(String) });
  });
});
