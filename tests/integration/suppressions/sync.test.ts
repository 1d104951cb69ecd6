import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countingClient } from '../../../src/main/core/odoo';
import { createSendgrid } from '../../../src/main/core/sendgrid';
import { syncSuppressions } from '../../../src/main/core/suppressions';
import { SENDGRID_DEMO_API_KEY, startSendgridPeer, type SendgridPeer } from '../../../src/main/sandbox/sendgrid';
import { NOW, odooPeerAndClient } from '../extensions/helpers';

describe('SendGrid suppressions pulled into Odoo', () => {
  let env: Awaited<ReturnType<typeof odooPeerAndClient>>;
  let sg: SendgridPeer;
  let sendgrid: ReturnType<typeof createSendgrid>;

  beforeAll(async () => {
    env = await odooPeerAndClient();
    sg = await startSendgridPeer({ now: () => NOW, randomSeed: 5 });
    sendgrid = createSendgrid({ apiKey: SENDGRID_DEMO_API_KEY, baseUrl: sg.url });
    sg.suppressions.add('bounces', 'soft@example.com', 'mailbox full');
    // A soft bounce carries a 4.x.x status.
    (sg.suppressions.list('bounces')[0] as { status: string }).status = '4.2.2';
    sg.suppressions.add('unsubscribes', 'Archived@Example.com');
    const id = await env.odoo.create('mail.blacklist', { email: 'archived@example.com' });
    await env.odoo.write('mail.blacklist', [id], { active: false });
  });
  afterAll(async () => {
    await env.close();
    await sg.close();
  });

  it('blacklists unsubscribes, spam reports, invalid addresses and hard bounces, and only reports blocks', async () => {
    const counting = countingClient(env.odoo);
    const report = await syncSuppressions({ sendgrid, odoo: counting.client });
    expect(report.pulled).toEqual({ bounces: 24, blocks: 7, spam_reports: 4, invalid_emails: 5, unsubscribes: 39 });
    expect(report.temporary).toEqual({ blocks: 7, soft_bounces: 1 });
    expect(report.blacklist).toMatchObject({ added: 23 + 4 + 5 + 38, revived: 1, readable: true });
    expect(report.changed).toBe(true);
    const blocked = (sg.suppressions.list('blocks')[0] as { email: string }).email.toLowerCase();
    expect(await env.odoo.searchCount('mail.blacklist', [['email', '=', blocked]])).toBe(0);
    expect(await env.odoo.searchCount('mail.blacklist', [['email', '=', 'soft@example.com']])).toBe(0);
    expect(await env.odoo.searchCount('mail.blacklist', [['email', '=', 'archived@example.com']])).toBe(1);
    // Whether the key may read the blacklist (its user's store), then one search, one create, one
    // write, whatever the number of addresses.
    expect(counting.calls().map((c) => `${c.model}.${c.method}`)).toEqual(['res.users.read', 'mail.blacklist.search_read', 'mail.blacklist.write', 'mail.blacklist.create']);
  });

  it('changes nothing when run a second time', async () => {
    const counting = countingClient(env.odoo);
    const report = await syncSuppressions({ sendgrid, odoo: counting.client });
    expect(report.blacklist).toMatchObject({ added: 0, revived: 0, already: 23 + 4 + 5 + 39 });
    expect(report.changed).toBe(false);
    expect(counting.calls().map((c) => c.method)).toEqual(['read', 'search_read']);
  });
});
