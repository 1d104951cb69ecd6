import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOdooPeer, type OdooPeer } from '../../../../src/main/sandbox/odoo';
import { json2 } from './helpers';

/**
 * A record's chatter as Odoo 19 reads it (odoo19-json2-wire/066): message_ids lists the messages
 * logged on that record, newest first, without user notifications; has_message says whether any
 * message hangs on it. Messages of another model with the same res_id are not its own.
 */
describe('chatter fields on the Odoo peer', () => {
  let peer: OdooPeer;
  beforeAll(async () => {
    peer = await startOdooPeer({ seed: 'empty', version: '19.0' });
    const at = '2026-11-24 03:24:20';
    const put = (model: string, values: Record<string, unknown>): void => {
      peer.env.db.store(model).insert({ create_date: at, write_date: at, create_uid: 1, write_uid: 1, ...(values as { id: number }) });
    };
    put('mail.blacklist', { id: 1, email: 'elsa.ericson@example.com', active: true });
    put('mail.blacklist', { id: 2, email: 'quiet@example.com', active: true });
    put('mail.blacklist', { id: 3, email: 'notified@example.com', active: true });
    put('mail.message', { id: 70, model: 'mail.blacklist', res_id: 1, message_type: 'notification', body: '<p>Mail Blacklist created</p>', date: at });
    put('mail.message', { id: 75, model: 'mail.blacklist', res_id: 1, message_type: 'comment', body: '<p>Asked by phone</p>', date: at });
    put('mail.message', { id: 80, model: 'mailing.contact', res_id: 2, message_type: 'comment', body: '<p>Another model</p>', date: at });
    put('mail.message', { id: 81, model: 'mail.blacklist', res_id: 3, message_type: 'user_notification', body: '<p>For one user</p>', date: at });
  });
  afterAll(async () => {
    await peer.close();
  });

  it("lists a record's own messages, newest first", async () => {
    const answer = await json2(peer, 'mail.blacklist', 'read', { ids: [1, 2], fields: ['message_ids', 'has_message'] });
    expect(answer.body).toEqual([
      { id: 1, message_ids: [75, 70], has_message: true },
      { id: 2, message_ids: [], has_message: false },
    ]);
  });

  it('leaves user notifications out of message_ids while has_message still sees them', async () => {
    const answer = await json2(peer, 'mail.blacklist', 'read', { ids: [3], fields: ['message_ids', 'has_message'] });
    expect(answer.body).toEqual([{ id: 3, message_ids: [], has_message: true }]);
  });

  it('finds records by their messages', async () => {
    const answer = await json2(peer, 'mail.blacklist', 'search', { domain: [['message_ids', '!=', false]] });
    expect(answer.body).toEqual([1]);
  });

  it("logs mail.thread's creation note on a new record, unless the context says mail_create_nolog", async () => {
    // Contact 2 already has a message of its own (80, above): the quiet one takes id 1.
    const [quiet] = (await json2(peer, 'mailing.contact', 'create', { vals_list: [{ name: 'Quiet', email: 'quiet2@example.com' }], context: { mail_create_nolog: true } })).body as number[];
    const [logged] = (await json2(peer, 'mailing.contact', 'create', { vals_list: [{ name: 'Noted', email: 'noted@example.com' }] })).body as number[];
    const [row] = (await json2(peer, 'mailing.contact', 'read', { ids: [logged], fields: ['message_ids'] })).body as { message_ids: number[] }[];
    const [newest] = row!.message_ids;
    expect(row!.message_ids).toEqual([newest, 80]);
    const messages = (await json2(peer, 'mail.message', 'read', { ids: [newest], fields: ['model', 'res_id', 'message_type', 'body'] })).body;
    expect(messages).toEqual([{ id: newest, model: 'mailing.contact', res_id: logged, message_type: 'notification', body: '<p>Mailing Contact created</p>' }]);
    expect((await json2(peer, 'mailing.contact', 'read', { ids: [quiet], fields: ['has_message'] })).body).toEqual([{ id: quiet, has_message: false }]);
  });
});
