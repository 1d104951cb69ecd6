import type { OdooPeer } from '../../../src/main/sandbox/odoo';

/**
 * The state of the recorded Odoo 19 database (markket19) before odoo19-json2-wire/070, read back from
 * the recordings themselves: Odoo's own mass_mailing demo data, as in odoo18-fixture.ts, with what 19's
 * demo install wrote differently. Lists 1-2 and contacts 1-8 with their 10 subscriptions (051, 056,
 * 248), partner 3 (010), blacklist entry 1 with its chatter message 70 (066, 084), tags 1-7 (070 creates 8), the sent demo mailing
 * 1 on res.partner (064) and its 8 traces (057-063), so the ids the recordings use line up.
 */
export function seedOdoo19DemoFixture(peer: OdooPeer): void {
  const { db } = peer.env;
  const at = '2026-11-24 03:24:20';
  const put = (model: string, values: Record<string, unknown>): void => {
    db.store(model).insert({ create_date: at, write_date: at, create_uid: 1, write_uid: 1, ...(values as { id: number }) });
  };
  put('res.partner', { id: 3, name: 'Mitchell Admin', email: 'admin@example.com', active: true, create_date: '2026-11-24 03:24:03' });
  put('mailing.list', { id: 1, name: 'Newsletter', active: true, is_public: true });
  put('mailing.list', { id: 2, name: 'Imported Contacts', active: true, is_public: false });
  const people: [string, string][] = [
    ['Mitchell Admin', 'admin@example.com'],
    ['Aristide Antario', 'alexandre.antario@example.com'],
    ['Beverly Bridge', 'beverly.bridge@example.com'],
    ['Carol Cartridge', 'carol.cartridge@example.com'],
    ['David Dawson', 'david.dawson@example.com'],
    ['Elsa Ericson', 'elsa.ericson@example.com'],
    ['Franz Faubourg', 'franz.faubourg@example.com'],
    ['Gilbert Gilson', 'gilbert.gilson@example.com'],
  ];
  people.forEach(([name, email], i) => put('mailing.contact', { id: i + 1, name, email, email_normalized: email, tag_ids: [], message_bounce: i === 2 ? 1 : 0 }));
  // The same demo file as 18 (mass_mailing/data/mass_mailing_demo.xml): 5, 7 and 8 opted out of the newsletter.
  const optedOut = new Set([5, 7, 8]);
  for (let i = 1; i <= 8; i++) put('mailing.subscription', { id: i, list_id: 1, contact_id: i, opt_out: optedOut.has(i) });
  put('mailing.subscription', { id: 9, list_id: 2, contact_id: 4, opt_out: false });
  put('mailing.subscription', { id: 10, list_id: 2, contact_id: 7, opt_out: false });
  put('mail.blacklist', { id: 1, email: 'elsa.ericson@example.com', active: true });
  // Its chatter holds one message, 70 (066): the note mail.thread logs at a create (_creation_message).
  put('mail.message', { id: 70, model: 'mail.blacklist', res_id: 1, message_type: 'notification', body: '<p>Mail Blacklist created</p>', date: at });
  ['Prospects', 'Employees', 'Vendors', 'Services', 'Office Supplies', 'Desk Manufacturers', 'Consulting Services'].forEach((name, i) => put('res.partner.category', { id: i + 1, name, active: true, color: i }));
  for (let i = 1; i <= 10; i++) put('utm.source', { id: i, name: `Demo source ${i}` });
  put('utm.campaign', { id: 5, name: 'Newsletter', title: 'Newsletter', user_id: 2, stage_id: 1, active: true });
  const [partnerModel] = db.store('ir.model').lookup('model', 'res.partner') ?? [];
  put('mailing.mailing', {
    id: 1, subject: 'Monthly Newsletter', name: 'Newsletter 1', state: 'done', active: true, mailing_type: 'mail', mailing_model_id: partnerModel, mailing_domain: "[('parent_id', '=', 11)]",
    schedule_type: 'now', sent_date: '2026-11-19 03:24:21', user_id: 2, email_from: 'info@yourcompany.example.com', campaign_id: 5, source_id: 1, medium_id: 4, contact_list_ids: [], kpi_mail_required: true,
  });
  const sent = '2026-11-19 03:24:21';
  const traces: [string, string, number, string | null, string | null, string | null][] = [
    ['reply', 'billy.fox45@example.com', 22, sent, '2026-11-20 03:24:21', '2026-11-21 03:24:21'],
    ['reply', 'kim.snyder96@example.com', 25, sent, '2026-11-22 03:24:21', '2026-11-24 03:24:21'],
    ['open', 'edith.sanchez68@example.com', 26, sent, '2026-11-22 03:24:21', null],
    ['open', 'theodore.gardner36@example.com', 31, sent, '2026-11-23 03:24:21', null],
    ['sent', 'sandra.neal80@example.com', 37, sent, null, null],
    ['error', 'julie.richards84@example.com', 38, null, null, null],
    ['bounce', 'travis.mendoza24@example.com', 39, sent, null, null],
    ['bounce', 'travis.mendoza24@example.com', 39, null, null, null],
  ];
  traces.forEach(([status, email, resId, sentAt, opened, replied], i) =>
    put('mailing.trace', { id: i + 1, trace_type: 'mail', trace_status: status, email, message_id: `${1111000 + i}@odoo.com`, model: 'res.partner', res_id: resId, mail_mail_id_int: 0, mass_mailing_id: 1, sent_datetime: sentAt, open_datetime: opened, reply_datetime: replied }),
  );
}
