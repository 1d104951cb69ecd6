import type { AppContract } from '../../../shared/contract';
import type { offlineOps } from '../../../shared/ops/offline';
import type { Handlers } from '../../../shared/rpc';
import { DEFAULT_CACHE_LIMITS } from '../../core/cache';
import type { Services } from '../services';
import { requireLocal } from './local-common';

type OfflineServices = Pick<Services, 'local'>;

/** Settings' "Offline copies": the size of the profile's cache and its clearing (audited: what was removed, never what it held). */
export const offlineHandlers: Pick<Handlers<AppContract, OfflineServices>, keyof typeof offlineOps> = {
  'offline.cacheSize': async (_input, s) => ({ ...(await requireLocal(s).cache.size()), limits: { ...DEFAULT_CACHE_LIMITS } }),
  'offline.clearCache': async (_input, s) => {
    const local = requireLocal(s);
    const removed = await local.cache.clear();
    await local.record({ action: 'setup.changed', details: { what: 'offline copies cleared', entries: removed.entries, bytes: removed.bytes } });
    return removed;
  },
};
