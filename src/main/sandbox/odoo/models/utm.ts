import type { Env } from '../orm/env';
import type { ModelSpec } from '../orm/model';
import { create } from '../orm/crud';
import { field, magicFields } from '../orm/field-helpers';
import { recordedFields } from '../schema';
import { campaignAbDefaults, campaignAbComputes } from './ab-testing';

/** Odoo's utm _get_unique_names: "Name", then "Name [2]", "Name [3]"... (odoo18-wire/140). */
export function uniqueSourceName(env: Env, wanted: string): string {
  const base = wanted.replace(/ \[\d+\]$/, '');
  const used = new Set([...env.store('utm.source').records.values()].map((r) => r.name));
  if (!used.has(wanted)) return wanted;
  for (let n = 2; ; n++) if (!used.has(`${base} [${n}]`)) return `${base} [${n}]`;
}

export function createSource(env: Env, name: string): number {
  return create(env, 'utm.source', [{ name: uniqueSourceName(env, name) }])[0] as number;
}

export function utmModels(): ModelSpec[] {
  return [
    { name: 'utm.source', description: 'UTM Source', order: 'name asc, id asc', fields: [field('name', 'char', 'Source Name', { required: true }), ...magicFields()] },
    { name: 'utm.medium', description: 'UTM Medium', order: 'name asc, id asc', fields: [field('name', 'char', 'Medium Name', { required: true }), field('active', 'boolean', 'Active'), ...magicFields()], defaults: { active: () => true } },
    { name: 'utm.stage', description: 'Campaign Stage', order: 'sequence asc, id asc', fields: [field('name', 'char', 'Stage Name', { required: true }), field('sequence', 'integer', 'Sequence'), ...magicFields()] },
    { name: 'utm.tag', description: 'UTM Tag', order: 'name asc, id asc', fields: [field('name', 'char', 'Tag Name', { required: true }), field('color', 'integer', 'Color Index'), ...magicFields()] },
    {
      name: 'utm.campaign',
      description: 'UTM Campaign',
      order: 'title asc, id asc',
      fields: recordedFields('utm.campaign').map((f) => (f.name === 'mailing_mail_ids' ? { ...f, inverse: 'campaign_id' } : f)),
      defaults: {
        active: () => true,
        user_id: (env) => env.uid,
        stage_id: (env) => [...env.store('utm.stage').records.keys()][0] ?? null,
        ab_testing_schedule_datetime: campaignAbDefaults.ab_testing_schedule_datetime,
        ab_testing_winner_selection: campaignAbDefaults.ab_testing_winner_selection,
      },
      beforeCreate: (_env, vals) => {
        if (!vals.title && vals.name) vals.title = vals.name;
        if (!vals.name && vals.title) vals.name = vals.title;
      },
      computes: {
        ...campaignAbComputes(),
        mailing_mail_count: (env, rec) => env.store('mailing.mailing').lookup('campaign_id', rec.id)?.size ?? 0,
      },
    },
  ];
}
