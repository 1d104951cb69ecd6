import { field, magicFields } from '../orm/field-helpers';
import type { ModelSpec } from '../orm/model';
import type { Env } from '../orm/env';
import type { Rec } from '../orm/types';

/**
 * mail.message as far as a record's chatter shows it (addons/mail/models/mail_message.py): the
 * messages logged on a record of a mail.thread model, found by their model and res_id. The peer
 * keeps the ones its data holds (a database's state, as odoo19-json2-wire/066's blacklist entry has
 * one); it logs none itself, where Odoo logs "… created" at each create and a note per tracked
 * change, so records made through the peer show an empty chatter.
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
