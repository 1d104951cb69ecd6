import { recordsetRepr, userError, valueError } from '../errors';
import { copyRecord } from '../orm/copy-record';
import { ensureExist, search, searchCount, unlink, write } from '../orm/crud';
import type { Env } from '../orm/env';
import type { MethodSpec, ModelSpec } from '../orm/model';
import { parsePyLiteral } from '../orm/pyrepr';
import type { Rec, StoredValue } from '../orm/types';
import { formatDatetime, RecordSet } from '../orm/values';
import { recordedFields } from '../schema';
import { mailingStats, type MailingStats } from './mailing-stats';
import { createSource, uniqueSourceName } from './utm';
import { actionFetchFavorites, favoriteDateAfterWrite } from './favorites';
import { AB_RELATED_FIELDS, abAfterWrite, abBeforeCreate, abBeforeWrite, abComputes, abCopyValues, abDefaults, abMethods, abTotal, abWriters } from './ab-testing';

const MARKETING = { readGroups: ['Administration/Settings', 'Email Marketing/User'], writeGroups: ['Email Marketing/User'] };
const MARKETING_USER = { readGroups: ['Email Marketing/User'], writeGroups: ['Email Marketing/User'] };

export function irModelId(env: Env, model: string): number | null {
  const [id] = env.store('ir.model').lookup('model', model) ?? [];
  return id ?? null;
}

function modelOf(env: Env, rec: Rec): string {
  const irModel = env.browse('ir.model', rec.mailing_model_id as number);
  return irModel ? String(irModel.model) : 'mailing.list';
}

/** Mailings on mailing lists send to their contacts (odoo18-wire/103: mailing_model_real). */
export function realModel(env: Env, rec: Rec): string {
  const model = modelOf(env, rec);
  return model === 'mailing.list' ? 'mailing.contact' : model;
}

/** The stored domain, as written or last computed (Odoo 18 keeps a written mailing_domain). */
export function mailingDomain(env: Env, rec: Rec): string {
  if (typeof rec.mailing_domain === 'string' && rec.mailing_domain) return rec.mailing_domain;
  return computedMailingDomain(env, rec);
}

/** _compute_mailing_domain: the lists' domain for mailings on mailing lists (odoo18-wire/103, 163). */
function computedMailingDomain(env: Env, rec: Rec): string {
  if (modelOf(env, rec) === 'mailing.list') {
    const lists = (rec.contact_list_ids as number[] | undefined) ?? [];
    return `[('list_ids', 'in', [${[...lists].sort((a, b) => a - b).join(', ')}])]`;
  }
  return typeof rec.mailing_domain === 'string' ? rec.mailing_domain : '[]';
}

export function recipientsDomain(env: Env, rec: Rec): unknown[] {
  try {
    return parsePyLiteral(mailingDomain(env, rec)) as unknown[];
  } catch {
    throw userError(`Invalid mailing domain ${mailingDomain(env, rec)}`);
  }
}

function userEmail(env: Env): string {
  const user = env.browse('res.users', env.uid) ?? env.browse('res.users', 2);
  return user ? `"${String(user.name)}" <${String(user.email)}>` : '';
}

const stat = (key: keyof MailingStats) => (env: Env, rec: Rec): StoredValue => mailingStats(env, rec.id)[key];

function nextDeparture(env: Env, rec: Rec): string {
  const now = formatDatetime(env.services.now());
  if (rec.schedule_type === 'scheduled' && typeof rec.schedule_date === 'string') return rec.schedule_date > now ? rec.schedule_date : now;
  return now;
}

const button = (run: MethodSpec['run']): MethodSpec => ({ kind: 'records', params: [], run });

