import { validationError } from '../errors';
import { searchCount } from '../orm/crud';
import type { Env } from '../orm/env';
import { field, magicFields } from '../orm/field-helpers';
import type { ModelSpec } from '../orm/model';
import type { Rec } from '../orm/types';
import { parsePyLiteral } from '../orm/pyrepr';

/**
 * access_mailing_filter_mailing_user in mass_mailing's security/ir.model.access.csv: Email Marketing /
 * User reads, writes, creates and deletes (1,1,1,1); no other group has access and mass_mailing sets
 * no ir.rule. Read in an 18-era copy of that file (it has mailing.subscription and
 * properties.base.definition, so 18.0 or later, in the old format 19.0 still uses) and in master's
 * ir.access.csv ('crud'): the two agree. The odoo/odoo files in the source index are older (no
 * mailing.filter yet) or master's; no copy named as 18.0 or 19.0 was found.
 */
const MARKETING_USER = { readGroups: ['Email Marketing/User'], writeGroups: ['Email Marketing/User'] };

/**
 * mass_mailing's favourite filters (models/mailing_filter.py, Odoo 16+; mailing.mailing's
 * mailing_filter_id points here, odoo18-wire/023): a name, a domain and the model it filters,
 * ordered newest first. Its constraint _check_mailing_domain evaluates any domain but "[]" with
 * literal_eval and search_count on that model, and refuses the filter if that raises.
 */
export function mailingFilterModel(): ModelSpec {
  return {
    name: 'mailing.filter',
    description: 'Mailing Favorite Filters',
    order: 'create_date desc',
    rights: MARKETING_USER,
    fields: [
      field('name', 'char', 'Filter Name', { required: true }),
      field('mailing_domain', 'char', 'Filter Domain', { required: true }),
      field('mailing_model_id', 'many2one', 'Recipients Model', { relation: 'ir.model', required: true }),
      field('mailing_model_name', 'char', 'Recipients Model Name', { store: false, readonly: true }),
      // create_uid is overridden to read "Saved by" (mailing_filter.py).
      ...magicFields().map((f) => (f.name === 'create_uid' ? { ...f, string: 'Saved by' } : f)),
    ],
    computes: {
      mailing_model_name: (env, rec) => modelName(env, rec.mailing_model_id),
    },
    beforeCreate: (env, vals) => checkMailingDomain(env, vals.mailing_domain, vals.mailing_model_id),
    beforeWrite: (env, recs, vals) => {
      if (!('mailing_domain' in vals) && !('mailing_model_id' in vals)) return;
      for (const rec of recs) checkMailingDomain(env, 'mailing_domain' in vals ? vals.mailing_domain : rec.mailing_domain, 'mailing_model_id' in vals ? vals.mailing_model_id : rec.mailing_model_id);
    },
  };
}

function modelName(env: Env, modelId: unknown): string | false {
  const model: Rec | undefined = typeof modelId === 'number' ? env.browse('ir.model', modelId) : undefined;
  return typeof model?.model === 'string' ? model.model : false;
}

/** The constraint's bare `except:` turns any failure (syntax, unknown field, wrong operator) into one message. */
function checkMailingDomain(env: Env, domain: unknown, modelId: unknown): void {
  if (domain === '[]') return;
  const invalid = validationError('The filter domain is not valid for this recipients.');
  const model = modelName(env, modelId);
  if (typeof domain !== 'string' || !model) throw invalid;
  try {
    searchCount(env, model, parsePyLiteral(domain));
  } catch {
    throw invalid;
  }
}
