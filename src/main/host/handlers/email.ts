import type { AppContract } from '../../../shared/contract';
import { parseEmailDocument, plainText, previewHtml } from '../../../shared/email';
import { renderEmail } from '../../../shared/email/render';
import type { emailOps } from '../../../shared/ops/email';
import type { Handlers } from '../../../shared/rpc';
import { sendTest, type TestSendDeps } from '../../core/email/test-send';
import { loadOdooImages, type EmailBodies } from '../../core/email';

export type EmailServices = { email: EmailBodies } & TestSendDeps;

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
  'marketing.campaigns.test_send': (input, s) => sendTest(s, input),
};
