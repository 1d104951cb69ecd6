import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type { FavoriteTemplates, SetFavoriteResult, UseFavoriteResult } from '../../../shared/schemas/email';
import { parseRecords, type OdooClient } from '../odoo';
import { updateDraft } from '../marketing/mailing-actions';
import { campaignIdOf, madeInOdoo, madeInOdooError, storeMailings, TEMPLATE_FIELD } from '../marketing/mailings';
import { storeLists } from '../marketing/stores';
import { readWithBody } from './bodies';
import { guardOdooEdits } from './odoo-edits';
import { readArchDocument, readStoredDocument, withoutDocument } from './stored-body';

const html = z.union([z.string(), z.literal(false)]).transform((v) => v || '');
const FavoriteRow = z.object({ id: z.number().int().positive(), subject: z.union([z.string(), z.literal(false)]).transform((v) => v || ''), body_arch: html });
const FavoriteBody = z.object({ id: z.number().int().positive(), body_arch: html, body_html: html });

/**
 * Odoo's favourite mailings as templates, the way Odoo's own mailing editor lists them
 * (mass_mailing/models/mailing.py action_fetch_favorites, called by its theme selector in 17–19):
 * favourites with a body, archived ones too, newest favourite first. Only the store's own mailings
 * are offered (its lists), so one store never starts from another's email.
 */
export async function listFavorites(odoo: OdooClient, storeId: string): Promise<z.infer<typeof FavoriteTemplates>> {
  const [rows] = await Promise.all([
    odoo.call('mailing.mailing', 'action_fetch_favorites', [], { extra_domain: storeMailings(storeId) }, { mutating: false }),
    storeLists(odoo, storeId),
  ]);
  const favorites = parseRecords(FavoriteRow, Array.isArray(rows) ? rows : [], 'mailing.mailing').map((row) => {
    const stored = readArchDocument(row.body_arch);
    // Written here and not changed in Odoo since: opened in the editor as the document it was.
    const document = stored && !stored.editedInOdoo ? stored.document : null;
    return { odoo_id: row.id, subject: row.subject, kind: document ? ('document' as const) : ('html' as const), document, html: withoutDocument(row.body_arch) };
  });
  return { favorites };
}

/**
 * Starts a draft's email from a favourite written in Odoo: its body_arch (what Odoo's editor loads
 * from a favourite) and its body_html (what Odoo made of it to send) are copied as they are. The
 * draft's own email, if changed or written in Odoo, is replaced only when the person asked.
 */
export async function useFavorite(odoo: OdooClient, input: { storeId: string; campaignId: string; favorite_id: number; replace_odoo_edits: boolean }): Promise<z.infer<typeof UseFavoriteResult>> {
  const mailing = await readWithBody(odoo, input.storeId, input.campaignId);
  if (madeInOdoo(mailing)) throw madeInOdooError(mailing, 'edited');
  const rows = await odoo.searchRead('mailing.mailing', [['id', '=', input.favorite_id], ['favorite', '=', true], ...storeMailings(input.storeId)], ['id', 'body_arch', 'body_html'], { limit: 1, context: { active_test: false } });
  const [favorite] = parseRecords(FavoriteBody, rows, 'mailing.mailing');
  if (!favorite) throw new AppError('not_found', 'That favourite is no longer a favourite of this store in Odoo. Pick another one.', { favorite_id: input.favorite_id });
  // Replacing the draft's body with the same one is no replacement.
  if (mailing.body_html !== favorite.body_html) guardOdooEdits(mailing, input.replace_odoo_edits);
  const values: Record<string, unknown> = {};
  if (mailing.body_html !== favorite.body_html) values.body_html = favorite.body_html;
  if (mailing.body_arch !== favorite.body_arch) values.body_arch = favorite.body_arch;
  if (mailing[TEMPLATE_FIELD]) values[TEMPLATE_FIELD] = false;
  const changed = await updateDraft(odoo, mailing, values);
  const stored = readStoredDocument(favorite.body_arch, favorite.body_html);
  return { campaign_id: campaignIdOf(mailing), changed, document: stored && !stored.editedInOdoo ? stored.document : null };
}

const WriteDate = z.array(z.object({ write_date: z.string() }));

/**
 * "Save as favourite": Odoo's own star (favorite), which any state of a mailing may carry. Written
 * only when it changes. `moved` names the mailing's write_date before and after the star, so a
 * local draft in step with the mailing stays so: the star is not content (see drafts/sync.ts).
 */
export async function setFavorite(odoo: OdooClient, input: { storeId: string; campaignId: string; favorite: boolean }): Promise<z.infer<typeof SetFavoriteResult> & { moved?: { from: string; to: string } }> {
  const mailing = await readWithBody(odoo, input.storeId, input.campaignId);
  if (madeInOdoo(mailing)) throw madeInOdooError(mailing, 'starred');
  const changed = (mailing.favorite ?? false) !== input.favorite;
  const result = { campaign_id: campaignIdOf(mailing), favorite: input.favorite, changed };
  if (!changed) return result;
  const [before] = WriteDate.parse(await odoo.read('mailing.mailing', [mailing.id], ['write_date']));
  await odoo.write('mailing.mailing', [mailing.id], { favorite: input.favorite });
  const [after] = WriteDate.parse(await odoo.read('mailing.mailing', [mailing.id], ['write_date']));
  return before && after ? { ...result, moved: { from: before.write_date, to: after.write_date } } : result;
}
