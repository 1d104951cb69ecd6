import { z } from 'zod';
import { op } from '../rpc';
import { CampaignRef } from '../schemas/marketing';
import { CampaignBody, RenderedEmail, RenderEmailInput, SaveBodyInput, SaveBodyResult, TestSendInput, TestSendResult } from '../schemas/email';

const base = '/api/stores/:storeId/marketing';

/** Issue 11: email bodies written in the console's editor. */
export const emailOps = {
  'email.render': op({ summary: 'Renders an email document to the HTML Odoo will send and its plain-text version (no network).', input: RenderEmailInput, output: RenderedEmail }),
  'email.images.load': op({
    summary: "Loads a preview's remote images when the person clicks \"Load images\" (HIPAA mode): fetched by the console from the profile's own Odoo only, answered as data: URLs; any other address stays a placeholder, with the reason.",
    input: z.strictObject({ srcs: z.array(z.string().trim().min(1).max(2000)).min(1).max(50) }),
    output: z.object({ images: z.array(z.object({ src: z.string(), data_url: z.string().nullable(), problem: z.string().nullable() })) }),
  }),
  'marketing.campaigns.body.get': op({ summary: "A campaign's body: its email document when written in the console, and whether Odoo's editor changed it since.", input: CampaignRef, output: CampaignBody, http: `GET ${base}/campaigns/:campaignId/body` }),
  'marketing.campaigns.body.save': op({ summary: "Saves a draft's email document: its HTML to body_html, the document beside it in body_arch.", input: SaveBodyInput, output: SaveBodyResult, http: `PUT ${base}/campaigns/:campaignId/body` }),
  'marketing.campaigns.test_send': op({ summary: 'Sends the campaign as a test to a few addresses ("[TEST]" subject): through Odoo\'s test wizard, or SendGrid when it delivers. No trace, no figures.', input: TestSendInput, output: TestSendResult, http: `POST ${base}/campaigns/:campaignId/test` }),
};
