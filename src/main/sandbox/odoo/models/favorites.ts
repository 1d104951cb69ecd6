import type { Env } from '../orm/env';
import type { MethodSpec } from '../orm/model';
import { existing, search } from '../orm/crud';
import { readRecords } from '../orm/read-methods';
import type { Rec } from '../orm/types';
import { formatDatetime } from '../orm/values';

/**
 * Favourite mailings, Odoo's own "templates" (mass_mailing/models/mailing.py, Odoo 17–19):
 * `favorite = fields.Boolean(copy=False)` and `favorite_date`, a stored compute on `favorite`
 * (set to now when a mailing becomes a favourite and it has none, cleared when it stops being
 * one). Both fields are in the recorded fields_get of 18 and 19 (odoo18-wire/023,
 * odoo19-json2-wire/033).
 */
export function favoriteDateAfterWrite(env: Env, recs: Rec[], vals: Record<string, unknown>): void {
  if (!('favorite' in vals)) return;
  const now = formatDatetime(env.services.now());
  for (const rec of recs) env.store('mailing.mailing').update(rec, { favorite_date: rec.favorite ? (rec.favorite_date || now) : false });
}

// tools.is_html_empty (odoo/tools/mail.py): only formatting tags (p, div, section, span, br, b, i,
// font) and whitespace, and no font icon.
const ICON_RE = /<\s*(i|span)\b(\s+[A-Za-z_-][A-Za-z0-9\-_]*(\s*=\s*['"][^"']*['"])?)*\s*\bclass\s*=\s*["'][^"']*\b(fa|fab|fad|far|oi)\b/;
const TAG_RE = /<\s*\/?(?:p|div|section|span|br|b|i|font)\b(?:(\s+[A-Za-z_-][A-Za-z0-9\-_]*(\s*=\s*['"][^'"]*['"]))*)(?:\s*>|\s*\/\s*>)/g;
export function isHtmlEmpty(html: unknown): boolean {
  if (typeof html !== 'string' || !html) return true;
  return !html.replace(TAG_RE, '').trim() && !ICON_RE.test(html);
}

/**
 * action_fetch_favorites(extra_domain=None), what Odoo's mailing editor calls to list its
 * favourite templates: favourites (archived ones too) AND extra_domain, fields id, subject,
 * body_arch, user_id, mailing_model_id, by favorite_date DESC; empty bodies dropped; then mailings
 * without a responsible first, then the caller's, then the others' (a stable sort).
 */
export const actionFetchFavorites: MethodSpec = {
  kind: 'model',
  params: ['extra_domain'],
  run: (env, _ids, args) => {
    const extra = Array.isArray(args.extra_domain) && args.extra_domain.length ? args.extra_domain : [];
    // A domain is an implicit AND of whole terms, so appending extra_domain's terms is expression.AND.
    const domain = [['favorite', '=', true], ...extra];
    const all = env.withContext({ active_test: false });
    const ids = search(all, 'mailing.mailing', domain, { order: 'favorite_date desc' });
    const rows = readRecords(all, 'mailing.mailing', existing(all, 'mailing.mailing', ids), ['id', 'subject', 'body_arch', 'user_id', 'mailing_model_id']);
    const rank = (row: (typeof rows)[number]): number => (Array.isArray(row.user_id) ? (row.user_id[0] !== env.uid ? 1 : 0) : -1);
    return rows.filter((row) => !isHtmlEmpty(row.body_arch)).sort((a, b) => rank(a) - rank(b));
  },
};