export function mailingModel(): ModelSpec {
  const statFields: (keyof MailingStats)[] = ['expected', 'scheduled', 'process', 'pending', 'canceled', 'sent', 'delivered', 'opened', 'clicked', 'replied', 'bounced', 'failed', 'received_ratio', 'opened_ratio', 'clicks_ratio', 'replied_ratio', 'bounced_ratio'];
  const computes: NonNullable<ModelSpec['computes']> = Object.fromEntries(statFields.map((k) => [k, stat(k)]));
  const putInQueue = (env: Env, ids: number[]): undefined => {
    write(env, 'mailing.mailing', ids, { state: 'in_queue' });
    env.services.triggerQueue();
    return undefined;
  };
  return {
    name: 'mailing.mailing',
    description: 'Mass Mailing',
    order: 'calendar_date desc, id desc',
    recName: 'subject',
    indexed: ['state', 'x_markket_campaign_id'],
    fields: recordedFields('mailing.mailing').map((f) => {
      if (f.name === 'mailing_trace_ids') return { ...f, inverse: 'mass_mailing_id' };
      if (['calendar_date', 'mailing_model_real', 'mailing_model_name', 'mailing_on_mailing_list'].includes(f.name)) return { ...f, store: false };
      if (f.name === 'mailing_domain' || f.name === 'kpi_mail_required') return { ...f, store: true };
      // favorite = fields.Boolean(copy=False); favorite_date is a stored compute, copy=False (mailing.py).
      if (f.name === 'favorite' || f.name === 'favorite_date') return { ...f, copy: false };
      // Related to the utm.campaign (readonly=False): kept there, written through abWriters.
      if ((AB_RELATED_FIELDS as readonly string[]).includes(f.name)) return { ...f, store: false };
      return f;
    }),
    rights: MARKETING,
    displayName: (_env, rec) => String(rec.subject ?? ''),
    defaults: {
      mailing_model_id: (env) => irModelId(env, 'mailing.list'),
      mailing_type: () => 'mail',
      mail_server_id: () => false,
      schedule_type: () => 'now',
      state: () => 'draft',
      user_id: (env) => env.uid,
      ...abDefaults,
    },
    writers: abWriters,
    beforeWrite: abBeforeWrite,
    beforeCreate: (env, vals) => {
      abBeforeCreate(env, vals);
      vals.active ??= true;
      vals.email_from ??= userEmail(env);
      vals.reply_to ??= userEmail(env);
      vals.reply_to_mode ??= 'new';
      vals.kpi_mail_required ??= false;
      if (vals.medium_id === undefined) {
        const [email] = search(env, 'utm.medium', [['name', '=', 'Email']], { limit: 1 });
        vals.medium_id = email ?? false;
      }
      // name and utm source come from the subject (odoo18-wire/103).
      if (!vals.source_id) {
        const day = formatDatetime(env.services.now()).slice(0, 10);
        const name = typeof vals.name === 'string' && vals.name ? vals.name : `${String(vals.subject ?? '')} (Mass Mailing created on ${day})`;
        vals.name = uniqueSourceName(env, name);
        vals.source_id = createSource(env, vals.name as string);
      }
    },
    // A domain given in the same create/write wins over the recompute, as in Odoo's ORM; changing the
    // lists or the model later recomputes it.
    afterCreate: (env, rec, vals) => {
      favoriteDateAfterWrite(env, [rec], vals);
      if (!vals.mailing_domain) env.store('mailing.mailing').update(rec, { mailing_domain: computedMailingDomain(env, rec) });
    },
    afterWrite: (env, recs, vals) => {
      abAfterWrite(env, recs, vals);
      favoriteDateAfterWrite(env, recs, vals);
      if (vals.mailing_domain || !('contact_list_ids' in vals || 'mailing_model_id' in vals)) return;
      for (const rec of recs) env.store('mailing.mailing').update(rec, { mailing_domain: computedMailingDomain(env, rec) });
    },
    computes: {
      ...computes,
      ...abComputes(),
      mailing_model_name: (env, rec) => modelOf(env, rec),
      mailing_model_real: (env, rec) => realModel(env, rec),
      mailing_on_mailing_list: (env, rec) => modelOf(env, rec) === 'mailing.list',
      total: (env, rec) => {
        const model = realModel(env, rec);
        return env.db.has(model) ? abTotal(rec, searchCount(env, model, recipientsDomain(env, rec))) : 0;
      },
      next_departure: (env, rec) => nextDeparture(env, rec),
      next_departure_is_past: (env, rec) => typeof rec.schedule_date === 'string' && rec.schedule_date < formatDatetime(env.services.now()) && rec.state === 'in_queue',
      calendar_date: (env, rec) => (rec.state === 'done' ? (rec.sent_date ?? null) : rec.state === 'in_queue' || rec.state === 'sending' ? nextDeparture(env, rec) : null),
      is_body_empty: (_env, rec) => !(typeof rec.body_html === 'string' && rec.body_html.replace(/<[^>]*>/g, '').trim()),
      link_trackers_count: (env, rec) => env.store('link.tracker').lookup('mass_mailing_id', rec.id)?.size ?? 0,
      mail_server_available: () => true,
      mailing_type_description: () => 'Emails',
    },
    copyOverrides: (env, rec) => {
      const name = uniqueSourceName(env, String(rec.name ?? rec.subject ?? ''));
      return { name, source_id: createSource(env, name), state: 'draft', sent_date: false, schedule_date: false, schedule_type: 'now', kpi_mail_required: false, ...abCopyValues(env, rec) };
    },
    methods: {
      ...abMethods,
      action_fetch_favorites: actionFetchFavorites,
      action_launch: button((env, ids) => {
        write(env, 'mailing.mailing', ids, { schedule_type: 'now' });
        return putInQueue(env, ids);
      }),
      action_put_in_queue: button((env, ids) => putInQueue(env, ids)),
      action_schedule: button((env, ids) => {
        // self.ensure_one() first: none or several records is a ValueError, a 500 (odoo19-json2-wire/173, 174).
        if (ids.length !== 1) throw valueError(`Expected singleton: ${recordsetRepr('mailing.mailing', ids)}`);
        const [rec] = ensureExist(env, 'mailing.mailing', ids);
        const now = formatDatetime(env.services.now());
        if (rec && typeof rec.schedule_date === 'string' && rec.schedule_date > now) return putInQueue(env, ids);
        return scheduleWizardAction(env, rec?.id ?? 0);
      }),
      action_cancel: button((env, ids) => {
        write(env, 'mailing.mailing', ids, { state: 'draft', schedule_type: 'now', schedule_date: false });
        return undefined;
      }),
      action_retry_failed: button((env, ids) => {
        // Deletes the failed mails and their traces, then queues again (odoo18-wire/199).
        const failed = search(env, 'mailing.trace', [['mass_mailing_id', 'in', ids], ['trace_status', '=', 'error']]);
        const mails = failed.map((id) => env.browse('mailing.trace', id)?.mail_mail_id).filter((v): v is number => typeof v === 'number');
        unlink(env, 'mail.mail', mails);
        unlink(env, 'mailing.trace', failed);
        return putInQueue(env, ids);
      }),
      action_duplicate: button((env, ids) => {
        const [rec] = ensureExist(env, 'mailing.mailing', ids);
        const copyId = copyRecord(env, 'mailing.mailing', rec as Rec, {});
        return { type: 'ir.actions.act_window', view_mode: 'form', res_model: 'mailing.mailing', res_id: copyId, context: {} };
      }),
      action_test: button((env, ids) => ({
        name: 'Test Mailing',
        type: 'ir.actions.act_window',
        view_mode: 'form',
        res_model: 'mailing.mailing.test',
        target: 'new',
        context: { ...stripInternal(env.context), default_mass_mailing_id: ids[0] ?? false, dialog_size: 'medium' },
      })),
    },
  };
}

