import { field, magicFields } from '../orm/field-helpers';
import type { ModelSpec } from '../orm/model';
import type { Env } from '../orm/env';
import { formatDatetime } from '../orm/values';
import type { Rec } from '../orm/types';

/**
 * mail.message as far as a record's chatter shows it (addons/mail/models/mail_message.py): the
 * messages logged on a record of a mail.thread model, found by their model and res_id. The peer
 * keeps the ones its data holds (a database's state, as odoo19-json2-wire/066's blacklist entry has
 * one) and logs mail.thread's creation note itself (logCreation); it logs no tracking notes for
 * later changes, as Odoo does for fields declared with tracking.
 */
export function mailMessageModel(): ModelSpec {
  return {
    name: 'mail.message',
    description: 'Message',
    order: 'id desc',
    indexed: ['model'],
    // Employees read messages (mail's access_mail_message_user); the peer lets only Settings users
    // change them, since it checks none of the document access Odoo's _check_access adds.
    rights: { readGroups: ['User types/Internal User'], writeGroups: ['Administration/Settings'] },
    fields: [
      field('subject', 'char', 'Subject'),
      field('date', 'datetime', 'Date'),
      field('body', 'html', 'Contents'),
      field('model', 'char', 'Related Document Model'),
      field('res_id', 'many2one_reference', 'Related Document ID', { index: true }),
      field('message_type', 'selection', 'Type', {
        required: true,
        selection: [['email', 'Incoming Email'], ['comment', 'Comment'], ['email_outgoing', 'Outgoing Email'], ['notification', 'System notification'], ['auto_comment', 'Automated Targeted Notification'], ['user_notification', 'User Specific Notification']],
      }),
      field('author_id', 'many2one', 'Author', { relation: 'res.partner' }),
      ...magicFields(),
    ],
    defaults: { message_type: () => 'comment' },
  };
}

function messagesOf(env: Env, model: string, rec: Rec): Rec[] {
  const store = env.store('mail.message');
  const ids = store.lookup('res_id', rec.id);
  if (!ids) return [];
  const out: Rec[] = [];
  for (const id of ids) {
    const message = store.records.get(id);
    if (message && message.model === model) out.push(message);
  }
  return out;
}

/**
 * A mail.thread model's chatter fields read from mail.message (mail_thread.py): message_ids is the
 * one2many on res_id whose domain keeps the model's own messages and leaves out user notifications;
 * has_message says whether any message at all hangs on the record.
 */
export function withChatter(spec: ModelSpec): ModelSpec {
  if (!spec.fields.some((f) => f.name === 'message_ids' && f.relation === 'mail.message')) return spec;
  const shown = (env: Env, rec: Rec): number[] => messagesOf(env, spec.name, rec).filter((m) => m.message_type !== 'user_notification').map((m) => m.id);
  return {
    ...spec,
    computes: {
      ...spec.computes,
      message_ids: (env, rec) => shown(env, rec).sort((a, b) => b - a),
      has_message: (env, rec) => messagesOf(env, spec.name, rec).length > 0,
    },
    relatedIds: { ...spec.relatedIds, message_ids: shown },
  };
}

/**
 * mail.thread's create (mail_thread.py): unless the context says mail_create_nolog, each new record
 * of a mail.thread model gets _creation_message(), "<model's name> created", logged as a note by
 * _message_log_batch: a message of type notification with that text as a paragraph (066 shows the
 * one Odoo's install logged on a blacklist entry: '<p>Mail Blacklist created</p>'). Odoo's author is
 * the user's partner; the peer's users have no partner, so it names none.
 */
export function logCreation(env: Env, model: string, recs: Rec[]): void {
  const spec = env.store(model).spec;
  if (!spec.fields.some((f) => f.name === 'message_ids' && f.relation === 'mail.message') || env.context.mail_create_nolog) return;
  const messages = env.store('mail.message');
  const now = formatDatetime(env.services.now());
  const body = `<p>${spec.description.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')} created</p>`;
  for (const rec of recs) {
    messages.insert({ id: messages.nextId, model, res_id: rec.id, message_type: 'notification', body, date: now, author_id: false, create_date: now, write_date: now, create_uid: env.uid, write_uid: env.uid });
  }
}
