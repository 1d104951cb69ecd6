import type { OdooPeer } from '../../../src/main/sandbox/odoo';

/**
 * The state of the recorded Odoo 18 database before odoo18-wire/040: Odoo's own mass_mailing demo
 * data (lists 1-2, contacts 1-8, subscriptions 1-10, blacklist entry 1, tags 1-7, the sent demo
 * mailing 1 with its 8 traces on res.partner), so the ids the recordings use line up with the peer's.
 */
export function seedOdooDemoFixture(peer: OdooPeer): void {
  const { db } = peer.env;
  const at = '2026-11-24 00:37:28';
  const put = (model: string, values: Record<string, unknown>): void => {
    db.store(model).insert({ create_date: at, write_date: at, create_uid: 1, write_uid: 1, ...(values as { id: number }) });
  };
  put('mailing.list', { id: 1, name: 'Newsletter', active: true, is_public: true });
  put('mailing.list', { id: 2, name: 'Imported Contacts', active: true, is_public: false });
  const people: [string, string][] = [
    ['Mitchell Admin', 'admin@yourcompany.example.com'],
    ['Aristide Antario', 'alexandre.antario@example.com'],
    ['Beverly Bridge', 'beverly.bridge@example.com'],
    ['Carol Cartridge', 'carol.cartridge@example.com'],
    ['David Dawson', 'david.dawson@example.com'],
    ['Elsa Ericson', 'elsa.ericson@example.com'],
    ['Franz Faubourg', 'franz.faubourg@example.com'],
    ['Gilbert Gilson', 'gilbert.gilson@example.com'],
  ];
  people.forEach(([name, email], i) => put('mailing.contact', { id: i + 1, name, email, email_normalized: email, tag_ids: [], message_bounce: i === 2 ? 1 : 0 }));
  const optedOut = new Set([5, 7, 8]); // canceled as mail_optout in odoo18-wire/184
  for (let i = 1; i <= 8; i++) put('mailing.subscription', { id: i, list_id: 1, contact_id: i, opt_out: optedOut.has(i) });
  put('mailing.subscription', { id: 9, list_id: 2, contact_id: 4, opt_out: false });
  put('mailing.subscription', { id: 10, list_id: 2, contact_id: 7, opt_out: false });
  put('mail.blacklist', { id: 1, email: 'elsa.ericson@example.com', active: true });
  ['Prospects', 'Employees', 'Vendors', 'Services', 'Office Supplies', 'Desk Manufacturers', 'Consulting Services'].forEach((name, i) => put('res.partner.category', { id: i + 1, name, active: true, color: i }));
  for (let i = 1; i <= 10; i++) put('utm.source', { id: i, name: `Demo source ${i}` });
  put('utm.campaign', { id: 5, name: 'Newsletter', title: 'Newsletter', user_id: 2, stage_id: 1, active: true });
  put('mailing.mailing', {
    id: 1, subject: 'Monthly Newsletter', name: 'Monthly Newsletter', state: 'done', active: true, mailing_type: 'mail', mailing_model_id: 87, mailing_domain: '[]',
    schedule_type: 'now', sent_date: '2026-11-19 00:37:29', user_id: 2, email_from: '"Mitchell Admin" <admin@yourcompany.example.com>', campaign_id: 5, source_id: 1, medium_id: 4, contact_list_ids: [], kpi_mail_required: true,
  });
  const traces: [string, string, number, string | null, string | null, string | null][] = [
    ['reply', 'billy.fox45@example.com', 22, '2026-11-19 00:37:29', '2026-11-20 00:37:29', '2026-11-21 00:37:29'],
    ['reply', 'kim.snyder96@example.com', 25, '2026-11-19 00:37:29', '2026-11-22 00:37:29', '2026-11-24 00:37:29'],
    ['open', 'edith.sanchez68@example.com', 26, '2026-11-19 00:37:29', '2026-11-22 00:37:29', null],
    ['open', 'theodore.gardner36@example.com', 31, '2026-11-19 00:37:29', '2026-11-23 00:37:29', null],
    ['sent', 'sandra.neal80@example.com', 37, '2026-11-19 00:37:29', null, null],
    ['error', 'julie.richards84@example.com', 38, null, null, null],
    ['bounce', 'travis.mendoza24@example.com', 39, '2026-11-19 00:37:29', null, null],
    ['bounce', 'travis.mendoza24@example.com', 39, null, null, null],
  ];
  traces.forEach(([status, email, resId, sent, opened, replied], i) =>
    put('mailing.trace', { id: i + 1, trace_type: 'mail', trace_status: status, email, message_id: `${1111000 + i}@odoo.com`, model: 'res.partner', res_id: resId, mail_mail_id_int: 0, mass_mailing_id: 1, sent_datetime: sent, open_datetime: opened, reply_datetime: replied }),
  );
  db.store('mail.mail').nextId = 4;
  db.store('mailing.mailing.test').nextId = 2;
  db.store('ir.model.fields').nextId = 3532;
}
