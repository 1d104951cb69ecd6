import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOdooClient, type OdooClient } from '../../../src/main/core/odoo';
import { updateSubscriber } from '../../../src/main/core/marketing/subscriber-edit';
import { createSendgrid } from '../../../src/main/core/sendgrid';
import { syncSuppressions } from '../../../src/main/core/suppressions';
import { isolateDemoStores } from '../../../src/main/sandbox/demo-isolation';
import { DEMO_API_KEY, DEMO_DATABASE, DEMO_LOGIN, DEMO_STORE, DEMO_STORE_OWNERS, startOdooPeer, type OdooPeer } from '../../../src/main/sandbox/odoo';
import { SENDGRID_DEMO_API_KEY, startSendgridPeer, type SendgridPeer } from '../../../src/main/sandbox/sendgrid';
import { isAppError } from '../../../src/shared/errors';
import { NOW } from '../extensions/helpers';

const [OWNER_A] = DEMO_STORE_OWNERS;
const A = DEMO_STORE.id;

describe.each(['18.0', '19.0'] as const)("Markket's blacklist under store A's owner key (Odoo %s, stores isolated)", (version) => {
  let peer: OdooPeer;
  let sg: SendgridPeer;
  let admin: OdooClient;
  let owner: OdooClient;

  beforeAll(async () => {
    peer = await startOdooPeer({ version, seed: 'demo', contactCount: 200, autoProcessQueue: false });
    await isolateDemoStores(peer.url);
    admin = createOdooClient({ url: peer.url, database: DEMO_DATABASE, login: DEMO_LOGIN, apiKey: DEMO_API_KEY });
    owner = createOdooClient({ url: peer.url, database: DEMO_DATABASE, login: OWNER_A!.login, apiKey: OWNER_A!.apiKey });
    sg = await startSendgridPeer({ now: () => NOW, randomSeed: 5 });
    sg.suppressions.add('unsubscribes', 'Taken.Off@Example.com');
    // An address Markket's staff took off the blacklist earlier.
    const id = await admin.create('mail.blacklist', { email: 'taken.off@example.com' });
    await admin.write('mail.blacklist', [id], { active: false });
  });
  afterAll(async () => {
    await owner.close();
    await admin.close();
    await sg.close();
    await peer.close();
  });

  const rejection = async (work: Promise<unknown>) => {
    try {
      await work;
    } catch (error) {
      return error;
    }
    throw new Error('expected the change to be refused');
  };

  it("adds SendGrid's suppressions to the blacklist and counts, for the store's own subscribers, what was added, already there or kept off", async () => {
    const fresh = await admin.searchRead('mailing.contact', [['x_markket_store_id', '=', A], ['is_blacklisted', '=', false], ['email_normalized', '!=', false]], ['email_normalized'], { limit: 3, order: 'id asc' });
    const [listed] = await admin.searchRead('mailing.contact', [['x_markket_store_id', '=', A], ['is_blacklisted', '=', true]], ['email_normalized'], { limit: 1 });
    // A subscriber whose address Markket's staff took off the blacklist earlier.
    await admin.write('mailing.contact', [fresh[2]!.id as number], { email: 'taken.off@example.com' });
    sg.suppressions.add('spam_reports', fresh[1]!.email_normalized as string);
    sg.suppressions.add('unsubscribes', listed!.email_normalized as string);
    const sendgrid = createSendgrid({ apiKey: SENDGRID_DEMO_API_KEY, baseUrl: sg.url });
    const handedOver = 23 + 4 + 5 + 39 + 2;

    const report = await syncSuppressions({ sendgrid, odoo: owner });
    expect(report.blacklist).toMatchObject({ readable: false, added: 1, added_emails: [fresh[1]!.email_normalized], already: 1, kept_off: 1, unconfirmed: handedOver - 3, revived: 0 });
    expect(report.changed).toBe(true);
    const spam = (sg.suppressions.list('spam_reports')[0] as { email: string }).email.toLowerCase();
    expect(await admin.searchRead('mail.blacklist', [['email', '=', spam]], ['active'])).toEqual([{ id: expect.any(Number), active: true }]);
    // Odoo's create answers the archived entry as it is: only staff can put it back.
    expect(await admin.searchRead('mail.blacklist', [['email', '=', 'taken.off@example.com']], ['active'], { context: { active_test: false } })).toEqual([{ id: expect.any(Number), active: false }]);

    // A second run adds none of the store's subscribers again, and Odoo keeps one entry per address.
    const before = await admin.searchCount('mail.blacklist', [], { context: { active_test: false } });
    const again = await syncSuppressions({ sendgrid, odoo: owner });
    expect(again.blacklist).toMatchObject({ added: 0, already: 2, kept_off: 1, unconfirmed: handedOver - 3 });
    expect(await admin.searchCount('mail.blacklist', [], { context: { active_test: false } })).toBe(before);
  });

  it('blacklists one of its subscribers from the drawer, and is told to ask the administrator to take them off again', async () => {
    const [contact] = await admin.searchRead('mailing.contact', [['x_markket_store_id', '=', A], ['is_blacklisted', '=', false], ['email_normalized', '!=', false]], ['email_normalized'], { limit: 1, order: 'id asc' });
    const id = contact!.id as number;
    expect(await updateSubscriber(owner, { storeId: A, id, blacklisted: true })).toEqual(['blacklist']);
    expect(await admin.searchCount('mail.blacklist', [['email', '=', contact!.email_normalized as string]])).toBe(1);
    expect(await updateSubscriber(owner, { storeId: A, id, blacklisted: true })).toEqual([]);

    const refused = await rejection(updateSubscriber(owner, { storeId: A, id, blacklisted: false }));
    expect(isAppError(refused) && refused.code).toBe('odoo.access_denied');
    expect(isAppError(refused) && refused.message).toBe("Odoo's blacklist is shared by every store on Markket's Odoo, and your key may not take an address off it. Ask Markket's Odoo administrator to do it.");
    expect(await admin.searchCount('mail.blacklist', [['email', '=', contact!.email_normalized as string]])).toBe(1);
  });

  it('is told to ask the administrator when the address was taken off the blacklist before', async () => {
    const email = `revived-${version}@example.com`;
    const [contact] = await admin.searchRead('mailing.contact', [['x_markket_store_id', '=', A], ['is_blacklisted', '=', false]], ['id'], { limit: 1, order: 'id desc' });
    await admin.write('mailing.contact', [contact!.id as number], { email });
    const entry = await admin.create('mail.blacklist', { email });
    await admin.write('mail.blacklist', [entry], { active: false });
    const refused = await rejection(updateSubscriber(owner, { storeId: A, id: contact!.id as number, blacklisted: true }));
    expect(isAppError(refused) && refused.code).toBe('odoo.access_denied');
    expect(isAppError(refused) && refused.message).toContain("may not put back an address that was taken off it earlier. Ask Markket's Odoo administrator");
  });
});
