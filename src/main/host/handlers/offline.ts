import type { AppContract } from '../../../shared/contract';
import type { offlineOps } from '../../../shared/ops/offline';
import type { Handlers } from '../../../shared/rpc';
import { cacheLimitsOf, type OfflineCache } from '../../core/cache';
import type { Services } from '../services';
import { requireLocal } from './local-common';

type OfflineServices = Pick<Services, 'local' | 'profiles'>;

const sizeOf = async (cache: OfflineCache) => ({ ...(await cache.size()), limits: cache.limits() });

/** Settings' "Offline copies": the size of the profile's cache, its limits and its clearing (audited: limits and what was removed, never what it held). */
export const offlineHandlers: Pick<Handlers<AppContract, OfflineServices>, keyof typeof offlineOps> = {
  'offline.cacheSize': async (_input, s) => sizeOf(requireLocal(s).cache),
  // Saved with the profile first (so a failure leaves the old limits in force), then applied to the open cache.
  'offline.setLimits': async (input, s) => {
    const local = requireLocal(s);
    const before = local.cache.limits();
    await s.profiles.setOfflineLimits(local.profileId, input);
    const { entries, bytes } = await local.cache.setLimits(cacheLimitsOf(input));
    await local.record({ action: 'setup.changed', details: { what: 'offline copy limits', maxCopies: input.maxCopies, maxMegabytes: input.maxMegabytes, before: { maxEntries: before.maxEntries, maxBytes: before.maxBytes } } });
    return { entries, bytes, limits: local.cache.limits() };
  },
  'offline.clearCache': async (_input, s) => {
    const local = requireLocal(s);
    const removed = await local.cache.clear();
    await local.record({ action: 'setup.changed', details: { what: 'offline copies cleared', entries: removed.entries, bytes: removed.bytes } });
    return removed;
  },
};
