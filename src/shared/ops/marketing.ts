import { z } from 'zod';
import { op } from '../rpc';
import { StoreId } from '../schemas/common';
import * as m from '../schemas/marketing';

const base = '/api/stores/:storeId/marketing';

/** The product spec's Dashboard API. Routes and response field names are the spec's, verbatim. */
export const marketingOps = {
  'stores.list': op({ summary: 'The stores this profile serves.', input: z.object({}), output: m.StoresResult, http: 'GET /api/stores' }),
  'marketing.lists': op({ summary: "The store's mailing lists with their contact counts.", input: z.object({ storeId: StoreId }), output: m.ListsResult, http: `GET ${base}/lists` }),
  'marketing.subscribers.list': op({ summary: 'One page of subscribers, searchable and filterable by tag.', input: m.SubscribersQuery, output: m.SubscribersResult, http: `GET ${base}/subscribers` }),
  'marketing.campaigns.create': op({ summary: 'Creates a draft campaign (an Odoo mailing) for a list and segment.', input: m.CreateCampaignInput, output: m.CreateCampaignResult, http: `POST ${base}/campaigns` }),
  'marketing.campaigns.send': op({ summary: 'Sends a draft now, or schedules it when it has a schedule.', input: m.CampaignRef, output: m.SendCampaignResult, http: `POST ${base}/campaigns/:campaignId/send` }),
  'marketing.campaigns.get': op({ summary: "A campaign with its delivery and engagement figures.", input: m.CampaignRef, output: m.CampaignDetail, http: `GET ${base}/campaigns/:campaignId` }),
  'marketing.campaigns.list': op({ summary: "The store's campaigns, newest first.", input: m.CampaignsQuery, output: m.CampaignsResult, http: `GET ${base}/campaigns` }),
  'marketing.overview': op({ summary: 'Headline figures and recent campaigns.', input: z.object({ storeId: StoreId }), output: m.Overview, http: `GET ${base}/overview` }),
};
