import { ensureExist, search } from '../orm/crud';
import type { Env } from '../orm/env';
import type { ModelSpec } from '../orm/model';
import type { Rec } from '../orm/types';
import { messageId } from '../queue';
import { renderQwebBody, escapeQweb } from '../qweb-body';
import type { OutgoingMail } from '../types';
import { realModel, simpleFields } from './mailing';
import { normalizeEmail } from './email';

/**
 * The "Test mailing" wizard, as addons/mass_mailing/wizard/mailing_mailing_test.py (Odoo 17–19)
 * does it; the console reaches it through action_test → create → send_mail_test
 * (odoo18-wire/104-106, odoo19-json2-wire/134-138):
 * - email_to holds one address a line; a line without an address is skipped (and reported in the
 *   mailing's chatter, which this peer does not keep);
 * - the body is rendered against the first record of the mailing's model
 *   (`self.env[mailing.mailing_model_real].search([], limit=1)`), the preview prepended, and the
 *   subject becomes "[TEST] <subject>";
 * - local links become absolute (_replace_local_links) and the body is wrapped in
 *   mass_mailing.mass_mailing_mail_layout;
 * - one mail per address is sent at once; no mailing.trace is made (odoo19-json2-wire/137 finds
 *   none) and the mailing's statistics do not move (138).
 * The default of email_to is the last one this user tested with (_default_email_to), else their
 * own formatted address.
 */

/** Odoo's tools.email_split on one line: its first address, or null. */
function firstAddress(line: string): string | null {
  for (const part of line.split(/[,;]/)) {
    const address = /<([^<>\s]+@[^<>\s]+)>/.exec(part)?.[1] ?? part.trim();
    if (normalizeEmail(address)) return address;
  }
  return null;
}

/** mailing._prepend_preview: the preview as hidden text before the body (what inboxes show under the subject). */
function prependPreview(html: string, preview: unknown): string {
  const text = typeof preview === 'string' ? preview.trim() : '';
  if (!text) return html;
  return `<div style="display:none;font-size:1px;height:0px;width:0px;opacity:0;">${escapeQweb(text)}</div>${html}`;
}

/** mail.render.mixin._replace_local_links: href/src starting with one "/" point at the Odoo. */
function replaceLocalLinks(html: string, base: string): string {
  return html.replace(/\b(href|src)=(["'])\/(?!\/)/gi, (_m, attr: string, quote: string) => `${attr}=${quote}${base}/`);
}

/** mass_mailing.mass_mailing_mail_layout (its stylesheet, mass_mailing_mail.scss, is left out). */
function mailLayout(body: string): string {
  return '<!DOCTYPE html><html xmlns="http://www.w3.org/1999/xhtml"><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"/>'
    + '<meta name="format-detection" content="telephone=no"/><meta name="viewport" content="width=device-width; initial-scale=1.0; maximum-scale=1.0; user-scalable=no;"/>'
    + `</head><body>${body}</body></html>`;
}

function lastEmailTo(env: Env): string {
  const [last] = search(env, 'mailing.mailing.test', [['create_uid', '=', env.uid]], { order: 'create_date desc, id desc', limit: 1 });
  const previous = last === undefined ? undefined : env.browse('mailing.mailing.test', last)?.email_to;
  if (typeof previous === 'string' && previous) return previous;
  const user = env.browse('res.users', env.uid);
  return user?.email ? `"${String(user.name)}" <${String(user.email)}>` : '';
}

async function sendMailTest(env: Env, wizard: Rec): Promise<void> {
  const mailing = env.browse('mailing.mailing', wizard.mass_mailing_id as number);
  if (!mailing) return;
  const emails = String(wizard.email_to ?? '').split(/\r?\n/).map(firstAddress).filter((e): e is string => e !== null);
  const model = realModel(env, mailing);
  const [recordId] = env.db.has(model) ? search(env, model, [], { limit: 1 }) : [];
  const record = recordId === undefined ? undefined : env.browse(model, recordId);
  const bodyHtml = String(mailing.body_html ?? '');
  const body = record ? renderQwebBody(bodyHtml, record) : bodyHtml;
  const base = env.services.baseUrl();
  const html = mailLayout(replaceLocalLinks(prependPreview(body, mailing.preview), base));
  const subject = `[TEST] ${String(mailing.subject ?? '')}`;
  // Odoo creates a mail.mail per address, sends them and deletes them inside the wizard's one
  // transaction: no other request (nor the mail queue cron) ever sees them, so the peer only sends.
  const outgoing: OutgoingMail[] = emails.map((emailTo) => ({
    traceId: 0, mailingId: mailing.id, messageId: messageId(env, 'markket-odoo-peer'), emailTo, emailFrom: String(mailing.email_from || ''),
    subject, bodyHtml: html, resModel: record ? model : '', resId: record?.id ?? 0,
    // A test is not the campaign: nothing on it may be counted as the campaign's.
    xMarkketCampaignId: false,
  }));
  // A failure only ends up in the mailing's chatter ("Test mailing could not be sent to …"), never as an error.
  if (outgoing.length > 0) await env.services.deliverNow(outgoing).catch(() => undefined);
  env.services.changed();
}

export function mailingTestModel(): ModelSpec {
  return {
    name: 'mailing.mailing.test',
    description: 'Sample Mail Wizard',
    order: 'id asc',
    fields: simpleFields([
      ['email_to', 'text', 'Recipients', true],
      ['mass_mailing_id', 'many2one', 'Mailing', true, 'mailing.mailing'],
    ]),
    defaults: { email_to: (env) => lastEmailTo(env) },
    methods: {
      send_mail_test: {
        kind: 'records',
        params: [],
        run: async (env, ids) => {
          for (const wizard of ensureExist(env, 'mailing.mailing.test', ids)) await sendMailTest(env, wizard);
          return true;
        },
      },
    },
  };
}
