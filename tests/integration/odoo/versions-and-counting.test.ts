import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countingClient, createOdooClient, subscriptionModel, traceStatuses, type OdooClient } from '../../../src/main/core/odoo';
import { startReplayServer, type ReplayServer } from '../../support/replay-server';

const API_KEY = '1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b';

describe('Odoo version differences', () => {
  it('uses mailing.subscription from 17 and mailing.contact.subscription before', () => {
    expect(subscriptionModel(16)).toBe('mailing.contact.subscription');
    expect(subscriptionModel(17)).toBe('mailing.subscription');
    expect(subscriptionModel(19)).toBe('mailing.subscription');
  });
});

describe('Reading what the server knows', () => {
  let server: ReplayServer;
  let client: OdooClient;
  beforeEach(async () => {
    server = await startReplayServer({ apiKey: API_KEY });
    client = createOdooClient({ url: server.url, database: 'markket', login: 'admin', apiKey: API_KEY });
  });
  afterEach(async () => {
    await client.close();
    await server.close();
  });

  it('reads the trace statuses from fields_get instead of assuming them', async () => {
    server.answer({ recording: '024' });
    const statuses = await traceStatuses(client);
    expect(statuses).toEqual(expect.arrayContaining(['outgoing', 'sent', 'open', 'reply', 'bounce', 'error', 'cancel']));
    expect((server.modelCalls()[0]?.json as { params: { args: unknown[] } }).params.args.slice(3)).toEqual([
      'mailing.trace', 'fields_get', [], { allfields: ['trace_status'], attributes: ['type', 'selection'] },
    ]);
  });

  it('counts every model call made through the counting wrapper', async () => {
    const counted = countingClient(client);
    server.answer({ recording: '042' }, { recording: '110' });
    await counted.client.connect();
    await counted.client.searchCount('mailing.contact', []);
    await counted.client.call('mailing.mailing', 'action_launch', [2]);
    expect(counted.count()).toBe(2);
    expect(counted.calls()).toEqual([
      { model: 'mailing.contact', method: 'search_count' },
      { model: 'mailing.mailing', method: 'action_launch' },
    ]);
    counted.reset();
    expect(counted.count()).toBe(0);
  });
});
