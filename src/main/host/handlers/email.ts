import type { AppContract } from '../../../shared/contract';
import { parseEmailDocument, plainText, previewHtml } from '../../../shared/email';
import { renderEmail } from '../../../shared/email/render';
import type { emailOps } from '../../../shared/ops/email';
import type { Handlers } from '../../../shared/rpc';
import { sendTest, type TestSendDeps } from '../../core/email/test-send';
import { loadOdooImages, type EmailBodies } from '../../core/email';
import { listFavorites, setFavorite, useFavorite } from '../../core/email/favorites';
import type { DraftStore } from '../../core/drafts';

export type EmailServices = { email: EmailBodies; local?: { drafts: DraftStore } | undefined } & TestSendDeps;

/** A local draft that was in step with its mailing before the star stays in step: the star is not content. */
async function keepDraftsInStep(s: EmailServices, campaignId: string, moved: { from: string; to: string } | undefined): Promise<void> {
  if (!moved || !s.local) return;
  for (const draft of await s.local.drafts.list()) {
    if (draft.campaignId === campaignId && draft.sync.odooWriteDate === moved.from) {
      await s.local.drafts.patchMeta(draft.id, (current) => (current.sync.odooWriteDate === moved.from ? { sync: { ...current.sync, odooWriteDate: moved.to } } : {}));
    }
  }
}

export const emailHandlers: Pick<Handlers<AppContract, EmailServices>, keyof typeof emailOps> = {
  'email.render': async ({ document, recipient }) => {
    const rendered = await renderEmail(parseEmailDocument(document));
    if (!recipient) return rendered;
    return { ...rendered, preview_html: previewHtml(rendered.html, recipient), text: plainText(document, recipient) };
  },
  // The page never fetches a HIPAA preview's images itself: the console does, from the profile's Odoo only.
  'email.images.load': async ({ srcs }, s) => ({ images: await loadOdooImages(srcs, { odooUrl: s.odoo.settings.url }) }),
  'marketing.campaigns.body.get': ({ storeId, campaignId }, s) => s.email.get(storeId, campaignId),
  'marketing.campaigns.body.save': (input, s) => s.email.save(input),
  'marketing.favorites.list': ({ storeId }, s) => listFavorites(s.odoo, storeId),
  'marketing.campaigns.body.use_favorite': (input, s) => useFavorite(s.odoo, input),
  'marketing.campaigns.favorite': async (input, s) => {
    const { moved, ...result } = await setFavorite(s.odoo, input);
    await keepDraftsInStep(s, result.campaign_id, moved);
    return result;
  },
  'marketing.campaigns.test_send': (input, s) => sendTest(s, input),
};
