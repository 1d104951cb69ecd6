import { afterEach, describe, expect, it } from 'vitest';
import { startOdooPeer, type DeliveryStep, type OdooPeer, type OutgoingMail } from '../../../../src/main/sandbox/odoo';
import { executeKw } from './helpers';

const NOW = new Date('2026-03-01T10:00:00Z');

async function peerWithList(deliver?: DeliveryStep): Promise<{ peer: OdooPeer; listId: number }> {
  const peer = await startOdooPeer({ autoProcessQueue: false, now: () => NOW, ...(deliver ? { deliver } : {}) });
  const listId = (await executeKw(peer, 'mailing.list', 'create', [{ name: 'Q' }])).result as number;
  await executeKw(peer, 'mailing.contact', 'create', [[
    { name: 'Ann', email: 'ann@example.com', list_ids: [[4, listId]] },
    { name: 'Bob', email: 'bob@example.com', subscription_ids: [[0, 0, { list_id: listId, opt_out: true }]] },
    { name: 'Cy', email: 'broken', list_ids: [[4, listId]] },
    { name: 'Dee', email: 'dee@example.com', list_ids: [[4, listId]] },
    { name: 'Ann', email: 'ANN@example.com', list_ids: [[4, listId]] },
  ]]);
  await executeKw(peer, 'mail.blacklist', 'create', [{ email: 'dee@example.com' }]);
  return { peer, listId };
}

async function launch(peer: OdooPeer, listId: number): Promise<number> {
  const id = (await executeKw(peer, 'mailing.mailing', 'create', [{ subject: 'Hi', contact_list_ids: [[6, 0, [listId]]], body_html: '<p>Hi <t t-out="object.name or \'\'">x</t> <a href="https://shop.example.com/a">Shop</a></p>' }])).result as number;
  const answer = await executeKw(peer, 'mailing.mailing', 'action_launch', [[id]]);
  expect('result' in answer).toBe(false);
  return id;
}

