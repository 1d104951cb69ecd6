import type { Env } from '../orm/env';
import type { ModelSpec } from '../orm/model';
import type { Rec, StoredValue } from '../orm/types';
import { isBlacklisted } from './audience';
import { normalizeEmail } from './email';

/**
 * What res.partner derives on Odoo 19 for the fields a read of every field returns
 * (odoo/addons/base/models/res_partner.py, mail's mail.thread.blacklist), for the parts of it the
 * peer models: names, the commercial entity, the address type, the language and time zone, the
 * normalized address and the blocklist. Fields about records the peer does not have (users of a
 * partner, activities, banks, Discuss, avatars, Tax ID checks) read as empty.
 */
const TYPE_LABELS: Record<string, string> = { contact: 'Contact', invoice: 'Invoice', delivery: 'Delivery', other: 'Other' };

const partner = (env: Env, id: StoredValue | undefined): Rec | undefined => (typeof id === 'number' ? env.browse('res.partner', id) : undefined);

/** _compute_commercial_partner: a company or a partner with no parent is its own; else its parent's. */
function commercialPartner(env: Env, rec: Rec, depth = 0): Rec {
  const parent = partner(env, rec.parent_id);
  return rec.is_company === true || !parent || depth > 20 ? rec : commercialPartner(env, parent, depth + 1);
}

/** _get_complete_name: a contact of a company is "Company, Name"; an unnamed address is named by its type. */
export function completeName(env: Env, rec: Rec): string {
  let name = typeof rec.name === 'string' ? rec.name : '';
  const parent = partner(env, rec.parent_id);
  if (parent) {
    const type = typeof rec.type === 'string' ? rec.type : 'contact';
    if (!name && type !== 'contact') name = TYPE_LABELS[type] ?? '';
    if (rec.is_company !== true) {
      const commercial = commercialPartner(env, rec);
      const company = commercial.id !== rec.id && typeof commercial.name === 'string' && commercial.name ? commercial.name : parent.name;
      name = `${typeof company === 'string' ? company : ''}, ${name}`;
    }
  }
  return name.trim();
}

/** _compute_tz_offset: strftime('%z') of now in the partner's zone, UTC without one. */
function tzOffset(env: Env, tz: StoredValue | undefined): string {
  const zone = typeof tz === 'string' && tz ? tz : 'UTC';
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(env.services.now()).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
    const m = /GMT([+-])(\d{2}):(\d{2})/.exec(part);
    return m ? `${m[1]}${m[2]}${m[3]}` : '+0000';
  } catch {
    return '+0000';
  }
}

export const PARTNER_COMPUTES_19: NonNullable<ModelSpec['computes']> = {
  complete_name: (env, rec) => completeName(env, rec),
  commercial_partner_id: (env, rec) => commercialPartner(env, rec).id,
  commercial_company_name: (env, rec) => {
    const name = commercialPartner(env, rec).name;
    return typeof name === 'string' ? name : false;
  },
  parent_name: (env, rec) => {
    const name = partner(env, rec.parent_id)?.name;
    return typeof name === 'string' ? name : false;
  },
  company_type: (_env, rec) => (rec.is_company === true ? 'company' : 'person'),
  self: (_env, rec) => rec.id,
  // The language selection a real 19 lists (021) has English alone: one language installed.
  active_lang_count: () => 1,
  tz_offset: (env, rec) => tzOffset(env, rec.tz),
  country_code: (env, rec) => {
    const code = typeof rec.country_id === 'number' ? env.browse('res.country', rec.country_id)?.code : undefined;
    return typeof code === 'string' ? code : false;
  },
  is_blacklisted: (env, rec) => isBlacklisted(env, rec.email_normalized),
  // _compute_partner_share: no internal user behind the partner (the peer links no users to partners).
  partner_share: () => true,
};

export const PARTNER_DEFAULTS_19: Record<string, (env: Env) => StoredValue> = {
  active: () => true,
  type: () => 'contact',
  is_company: () => false,
  color: () => 0,
  // _compute_lang / tz's default: the context's, else the database's language.
  lang: (env) => (typeof env.context.lang === 'string' ? env.context.lang : 'en_US'),
  tz: (env) => (typeof env.context.tz === 'string' ? env.context.tz : false),
};

/** email_normalized is stored (mail.thread.blacklist): kept with every create and write of the email. */
export function normalizePartnerEmail(vals: Record<string, unknown>): void {
  if ('email' in vals) vals.email_normalized = normalizeEmail(vals.email) ?? false;
}
