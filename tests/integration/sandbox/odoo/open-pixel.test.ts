import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { PORTAL_PASSWORD, startOdooPeer, type OdooPeer, type OutgoingMail } from '../../../../src/main/sandbox/odoo';
import { executeKw } from './helpers';

const NOW = new Date('2026-03-01T10:00:00Z');

/** Odoo's tools.hmac: HMAC-SHA256 of repr((scope, message)) under the database.secret parameter. */
const odooHmac = (secret: string, scope: string, message: number): string => createHmac('sha256', secret).update(`('${scope}', ${message})`).digest('hex');

describe("the open pixel of a delivered mail (mass_mailing's /mail/track route)", () => {
  let peer: OdooPeer | undefined;
  afterEach(async () => peer?.close());

  async function sendOne(): Promise<{ mail: OutgoingMail; traceId: number }> {
    const delivered: OutgoingMail[] = [];
    peer = await startOdooPeer({ autoProcessQueue: false, now: () => NOW, deliver: async (mails) => (delivered.push(...mails), mails.map(() => ({ status: 'sent' as const }))) });
    const listId = (await executeKw(peer, 'mailing.list', 'create', [{ name: 'Readers' }])).result as number;
    await executeKw(peer, 'mailing.contact', 'create', [[{ name: 'Ann', email: 'ann@example.com', list_ids: [[4, listId]] }]]);
    const mailingId = (await executeKw(peer, 'mailing.mailing', 'create', [{ subject: 'Spring', contact_list_ids: [[6, 0, [listId]]], body_html: '<p>Spring is here.</p>' }])).result as number;
    await executeKw(peer, 'mailing.mailing', 'action_launch', [[mailingId]]);
    await peer.processQueue();
    const [traceId] = (await executeKw(peer, 'mailing.trace', 'search', [[['mass_mailing_id', '=', mailingId]]])).result as number[];
    return { mail: delivered[0]!, traceId: traceId! };
  }

  it('is signed the way Odoo signs it, under the database secret an administrator can read', async () => {
    const { mail, traceId } = await sendOne();
    const [trace] = (await executeKw(peer!, 'mailing.trace', 'read', [[traceId]], { fields: ['mail_mail_id_int', 'trace_status'] })).result as { mail_mail_id_int: number; trace_status: string }[];
    const secret = (await executeKw(peer!, 'ir.config_parameter', 'get_param', ['database.secret'])).result as string;
    expect(secret).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const pixel = `${peer!.url}/mail/track/${trace!.mail_mail_id_int}/${odooHmac(secret, 'mass_mailing-mail_mail-open', trace!.mail_mail_id_int)}/blank.gif`;
    expect(mail.bodyHtml).toContain(`<img src="${pixel}"`);
    expect(trace!.trace_status).toBe('sent');

    const loaded = await fetch(pixel);
    expect(loaded.status).toBe(200);
    expect(loaded.headers.get('content-type')).toBe('image/gif');
    const [opened] = (await executeKw(peer!, 'mailing.trace', 'read', [[traceId]], { fields: ['trace_status', 'open_datetime'] })).result as { trace_status: string; open_datetime: string }[];
    expect(opened).toEqual({ id: traceId, trace_status: 'open', open_datetime: '2026-03-01 10:00:00' });
  });

  it('refuses a token not signed with the secret, and keeps the secret from anyone but an administrator', async () => {
    const { traceId } = await sendOne();
    const [trace] = (await executeKw(peer!, 'mailing.trace', 'read', [[traceId]], { fields: ['mail_mail_id_int'] })).result as { mail_mail_id_int: number }[];
    const forged = await fetch(`${peer!.url}/mail/track/${trace!.mail_mail_id_int}/${odooHmac('guessed', 'mass_mailing-mail_mail-open', trace!.mail_mail_id_int)}/blank.gif`);
    expect(forged.status).toBe(401);
    const [after] = (await executeKw(peer!, 'mailing.trace', 'read', [[traceId]], { fields: ['trace_status'] })).result as { trace_status: string }[];
    expect(after!.trace_status).toBe('sent');
    const asPortal = await executeKw(peer!, 'ir.config_parameter', 'get_param', ['database.secret'], {}, { uid: 7, secret: PORTAL_PASSWORD });
    expect(asPortal.error?.data.name).toBe('odoo.exceptions.AccessError');
  });
});