function stripInternal(context: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(context).filter(([k]) => !k.startsWith('__')));
}

/**
 * The "When do you want to send your mailing?" wizard action, as ir.actions.act_window reads it
 * (odoo18-wire/143). Odoo 19 names the groups field group_ids and adds the `cache` flag
 * (odoo19-json2-wire/152, 154).
 */
function scheduleWizardAction(env: Env, mailingId: number): Record<string, unknown> {
  const action: Record<string, unknown> = {
    id: 193,
    name: 'When do you want to send your mailing?',
    type: 'ir.actions.act_window',
    xml_id: 'mass_mailing.mailing_mailing_schedule_date_action',
    path: false,
    help: false,
    binding_model_id: false,
    binding_type: 'action',
    binding_view_types: 'list,form',
    display_name: 'When do you want to send your mailing?',
    view_id: false,
    domain: false,
    context: { default_mass_mailing_id: mailingId, dialog_size: 'medium' },
    res_id: 0,
    res_model: 'mailing.mailing.schedule.date',
    target: 'new',
    view_mode: 'form',
    mobile_view_mode: 'kanban',
    views: [[false, 'form']],
    limit: 80,
    groups_id: [],
    search_view_id: false,
    embedded_action_ids: [],
    filter: false,
  };
  if (Number(env.services.version.split('.')[0]) < 19) return action;
  const { groups_id: groups, ...rest } = action;
  return { ...rest, group_ids: groups, cache: true };
}

