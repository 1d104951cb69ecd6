/** The custom fields the console keeps its ids in, created through ir.model.fields (odoo18-wire/210). */
export interface MarkketField {
  model: string;
  name: `x_${string}`;
  label: string;
  help: string;
  index: boolean;
}

export const MARKKET_FIELDS: readonly MarkketField[] = [
  { model: 'mailing.list', name: 'x_markket_store_id', label: 'Markket Store ID', help: 'The Markket store this list belongs to', index: true },
  { model: 'mailing.contact', name: 'x_markket_store_id', label: 'Markket Store ID', help: 'The Markket store the subscriber signed up in', index: true },
  { model: 'mailing.contact', name: 'x_markket_subscriber_id', label: 'Markket Subscriber ID', help: "The subscriber's document id in Markket", index: true },
  { model: 'mailing.mailing', name: 'x_markket_campaign_id', label: 'Markket Campaign ID', help: 'The campaign id the Markket console gave this mailing', index: true },
  { model: 'mailing.mailing', name: 'x_sendgrid_template_id', label: 'SendGrid Template ID', help: 'The SendGrid dynamic template the body came from', index: false },
];

export const SENDGRID_SMTP = { host: 'smtp.sendgrid.net', port: 587, user: 'apikey', name: 'SendGrid (Markket)' } as const;
