import { z } from 'zod';
import { op } from '../rpc';
import { StoreId } from '../schemas/common';
import * as m from '../schemas/marketing';
import * as v from '../schemas/marketing-views';
import { FlowCreateInput, FlowStats } from '../schemas/flow';

const base = '/api/stores/:storeId/marketing';

/** CampaignDetail with where its figures came from (SendGrid's are merged in when the profile has SendGrid). */
export const CampaignDetailWithSources = m.CampaignDetail.extend({ sources: z.array(z.enum(['odoo', 'sendgrid', 'events'])).optional() });
/** The spec's overview plus the previous period of each headline figure. */
export const OverviewWithTrends = m.Overview.extend({ trends: v.OverviewTrends });

/** The product spec's Dashboard API. Routes and response field names are the spec's, verbatim. */
export const marketingOps = {
  'stores.list': op({ summary: 'The stores this profile serves.', input: z.strictObject({}), output: m.StoresResult, http: 'GET /api/stores' }),
  'marketing.lists': op({ summary: "The store's mailing lists with their contact counts.", input: z.strictObject({ storeId: StoreId }), output: m.ListsResult, http: `GET ${base}/lists` }),
  'marketing.subscribers.list': op({ summary: 'One page of subscribers, searchable and filterable by tag.', input: m.SubscribersQuery, output: m.SubscribersResult, http: `GET ${base}/subscribers` }),
  'marketing.campaigns.create': op({ summary: 'Creates a draft campaign (an Odoo mailing) for a list and segment; give a client_request_id so a retried create never makes a second one.', input: m.CreateCampaignInput, output: m.CreateCampaignResult, http: `POST ${base}/campaigns` }),
  'marketing.campaigns.send': op({ summary: 'Sends a draft now, or schedules it (its own schedule, or the one given).', input: v.SendCampaignInput, output: m.SendCampaignResult, http: `POST ${base}/campaigns/:campaignId/send` }),
  'marketing.campaigns.get': op({ summary: "A campaign with its delivery and engagement figures.", input: m.CampaignRef, output: CampaignDetailWithSources, http: `GET ${base}/campaigns/:campaignId` }),
  'marketing.campaigns.list': op({ summary: "The store's campaigns, newest first.", input: m.CampaignsQuery, output: m.CampaignsResult, http: `GET ${base}/campaigns` }),
  'marketing.overview': op({ summary: 'Headline figures with their previous period, and recent campaigns.', input: z.strictObject({ storeId: StoreId }), output: OverviewWithTrends, http: `GET ${base}/overview` }),

  // Issue 6: what the console's views need beyond the spec's API.
  'marketing.campaigns.estimate': op({ summary: 'How many people a list and segment would reach, live in the editor.', input: v.EstimateInput, output: v.EstimateResult, http: `POST ${base}/campaigns/estimate` }),
  'marketing.campaigns.update': op({ summary: 'Edits a draft: subject, preview, sender, template (body re-rendered), list and segment, schedule.', input: v.UpdateCampaignInput, output: v.UpdateCampaignResult, http: `PATCH ${base}/campaigns/:campaignId` }),
  'marketing.campaigns.delete': op({ summary: "Deletes a draft campaign: its Odoo mailing is removed. Only drafts the console made; sent or scheduled ones are refused.", input: m.CampaignRef, output: v.DeleteCampaignResult, http: `DELETE ${base}/campaigns/:campaignId` }),
  'marketing.campaigns.process_queue': op({ summary: "Runs the Odoo queue a sending campaign waits in once (Odoo's own \"Run Manually\" of that cron), then answers where it stands. Needs an Odoo user who may run scheduled actions.", input: m.CampaignRef, output: m.ProcessQueueResult, http: `POST ${base}/campaigns/:campaignId/process-queue` }),
  'marketing.campaigns.move': op({ summary: 'Moves a scheduled campaign (its whole A/B test) or a dated draft to another date, writing only its schedule date; sent and sending campaigns and past dates are refused, and a scheduled one passes the pre-send check again.', input: v.MoveCampaignInput, output: v.MoveCampaignResult, http: `POST ${base}/campaigns/:campaignId/move` }),
  'marketing.campaigns.cancel': op({ summary: 'Puts a scheduled campaign back to draft.', input: m.CampaignRef, output: v.CancelCampaignResult, http: `POST ${base}/campaigns/:campaignId/cancel` }),
  'marketing.campaigns.duplicate': op({ summary: 'Copies a campaign into a new draft; give a client_request_id so a retried copy never makes a second one.', input: v.DuplicateCampaignInput, output: v.DuplicateCampaignResult, http: `POST ${base}/campaigns/:campaignId/duplicate` }),
  'marketing.campaigns.precheck': op({ summary: 'What stands in the way of sending: unsubscribe link, template fields, subject, suppressed recipients, http links.', input: m.CampaignRef, output: v.PrecheckResult, http: `GET ${base}/campaigns/:campaignId/precheck` }),
  'marketing.campaigns.report': op({ summary: 'The stats view: funnel, opens and clicks over time, bounce kinds, machine opens, top links.', input: m.CampaignRef, output: v.CampaignReport, http: `GET ${base}/campaigns/:campaignId/report` }),
  'marketing.campaigns.recipients': op({ summary: 'Who received a campaign, and who opened, clicked or bounced; paged.', input: v.RecipientsQuery, output: v.RecipientsResult, http: `GET ${base}/campaigns/:campaignId/recipients` }),
  'marketing.subscribers.get': op({ summary: "A subscriber with lists, tags, status and campaign history.", input: v.SubscriberRef, output: v.SubscriberDetail, http: `GET ${base}/subscribers/:id` }),
  'marketing.subscribers.tags': op({ summary: "The tags used on the store's subscribers, with how many carry each.", input: z.strictObject({ storeId: StoreId }), output: v.TagsResult, http: `GET ${base}/tags` }),
  // The spec's flow section: the same operations at the routes and shapes it shows there.
  'campaigns.create': op({ summary: "Creates a draft campaign on the store's list (the spec's flow route; same as marketing.campaigns.create).", input: FlowCreateInput, output: m.CreateCampaignResult, http: 'POST /api/stores/:storeId/campaigns/create', aliasOf: 'marketing.campaigns.create' }),
  'campaigns.send': op({ summary: 'Sends or schedules a campaign (the spec\'s flow route; same as marketing.campaigns.send).', input: v.SendCampaignInput, output: m.SendCampaignResult, http: 'POST /api/stores/:storeId/campaigns/:campaignId/send', aliasOf: 'marketing.campaigns.send' }),
  'campaigns.stats': op({ summary: "A campaign's figures in the spec's flat shape (same source as marketing.campaigns.get).", input: m.CampaignRef, output: FlowStats, http: 'GET /api/stores/:storeId/campaigns/:campaignId/stats', aliasOf: 'marketing.campaigns.get' }),
  'marketing.subscribers.bulk': op({ summary: 'Tags, untags or unsubscribes (from the store’s lists) many subscribers at once.', input: v.BulkInput, output: v.BulkResult, http: `POST ${base}/subscribers/bulk` }),
};