describe('the mass-mailing queue', () => {
  let peer: OdooPeer | undefined;
  afterEach(async () => peer?.close());

  it('cancels blacklisted, opted-out, invalid and duplicate addresses and sends the rest', async () => {
    const setup = await peerWithList();
    peer = setup.peer;
    const id = await launch(peer, setup.listId);
    await peer.processQueue();
    const traces = (await executeKw(peer, 'mailing.trace', 'search_read', [[['mass_mailing_id', '=', id]]], { fields: ['email', 'trace_status', 'failure_type'], order: 'id asc' })).result as { email: string; trace_status: string; failure_type: string | false }[];
    const byStatus = traces.map((t) => `${t.email}:${t.trace_status}:${t.failure_type}`).sort();
    expect(byStatus).toEqual(['ann@example.com:cancel:mail_dup', 'ann@example.com:sent:false', 'bob@example.com:cancel:mail_optout', 'broken:cancel:mail_email_invalid', 'dee@example.com:cancel:mail_bl']);
  });

  it('computes statistics with Odoo\'s denominators after opens, clicks and a bounce', async () => {
    const setup = await peerWithList();
    peer = setup.peer;
    await executeKw(peer, 'mailing.contact', 'create', [[{ name: 'Eve', email: 'eve@example.com', list_ids: [[4, setup.listId]] }, { name: 'Fay', email: 'fay@example.com', list_ids: [[4, setup.listId]] }]]);
    const id = await launch(peer, setup.listId);
    await peer.processQueue();
    const sent = (await executeKw(peer, 'mailing.trace', 'search', [[['mass_mailing_id', '=', id], ['trace_status', '=', 'sent']]], { order: 'id asc' })).result as number[];
    expect(sent.length).toBe(3);
    peer.tracking.open(sent[0] as number);
    peer.tracking.click(sent[1] as number, 'https://shop.example.com/a');
    peer.tracking.bounce(sent[2] as number, '550 user unknown');
    const [stats] = (await executeKw(peer, 'mailing.mailing', 'read', [[id]], { fields: ['state', 'expected', 'canceled', 'sent', 'delivered', 'opened', 'clicked', 'bounced', 'received_ratio', 'opened_ratio', 'clicks_ratio', 'bounced_ratio'] })).result as Record<string, unknown>[];
    // 7 traces, 4 canceled -> 3 expected to go out; 2 delivered, 2 opened (a click opens), 1 clicked, 1 bounced.
    expect(stats).toMatchObject({ state: 'done', expected: 7, canceled: 4, sent: 3, delivered: 2, opened: 2, clicked: 1, bounced: 1, received_ratio: 66.67, opened_ratio: 100, clicks_ratio: 50, bounced_ratio: 33.33 });
  });

  it('hands valid mails to the delivery step with the tracking message id and campaign id', async () => {
    const seen: OutgoingMail[] = [];
    const setup = await peerWithList(async (mails) => {
      seen.push(...mails);
      return mails.map(() => ({ status: 'sent' as const }));
    });
    peer = setup.peer;
    await launch(peer, setup.listId);
    await peer.processQueue();
    expect(seen.map((m) => m.emailTo)).toEqual(['ann@example.com']);
    expect(seen[0]?.messageId).toMatch(/^<\d{15}\.\d+\.\d{15}-openerp-reply_to@[\w.-]+>$/);
    expect(seen[0]?.bodyHtml).toContain('Hi Ann');
    expect(seen[0]?.bodyHtml).toMatch(/\/r\/\w+\/m\/\d+/);
  });

  it('marks traces failed with the delivery step\'s reason', async () => {
    const setup = await peerWithList(async (mails) => mails.map(() => ({ status: 'error' as const, failureType: 'mail_smtp', failureReason: 'relay refused' })));
    peer = setup.peer;
    const id = await launch(peer, setup.listId);
    await peer.processQueue();
    const [stats] = (await executeKw(peer, 'mailing.mailing', 'read', [[id]], { fields: ['failed', 'state'] })).result as Record<string, unknown>[];
    expect(stats).toMatchObject({ failed: 1, state: 'done' });
  });

  it('keeps a mailing scheduled in the future in queue until it is due', async () => {
    let now = NOW;
    peer = await startOdooPeer({ autoProcessQueue: false, now: () => now });
    const listId = (await executeKw(peer, 'mailing.list', 'create', [{ name: 'S' }])).result as number;
    await executeKw(peer, 'mailing.contact', 'create', [{ name: 'Ann', email: 'ann@example.com', list_ids: [[4, listId]] }]);
    const id = (await executeKw(peer, 'mailing.mailing', 'create', [{ subject: 'Later', contact_list_ids: [[6, 0, [listId]]], schedule_type: 'scheduled', schedule_date: '2026-03-02 10:00:00' }])).result as number;
    expect('result' in (await executeKw(peer, 'mailing.mailing', 'action_schedule', [[id]]))).toBe(false);
    await peer.processQueue();
    expect(((await executeKw(peer, 'mailing.mailing', 'read', [[id]], { fields: ['state'] })).result as { state: string }[])[0]?.state).toBe('in_queue');
    now = new Date('2026-03-02T10:00:01Z');
    await peer.processQueue();
    expect(((await executeKw(peer, 'mailing.mailing', 'read', [[id]], { fields: ['state'] })).result as { state: string }[])[0]?.state).toBe('done');
  });

  it('returns the date wizard when scheduling without a future date', async () => {
    peer = await startOdooPeer({ autoProcessQueue: false, now: () => NOW });
    const id = (await executeKw(peer, 'mailing.mailing', 'create', [{ subject: 'Now?' }])).result as number;
    expect((await executeKw(peer, 'mailing.mailing', 'action_schedule', [[id]])).result).toMatchObject({ res_model: 'mailing.mailing.schedule.date', context: { default_mass_mailing_id: id } });
  });

  it('sends on its own soon after action_launch when the queue runs automatically', async () => {
    peer = await startOdooPeer({ now: () => NOW });
    const listId = (await executeKw(peer, 'mailing.list', 'create', [{ name: 'Auto' }])).result as number;
    await executeKw(peer, 'mailing.contact', 'create', [{ name: 'Ann', email: 'ann@example.com', list_ids: [[4, listId]] }]);
    const id = await launch(peer, listId);
    await peer.whenIdle();
    expect(((await executeKw(peer, 'mailing.mailing', 'read', [[id]], { fields: ['state', 'delivered'] })).result as unknown[])[0]).toMatchObject({ state: 'done', delivered: 1 });
  });
});

describe('mailing_domain', () => {
  it('keeps a domain written with the lists and recomputes it when only the lists change', async () => {
    const peer = await startOdooPeer({ autoProcessQueue: false });
    try {
      const [a, b] = (await executeKw(peer, 'mailing.list', 'create', [[{ name: 'A' }, { name: 'B' }]])).result as number[];
      const segment = `[('list_ids', 'in', [${a}]), ('tag_ids', '!=', False)]`;
      const id = (await executeKw(peer, 'mailing.mailing', 'create', [{ subject: 'Seg', contact_list_ids: [[6, 0, [a]]], mailing_domain: segment }])).result as number;
      const read = async () => ((await executeKw(peer, 'mailing.mailing', 'read', [[id]], { fields: ['mailing_domain'] })).result as { mailing_domain: string }[])[0]?.mailing_domain;
      expect(await read()).toBe(segment);
      await executeKw(peer, 'mailing.mailing', 'write', [[id], { contact_list_ids: [[6, 0, [a, b]]] }]);
      expect(await read()).toBe(`[('list_ids', 'in', [${a}, ${b}])]`);
    } finally {
      await peer.close();
    }
  });
});
