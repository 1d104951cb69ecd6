import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutgoingMail } from '../../../src/main/sandbox/odoo';
import type { Fault } from '../../support/fault-proxy';
import { collectDelivered } from '../../support/delivered-mails';
import { failure, startFaultHarness, STORE_ID, type FaultHarness } from './harness';

/**
 * "Send a test" (issue 11) when Odoo's answer is lost or never comes (issue 13, retry): "Try again"
 * repeats the request with the same client_request_id, and no address ever gets the test twice.
 * Odoo's test wizard leaves nothing to look up afterwards, so what a try may have sent is remembered
 * by the console and said in words.
 */
const AFTER_ODOO_RAN: Fault[] = ['drop-after', '5xx-after', 'garbled-after', 'truncated-after'];
const TESTER = 'front.desk@store-a.example.com';

let h: FaultHarness;
let campaignId: string;
let serial = 0;
let delivered: OutgoingMail[] = [];
const testsTo = (email: string) => delivered.filter((m) => m.emailTo === email && m.subject.startsWith('[TEST]')).length;

beforeAll(async () => {
  h = await startFaultHarness();
  delivered = collectDelivered(h.peer);
  const listId = (await h.api.call('marketing.lists', { storeId: STORE_ID })).lists[0]!.id;
  campaignId = (await h.api.call('marketing.campaigns.create', { storeId: STORE_ID, subject: 'Tested twice?', sendgrid_template_id: 'd-test-send', list_id: listId, client_request_id: 'test-send-retry-campaign' })).campaign_id;
}, 60_000);
afterAll(async () => h?.close());

const testSend = (emails: string[], requestId: string) => h.api.call('marketing.campaigns.test_send', { storeId: STORE_ID, campaignId, emails, client_request_id: requestId });

describe('a test send whose answer is lost after Odoo sent it', () => {
  it.each(AFTER_ODOO_RAN)('%s: says it may have gone, and Try again sends no second test', async (fault) => {
    await h.calm();
    const email = `tester.${++serial}@store-a.example.com`;
    const requestId = `test-send-retry-${serial}`;
    h.proxy.inject(fault, { model: 'mailing.mailing.test', method: 'send_mail_test' });
    const error = await failure(testSend([email], requestId));
    expect(error.message).toContain(`It may or may not have gone to ${email}: check that inbox.`);
    expect(error.details).toMatchObject({ maybe_sent_to: [email], retry: { client_request_id: requestId } });
    expect(testsTo(email)).toBe(1);

    await h.calm();
    const again = await testSend([email], requestId);
    expect(again).toMatchObject({ sent_to: [email], already_sent: [email], maybe_sent: [email] });
    expect(testsTo(email)).toBe(1);
  });
});

describe('a test send that failed before Odoo was asked to send it', () => {
  it.each(['reset-before', 'drop-after'] as Fault[])('%s on the test wizard: Try again sends the test, once', async (fault) => {
    await h.calm();
    const requestId = `test-send-retry-${++serial}`;
    h.proxy.inject(fault, { model: 'mailing.mailing.test', method: 'create' });
    await failure(testSend([TESTER], requestId));
    const before = testsTo(TESTER);

    await h.calm();
    const again = await testSend([TESTER], requestId);
    expect(again.already_sent).toBeUndefined();
    expect(testsTo(TESTER)).toBe(before + 1);
  });
});

describe('repeating a test send that worked', () => {
  it('sends only to the address added since, and names the one already sent', async () => {
    await h.calm();
    const first = `first.${++serial}@store-a.example.com`;
    const added = `added.${serial}@store-a.example.com`;
    const requestId = `test-send-retry-${serial}`;
    await testSend([first], requestId);
    const again = await testSend([first, added], requestId);
    expect(again).toMatchObject({ sent_to: [first, added], already_sent: [first] });
    expect(again.maybe_sent).toBeUndefined();
    expect([testsTo(first), testsTo(added)]).toEqual([1, 1]);
  });

  it('without a request id, each send is a new test', async () => {
    await h.calm();
    const email = `plain.${++serial}@store-a.example.com`;
    await h.api.call('marketing.campaigns.test_send', { storeId: STORE_ID, campaignId, emails: [email] });
    await h.api.call('marketing.campaigns.test_send', { storeId: STORE_ID, campaignId, emails: [email] });
    expect(testsTo(email)).toBe(2);
  });
});

describe('a restart between the lost answer and Try again', () => {
  it('the restarted console still knows the test may have gone, and sends no second one', async () => {
    await h.calm();
    const email = `restarted.${++serial}@store-a.example.com`;
    const requestId = `test-send-retry-${serial}`;
    h.proxy.inject('drop-after', { model: 'mailing.mailing.test', method: 'send_mail_test' });
    await failure(testSend([email], requestId));
    expect(testsTo(email)).toBe(1);

    await h.restartConsole();
    await h.calm();
    const again = await testSend([email], requestId);
    expect(again).toMatchObject({ sent_to: [email], already_sent: [email], maybe_sent: [email] });
    expect(testsTo(email)).toBe(1);
  });
});