export function traceModel(): ModelSpec {
  const related = (field: string) => (env: Env, rec: Rec): StoredValue => {
    const mailing = env.browse('mailing.mailing', rec.mass_mailing_id as number);
    return mailing ? ((mailing[field] as StoredValue) ?? null) : null;
  };
  const mark = (params: string[], values: (env: Env, rec: Rec, args: Record<string, unknown>) => Record<string, unknown>): MethodSpec => ({
    kind: 'records',
    params,
    run: (env, ids, args) => {
      // set_opened(domain=None) and its kin act on self plus what the domain finds (mailing_trace.py:
      // `traces = self + (self.search(domain) if domain else self.browse())`; odoo19-json2-wire/184).
      const found = args.domain ? search(env, 'mailing.trace', args.domain) : [];
      const all = [...ids, ...found.filter((id) => !ids.includes(id))];
      const recs = ensureExist(env, 'mailing.trace', all);
      for (const rec of recs) write(env, 'mailing.trace', [rec.id], values(env, rec, args));
      // A recordset result is serialized as its repr over JSON-RPC (odoo18-wire/124).
      return new RecordSet('mailing.trace', all);
    },
  });
  const now = (env: Env): string => formatDatetime(env.services.now());
  return {
    name: 'mailing.trace',
    description: 'Mailing Statistics',
    // Traces of one send share their create_date; PostgreSQL then returns them in insertion order (049).
    order: 'create_date desc, id asc',
    indexed: ['message_id', 'email', 'trace_status', 'mail_mail_id_int', 'res_id'],
    fields: recordedFields('mailing.trace').map((f) =>
      f.name === 'links_click_ids' ? { ...f, inverse: 'mailing_trace_id' } : ['medium_id', 'source_id', 'campaign_id'].includes(f.name) ? { ...f, store: false } : f.name === 'failure_reason' ? { ...f, store: true } : f,
    ),
    // Only Email Marketing users reach traces: no Settings line as mailing.mailing has (odoo19-json2-wire/191).
    rights: MARKETING_USER,
    defaults: { trace_type: () => 'mail', trace_status: () => 'outgoing' },
    displayName: (env, rec) => `${String(rec.trace_type ?? 'mail')}: ${String(env.browse('mailing.mailing', rec.mass_mailing_id as number)?.name ?? '')} (${rec.id})`,
    computes: { medium_id: related('medium_id'), source_id: related('source_id'), campaign_id: related('campaign_id') },
    methods: {
      set_bounced: mark(['domain', 'bounce_message'], (_env, _rec, a) => ({ trace_status: 'bounce', failure_type: 'mail_bounce', failure_reason: a.bounce_message ?? false })),
      set_opened: mark(['domain'], (env, rec) => ({ trace_status: rec.trace_status === 'reply' ? 'reply' : 'open', open_datetime: rec.open_datetime ?? now(env) })),
      set_clicked: mark(['domain'], (env, rec) => ({ links_click_datetime: now(env), trace_status: rec.trace_status === 'reply' ? 'reply' : 'open', open_datetime: rec.open_datetime ?? now(env) })),
      set_replied: mark(['domain'], (env, rec) => ({ trace_status: 'reply', reply_datetime: now(env), open_datetime: rec.open_datetime ?? now(env) })),
    },
  };
}

