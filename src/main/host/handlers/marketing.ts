import type { AppContract } from '../../../shared/contract';
import type { marketingOps } from '../../../shared/ops/marketing';
import type { Handlers } from '../../../shared/rpc';
import type { MarketingService } from '../../core/marketing';

export type MarketingServices = { marketing: MarketingService };

/** The Dashboard API's operations, each one call into the marketing service. */
export const marketingHandlers: Pick<Handlers<AppContract, MarketingServices>, keyof typeof marketingOps> = {
  'stores.list': (_input, s) => s.marketing.stores(),
  'marketing.lists': ({ storeId }, s) => s.marketing.lists(storeId),
  'marketing.subscribers.list': (query, s) => s.marketing.subscribers(query),
  'marketing.campaigns.create': (input, s) => s.marketing.createCampaign(input),
  'marketing.campaigns.send': ({ storeId, campaignId }, s) => s.marketing.sendCampaign(storeId, campaignId),
  'marketing.campaigns.get': ({ storeId, campaignId }, s) => s.marketing.getCampaign(storeId, campaignId),
  'marketing.campaigns.list': (query, s) => s.marketing.listCampaigns(query),
  'marketing.overview': ({ storeId }, s) => s.marketing.overview(storeId),
};
