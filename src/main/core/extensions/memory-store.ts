import type { ExtensionRecord } from '../../../shared/schemas/extension';
import type { ExtensionStore } from './types';

/** Records kept for the life of the process: a console with no profile (and so no data folder) yet. */
export function createMemoryExtensionStore(): ExtensionStore {
  const records = new Map<string, ExtensionRecord>();
  return {
    list: async (storeId) => [...records.values()].filter((r) => r.storeId === storeId),
    get: async (id) => records.get(id) ?? null,
    save: async (record) => void records.set(record.id, record),
    delete: async (id) => records.delete(id),
  };
}
