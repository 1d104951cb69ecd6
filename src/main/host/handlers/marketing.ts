import type { AppContract } from '../../../shared/contract';
import type { marketingOps } from '../../../shared/ops/marketing';
import type { subscriberBulkOps } from '../../../shared/ops/subscriber-bulk';
import type { subscriberEditOps } from '../../../shared/ops/subscriber-edit';
import type { Handlers } from '../../../shared/rpc';
import type { MarketingService } from '../../core/marketing';
import { flatStats, storeListId } from './flow';
import { detailRates, listRates, overviewRates } from './rates';

export type MarketingServices = { marketing: MarketingService };

/** The Dashboard API's operations and the views' own (issue 6), each one call into the marketing service. */
export const marketingHandlers: Pick<Handlers<AppContract, MarketingServices>, keyof typeof marketingOps | keyof typeof subscriberEditOps | keyof typeof subscriberBulkOps> = {
  'stores.list': (_input, s) => s.marketing.stores(),
  'marketing.lists': ({ storeId }, s) => s.marketing.lists(storeId),
  'marketing.subscribers.list': (query, s) => s.marketing.subscribers(query),
  'marketing.campaigns.create': (input, s) => s.marketing.createCampaign(input),
  'marketing.campaigns.send': ({ storeId, campaignId, schedule, acknowledge }, s) => s.marketing.sendCampaign(storeId, campaignId, schedule, acknowledge),
  'marketing.campaigns.get': async ({ storeId, campaignId }, s) => detailRates(await s.marketing.getCampaign(storeId, campaignId)),
  'marketing.campaigns.list': async (query, s) => listRates(await s.marketing.listCampaigns(query)),
  'marketing.overview': async ({ storeId }, s) => overviewRates(await s.marketing.overview(storeId)),
  'marketing.campaigns.estimate': (input, s) => s.marketing.estimateCampaign(input),
  'marketing.campaigns.update': (input, s) => s.marketing.updateCampaign(input),
  'marketing.campaigns.delete': ({ storeId, campaignId }, s) => s.marketing.deleteCampaign(storeId, campaignId),
  'marketing.campaigns.process_queue': ({ storeId, campaignId }, s) => s.marketing.processQueue(storeId, campaignId),
  'marketing.campaigns.cancel': ({ storeId, campaignId }, s) => s.marketing.cancelCampaign(storeId, campaignId),
  'marketing.campaigns.move': (input, s) => s.marketing.moveCampaign(input),
  'marketing.campaigns.duplicate': (input, s) => s.marketing.duplicateCampaign(input),
  'marketing.campaigns.precheck': ({ storeId, campaignId }, s) => s.marketing.precheckCampaign(storeId, campaignId),
  'marketing.campaigns.report': ({ storeId, campaignId }, s) => s.marketing.campaignReport(storeId, campaignId),
  'marketing.campaigns.recipients': (query, s) => s.marketing.campaignRecipients(query),
  'marketing.subscribers.get': ({ storeId, id }, s) => s.marketing.subscriber(storeId, id),
  'marketing.subscribers.tags': ({ storeId }, s) => s.marketing.tags(storeId),
  'marketing.subscribers.bulk': (input, s) => s.marketing.bulkSubscribers(input),
  'marketing.subscribers.update': async (input, s) => {
    const changed = await s.marketing.updateSubscriber(input);
    return { changed, subscriber: await s.marketing.subscriber(input.storeId, input.id) };
  },
  'marketing.subscribers.delete': (input, s) => s.marketing.deleteSubscriber(input),
  'marketing.subscribers.bulkRun': (input, s, ctx) => s.marketing.bulkRun(input, ctx.emit, ctx.signal),
  'marketing.subscribers.bulkStop': ({ storeId, run_id }, s) => ({ stopping: s.marketing.bulkStop(storeId, run_id) }),
  'campaigns.create': async ({ template_id, list_id, ...input }, s) =>
    s.marketing.createCampaign({ ...input, sendgrid_template_id: template_id, list_id: list_id ?? (await storeListId(s.marketing, input.storeId)) }),
  'campaigns.send': ({ storeId, campaignId, schedule, acknowledge }, s) => s.marketing.sendCampaign(storeId, campaignId, schedule, acknowledge),
  'campaigns.stats': async ({ storeId, campaignId }, s) => flatStats(await s.marketing.getCampaign(storeId, campaignId)),
};
