import type { ExtensionKey, ExtensionRecord, ExtensionRecordInput } from '../../../shared/schemas/extension';
import { requireStoreList, storeLists } from '../marketing/stores';
import type { OdooClient } from '../odoo';
import type { ExtensionRegistry } from './registry';

/** The records a store starts with: its list as the newsletter and campaign target, stats on. */
export function defaultExtensionsFor(listId: number, storeId: string): Record<ExtensionKey, ExtensionRecordInput> {
  return {
    'markket:odoo:newsletter': {
      key: 'markket:odoo:newsletter',
      credentials: { use_default: true },
      config: { mailing_list_id: listId, auto_subscribe: true, tags: [`markket_store_${storeId}`, 'newsletter'], sync_to_sendgrid: false },
      active: true,
    },
    'markket:odoo:campaign': { key: 'markket:odoo:campaign', credentials: { use_default: true }, config: { mailing_list_id: listId, default_segment: 'all' }, active: true },
    'markket:sendgrid:stats': { key: 'markket:sendgrid:stats', credentials: { use_default: true }, config: { count_machine_opens: false, blacklist_spam_reports: true }, active: true },
  };
}

/**
 * The store's active extension of a kind, created with the defaults on the store's first list when
 * it has none (a subscriber added from the console needs one to run).
 */
export async function ensureStoreExtension(registry: ExtensionRegistry, odoo: OdooClient, storeId: string, key: ExtensionKey, listId?: number): Promise<ExtensionRecord> {
  const existing = (await registry.list(storeId)).find((r) => r.key === key && r.active && (listId === undefined || r.config['mailing_list_id'] === listId));
  if (existing) return existing;
  const lists = await storeLists(odoo, storeId);
  // storeLists throws not_found for a store without lists, so lists[0] exists.
  const list = listId === undefined ? lists[0]! : requireStoreList(lists, listId, storeId);
  return registry.add(storeId, defaultExtensionsFor(list.id, storeId)[key]);
}