export function mailingWizardModels(): ModelSpec[] {
  return [
    {
      name: 'mailing.mailing.schedule.date',
      description: 'Mass Mailing Scheduling',
      order: 'id asc',
      fields: simpleFields([
        ['schedule_date', 'datetime', 'Scheduled for', false],
        ['mass_mailing_id', 'many2one', 'Mailing', true, 'mailing.mailing'],
      ]),
      methods: {
        action_schedule_date: button((env, ids) => {
          for (const wizard of ensureExist(env, 'mailing.mailing.schedule.date', ids)) {
            write(env, 'mailing.mailing', [wizard.mass_mailing_id as number], { schedule_type: 'scheduled', schedule_date: wizard.schedule_date ?? false });
            write(env, 'mailing.mailing', [wizard.mass_mailing_id as number], { state: 'in_queue' });
          }
          env.services.triggerQueue();
          return undefined;
        }),
      },
    },
    {
      name: 'mail.mail',
      description: 'Outgoing Mails',
      order: 'id desc',
      recName: 'subject',
      indexed: ['state', 'message_id'],
      fields: simpleFields([
        ['subject', 'char', 'Subject', false],
        ['state', 'selection', 'Status', false, undefined, [['outgoing', 'Outgoing'], ['sent', 'Sent'], ['received', 'Received'], ['exception', 'Delivery Failed'], ['cancel', 'Cancelled']]],
        ['email_to', 'text', 'To', false],
        ['email_from', 'char', 'From', false],
        ['body_html', 'text', 'Text Contents', false],
        ['recipient_ids', 'many2many', 'To (Partners)', false, 'res.partner'],
        ['message_id', 'char', 'Message-Id', false],
        ['mailing_id', 'many2one', 'Mass Mailing', false, 'mailing.mailing'],
        ['mailing_trace_ids', 'one2many', 'Statistics', false, 'mailing.trace'],
        ['failure_type', 'selection', 'Failure type', false, undefined, recordedFields('mailing.trace').find((f) => f.name === 'failure_type')?.selection],
        ['failure_reason', 'text', 'Failure Reason', false],
        ['auto_delete', 'boolean', 'Auto Delete', false],
        ['model', 'char', 'Related Document Model', false],
        ['res_id', 'many2one_reference', 'Related Document ID', false],
        ['mail_server_id', 'many2one', 'Outgoing mail server', false, 'ir.mail_server'],
      ]).map((f) => (f.name === 'mailing_trace_ids' ? { ...f, inverse: 'mail_mail_id' } : f)),
    },
  ];
}

type FieldRow = [string, string, string, boolean, string?, [string, string][]?];

/** Fields of the peer's wizard and mail models, with Odoo's magic fields. */
export function simpleFields(rows: FieldRow[]) {
  return [
    ...rows.map(([name, type, string, required, relation, selection]) => ({
      name,
      type: type as never,
      string,
      required,
      readonly: false,
      store: true,
      manual: false,
      ...(relation ? { relation } : {}),
      ...(selection ? { selection } : {}),
    })),
    ...['id', 'display_name', 'create_uid', 'create_date', 'write_uid', 'write_date'].map((name) => ({
      name,
      type: (name.endsWith('_uid') ? 'many2one' : name.endsWith('_date') ? 'datetime' : name === 'id' ? 'integer' : 'char') as never,
      string: name,
      required: false,
      readonly: true,
      store: name !== 'display_name',
      manual: false,
      ...(name.endsWith('_uid') ? { relation: 'res.users' } : {}),
    })),
  ];
}

