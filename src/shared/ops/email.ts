import { z } from 'zod';
import { op } from '../rpc';
import { CampaignRef } from '../schemas/marketing';
import { CampaignBody, FavoriteTemplates, RenderedEmail, RenderEmailInput, SaveBodyInput, SaveBodyResult, SetFavoriteInput, SetFavoriteResult, TestSendInput, TestSendResult, UseFavoriteInput, UseFavoriteResult } from '../schemas/email';
import { StoreId } from '../schemas/common';
import { EMAIL_DOCUMENT_BODY } from '../email/document';

const base = '/api/stores/:storeId/marketing';

/** Issue 11: email bodies written in the console's editor. */
export const emailOps = {
  'email.render': op({ body: EMAIL_DOCUMENT_BODY, summary: 'Renders an email document to the HTML Odoo will send and its plain-text version (no network).', input: RenderEmailInput, output: RenderedEmail }),
  'email.images.load': op({
    summary: "Loads a preview's remote images when the person clicks \"Load images\" (HIPAA mode): fetched by the console from the profile's own Odoo only, answered as data: URLs; any other address stays a placeholder, with the reason.",
    input: z.strictObject({ srcs: z.array(z.string().trim().min(1).max(2000)).min(1).max(50) }),
    output: z.object({ images: z.array(z.object({ src: z.string(), data_url: z.string().nullable(), problem: z.string().nullable() })) }),
  }),
  'marketing.campaigns.body.get': op({ summary: "A campaign's body: its email document when written in the console, and whether Odoo's editor changed it since.", input: CampaignRef, output: CampaignBody, http: `GET ${base}/campaigns/:campaignId/body` }),
  'marketing.campaigns.body.save': op({ body: EMAIL_DOCUMENT_BODY, summary: "Saves a draft's email document: its HTML to body_html, the document beside it in body_arch.", input: SaveBodyInput, output: SaveBodyResult, http: `PUT ${base}/campaigns/:campaignId/body` }),
  'marketing.favorites.list': op({ summary: "The store's favourite mailings in Odoo (Odoo's own favourite templates), to start an email from.", input: z.strictObject({ storeId: StoreId }), output: FavoriteTemplates, http: `GET ${base}/favorites` }),
  'marketing.campaigns.body.use_favorite': op({ summary: "Starts a draft's email from a favourite written in Odoo: its body copied as Odoo holds it.", input: UseFavoriteInput, output: UseFavoriteResult, http: `PUT ${base}/campaigns/:campaignId/body/favorite` }),
  'marketing.campaigns.favorite': op({ summary: "Saves a campaign as a favourite in Odoo (Odoo's star), or takes it off the favourites.", input: SetFavoriteInput, output: SetFavoriteResult, http: `PUT ${base}/campaigns/:campaignId/favorite` }),
  'marketing.campaigns.test_send': op({ summary: 'Sends the campaign as a test to a few addresses ("[TEST]" subject): through Odoo\'s test wizard, or SendGrid when it delivers. No trace, no figures.', input: TestSendInput, output: TestSendResult, http: `POST ${base}/campaigns/:campaignId/test` }),
};
