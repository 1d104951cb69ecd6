import type { OdooPeer, OutgoingMail } from '../../src/main/sandbox/odoo';

/**
 * Has the Odoo peer's mail server accept every mail and keep it: the returned array fills with the
 * mails as Odoo sends them, for tests that follow a recipient's links or count what went out.
 */
export function collectDelivered(peer: Pick<OdooPeer, 'setDeliver'>): OutgoingMail[] {
  const delivered: OutgoingMail[] = [];
  peer.setDeliver(async (mails) => {
    delivered.push(...mails);
    return mails.map(() => ({ status: 'sent' as const }));
  });
  return delivered;
}

/** The unsubscribe link Odoo wrote into a recipient's mail. */
export function unsubscribeLink(mail: OutgoingMail): URL {
  const href = /href="([^"]*\/mailing\/\d+\/unsubscribe\?[^"]*)"/.exec(mail.bodyHtml)?.[1];
  if (!href) throw new Error(`no unsubscribe link in the mail to ${mail.emailTo}`);
  return new URL(href.replace(/&amp;/g, '&'));
}
