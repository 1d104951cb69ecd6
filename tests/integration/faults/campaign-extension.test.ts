import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunOutcome } from '../../../src/main/core/extensions';
import { createOdooClient, type OdooClient } from '../../../src/main/core/odoo';
import { createSendgrid } from '../../../src/main/core/sendgrid';
import { DEMO_API_KEY, DEMO_DATABASE, DEMO_LOGIN, DEMO_STORE, startOdooPeer, type OdooPeer } from '../../../src/main/sandbox/odoo';
import { SENDGRID_DEMO_API_KEY, startSendgridPeer, type SendgridPeer } from '../../../src/main/sandbox/sendgrid';
import { startFaultProxy, type Fault, type FaultProxy } from '../../support/fault-proxy';
import { extensionsHarness, NOW, storeListId } from '../extensions/helpers';

/**
 * The campaign extension (the spec's one-time campaign path) creating through the fault proxy
 * (issue 13, item 10). A caller that gives no client_request_id still gets exactly one mailing when
 * Odoo made it but the answer was lost: the extension mints a request id for every create.
 */
const LAUNCH_TEMPLATE = 'd-7b3e9d1a2c4f4e8b9a6d0c5e1f2a3b47';
const AFTER_ODOO_RAN: Fault[] = ['drop-after', '5xx-after', 'garbled-after', 'truncated-after'];

let peer: OdooPeer;
let proxy: FaultProxy;
let viaProxy: OdooClient;
let truth: OdooClient;
let sendgridPeer: SendgridPeer;
let h: Awaited<ReturnType<typeof extensionsHarness>>;
let extensionId: string;
let serial = 0;

beforeAll(async () => {
  peer = await startOdooPeer({ seed: 'demo', contactCount: 30, now: () => NOW });
  proxy = await startFaultProxy(peer.url);
  const settings = { database: DEMO_DATABASE, login: DEMO_LOGIN, apiKey: DEMO_API_KEY, protocol: 'jsonrpc' as const };
  viaProxy = createOdooClient({ url: proxy.url, ...settings, readRetries: 0 }, { sleep: async () => {} });
  truth = createOdooClient({ url: peer.url, ...settings, readRetries: 0 });
  sendgridPeer = await startSendgridPeer({ now: () => NOW, randomSeed: 3 });
  h = await extensionsHarness(viaProxy, { sendgrid: createSendgrid({ apiKey: SENDGRID_DEMO_API_KEY, baseUrl: sendgridPeer.url }) });
  const listId = await storeListId(truth, DEMO_STORE.id);
  extensionId = (await h.registry.add(DEMO_STORE.id, { key: 'markket:odoo:campaign', config: { mailing_list_id: listId } })).id;
}, 60_000);
beforeEach(() => proxy.clear());
afterAll(async () => {
  await proxy?.close();
  await Promise.all([viaProxy?.close(), truth?.close(), peer?.close(), sendgridPeer?.close(), h?.remove()]);
});

async function act(entity: Record<string, unknown>): Promise<RunOutcome> {
  const record = await h.registry.get(extensionId);
  return h.runner.run(record!, 'trigger:manual', entity);
}
const mailingsSubjected = (subject: string) => truth.searchRead('mailing.mailing', [['subject', '=', subject]], ['id', 'x_markket_campaign_id']);
const creates = () => peer.calls.filter((c) => c.model === 'mailing.mailing' && (c.method === 'create' || c.method === 'copy')).length;

describe('the campaign extension creating without a request id when the answer is lost', () => {
  it.each(AFTER_ODOO_RAN)('%s: the create succeeds once the extension repeats it, and Odoo holds exactly one mailing', async (fault) => {
    const subject = `Spring launch ${++serial}`;
    const createsBefore = creates();
    proxy.inject(fault, { model: 'mailing.mailing', method: 'create' });
    const outcome = await act({ action: 'create', sendgrid_template_id: LAUNCH_TEMPLATE, subject });
    expect(proxy.faulted.at(-1)).toMatchObject({ model: 'mailing.mailing', method: 'create', fault });
    expect(outcome).toMatchObject({ success: true, output: { status: 'draft' } });
    const mailings = await mailingsSubjected(subject);
    expect(mailings).toHaveLength(1);
    expect(mailings[0]).toMatchObject({ id: (outcome.output as { odoo_campaign_id: number }).odoo_campaign_id });
    expect(creates() - createsBefore).toBe(1);
  });

  it('answers "may or may not" with a request id when the repeat is lost too, and a run with that id makes no second mailing', async () => {
    const subject = `Summer sale ${++serial}`;
    // A gateway page before Odoo (nothing made, but the console cannot tell), then the repeat's answer lost.
    proxy.inject('5xx-before', { model: 'mailing.mailing', method: 'create' });
    proxy.inject('drop-after', { model: 'mailing.mailing', method: 'create' });
    const outcome = await act({ action: 'create', sendgrid_template_id: LAUNCH_TEMPLATE, subject });
    expect(outcome.success).toBe(false);
    expect(outcome.error?.message).toContain('may or may not have been saved');
    const requestId = /"client_request_id": "([^"]+)"/.exec(outcome.error?.message ?? '')?.[1];
    expect(requestId).toMatch(/^ext-/);
    expect(await mailingsSubjected(subject)).toHaveLength(1);

    const again = await act({ action: 'create', sendgrid_template_id: LAUNCH_TEMPLATE, subject, client_request_id: requestId });
    expect(again.success).toBe(true);
    expect(await mailingsSubjected(subject)).toHaveLength(1);
  });

  it('duplicates once when the answer to the copy is lost', async () => {
    const subject = `Autumn preview ${++serial}`;
    const original = await act({ action: 'create', sendgrid_template_id: LAUNCH_TEMPLATE, subject });
    const campaignId = (original.output as { campaign_id: string }).campaign_id;
    proxy.inject('drop-after', { model: 'mailing.mailing', method: 'copy' });
    const copied = await act({ action: 'duplicate', campaign_id: campaignId });
    expect(copied).toMatchObject({ success: true, output: { duplicated_from: campaignId } });
    expect(await mailingsSubjected(subject)).toHaveLength(2);
  });
});
