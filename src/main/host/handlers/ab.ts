import type { AppContract } from '../../../shared/contract';
import type { abOps } from '../../../shared/ops/ab';
import type { Handlers } from '../../../shared/rpc';
import type { MarketingServices } from './marketing';

/** A/B tests (issue 17): each operation one call into the marketing service's A/B tests; rates are already fractions. */
export const abHandlers: Pick<Handlers<AppContract, MarketingServices>, keyof typeof abOps> = {
  'marketing.campaigns.ab.get': ({ storeId, campaignId }, s) => s.marketing.ab.get(storeId, campaignId),
  'marketing.campaigns.ab.save': (input, s) => s.marketing.ab.save(input),
  'marketing.campaigns.ab.remove': ({ storeId, campaignId }, s) => s.marketing.ab.remove(storeId, campaignId),
  'marketing.campaigns.ab.winner': (input, s) => s.marketing.ab.winner(input),
};
