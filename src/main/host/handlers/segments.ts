import type { AppContract } from '../../../shared/contract';
import type { segmentOps } from '../../../shared/ops/segments';
import type { Handlers } from '../../../shared/rpc';
import type { MarketingServices } from './marketing';

/** The segment builder (issue 17): each operation one call into the marketing service's segments. */
export const segmentHandlers: Pick<Handlers<AppContract, MarketingServices>, keyof typeof segmentOps> = {
  'marketing.segments.count': (input, s) => s.marketing.segments.count(input),
  'marketing.segments.list': ({ storeId }, s) => s.marketing.segments.list(storeId),
  'marketing.segments.save': (input, s) => s.marketing.segments.save(input),
  'marketing.segments.delete': ({ storeId, id }, s) => s.marketing.segments.remove(storeId, id),
};
