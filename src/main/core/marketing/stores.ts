import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { notSetUp } from '../setup/not-set-up';
import { parseRecords, type OdooClient } from '../odoo';

/** The custom field that ties a mailing.list to a store (created by the Odoo setup, odoo18-wire/210). */
export const STORE_FIELD = 'x_markket_store_id';

/** A store this profile serves, as the profile names it (Odoo itself only knows the store id). */
export interface KnownStore {
  id: string;
  name: string;
}

const StoreListRecord = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  [STORE_FIELD]: z.union([z.string(), z.literal(false)]),
});

export interface StoreList {
  id: number;
  name: string;
  storeId: string;
}

export function unknownStore(storeId: string): AppError {
  return new AppError(
    'not_found',
    `No mailing list in Odoo belongs to the store "${storeId}". Check the store id, or run the Odoo setup so the store gets its list.`,
    { storeId },
  );
}

async function searchStoreLists(odoo: OdooClient, domain: unknown[]): Promise<Record<string, unknown>[]> {
  try {
    return await odoo.searchRead('mailing.list', domain, ['id', 'name', STORE_FIELD], { order: 'id asc' });
  } catch (error) {
    throw notSetUp(error);
  }
}

/**
 * The store's mailing lists (ids ascending), found through x_markket_store_id.
 * A store without any list is unknown to this Odoo: a not_found error the owner can act on.
 */
export async function storeLists(odoo: OdooClient, storeId: string): Promise<StoreList[]> {
  const rows = await searchStoreLists(odoo, [[STORE_FIELD, '=', storeId]]);
  const lists = parseRecords(StoreListRecord, rows, 'mailing.list').map((r) => ({ id: r.id, name: r.name, storeId }));
  if (lists.length === 0) throw unknownStore(storeId);
  return lists;
}

/**
 * The lists of the store that owns `listId` (ids ascending), from one read of every store's lists;
 * none when the list belongs to no store. For paths that know a list but not its store.
 */
export async function sameStoreLists(odoo: OdooClient, listId: number): Promise<StoreList[]> {
  const rows = parseRecords(StoreListRecord, await searchStoreLists(odoo, [[STORE_FIELD, '!=', false]]), 'mailing.list');
  const owner = rows.find((r) => r.id === listId)?.[STORE_FIELD];
  return owner ? rows.filter((r) => r[STORE_FIELD] === owner).map((r) => ({ id: r.id, name: r.name, storeId: owner })) : [];
}

/** The setup names a store's list "<store name> - Newsletter" (setup.ts): the store's name is what precedes it. */
export const LIST_SUFFIX = ' - Newsletter';
export function storeNameFromList(listName: string): string {
  return listName.endsWith(LIST_SUFFIX) && listName.length > LIST_SUFFIX.length ? listName.slice(0, -LIST_SUFFIX.length) : listName;
}

/** Every store with at least one list in this Odoo, plus the profile's stores that have none yet. */
export async function listStores(odoo: OdooClient, known: readonly KnownStore[]): Promise<{ id: string; name: string; list_ids: number[] }[]> {
  const domain = known.length > 0 ? [[STORE_FIELD, 'in', known.map((s) => s.id)]] : [[STORE_FIELD, '!=', false]];
  const rows = await searchStoreLists(odoo, domain);
  const byStore = new Map<string, { id: string; name: string; list_ids: number[] }>();
  for (const store of known) byStore.set(store.id, { id: store.id, name: store.name, list_ids: [] });
  for (const row of parseRecords(StoreListRecord, rows, 'mailing.list')) {
    const storeId = row[STORE_FIELD];
    if (storeId === false) continue;
    // A store the profile does not name (or names only by its id, as a profile's store ids do) is
    // shown under its first list's name, the best label Odoo has: the setup named it after the store.
    const entry = byStore.get(storeId) ?? { id: storeId, name: storeNameFromList(row.name), list_ids: [] };
    if (entry.list_ids.length === 0 && entry.name === storeId) entry.name = storeNameFromList(row.name);
    entry.list_ids.push(row.id);
    byStore.set(storeId, entry);
  }
  return [...byStore.values()];
}

/** The list the caller named must be one of the store's, or the request is about someone else's data. */
export function requireStoreList(lists: readonly StoreList[], listId: number, storeId: string): StoreList {
  const list = lists.find((l) => l.id === listId);
  if (!list) {
    throw new AppError('input.invalid', `The mailing list ${listId} does not belong to the store "${storeId}". Choose one of its lists: ${lists.map((l) => `${l.name} (${l.id})`).join(', ')}.`, {
      fields: [{ field: 'list_id', problem: 'is not one of the store’s mailing lists' }],
      list_id: listId,
      storeId,
    });
  }
  return list;
}
