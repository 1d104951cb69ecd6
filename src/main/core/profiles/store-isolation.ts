import { z } from 'zod';
import type { StoreIsolation } from '../../../shared/schemas/profile';
import type { OdooClient } from '../odoo/types';
import { storeNameFromList } from '../marketing/stores';

const StoreRow = z.object({ x_markket_store_id: z.union([z.string(), z.literal(false)]) }).loose();
const ListRow = z.object({ name: z.string(), x_markket_store_id: z.union([z.string(), z.literal(false)]) }).loose();

async function attempt<T>(work: () => Promise<T>): Promise<T | null> {
  try {
    return await work();
  } catch {
    return null;
  }
}

/**
 * Which stores a key reaches on a shared Odoo. A user with a store (res.users.x_markket_store_id)
 * must see no list, contact or mailing of another store: then Odoo's record rules confine it. A
 * user without a store that sees several stores is Markket staff. Reads only.
 */
export async function probeStoreIsolation(client: OdooClient, uid: number): Promise<StoreIsolation> {
  const user = await attempt(() => client.read('res.users', [uid], ['x_markket_store_id']));
  const parsed = user ? z.array(StoreRow).safeParse(user) : null;
  const storeId = parsed?.success && typeof parsed.data[0]?.x_markket_store_id === 'string' ? parsed.data[0].x_markket_store_id : null;
  const lists = await attempt(() => client.searchRead('mailing.list', [['x_markket_store_id', '!=', false]], ['name', 'x_markket_store_id'], { order: 'id asc', context: { active_test: false } }));
  const listRows = lists ? z.array(ListRow).safeParse(lists) : null;
  if (!listRows?.success) return { level: 'unknown', storeId, storeName: null, otherStores: [], message: 'The console could not tell which stores this key reaches (no store field on mailing lists yet: run Odoo setup).' };
  const names = storeNames(listRows.data);
  const visible = [...names.keys()].sort();
  // People know a store by the name the store picker shows (its first list's, as setup named it), not its id.
  const named = (id: string) => `"${names.get(id) ?? id}"`;
  const storeName = storeId ? (names.get(storeId) ?? null) : null;
  if (storeId) {
    const others = visible.filter((s) => s !== storeId);
    // Contacts and mailings too: a rule missing on one model is enough to leak.
    const foreign = await Promise.all(
      (['mailing.contact', 'mailing.mailing'] as const).map((model) => attempt(() => client.searchCount(model, [['x_markket_store_id', '!=', storeId]], { context: { active_test: false } }))),
    );
    const leaking = others.length > 0 || foreign.some((n) => n !== null && n > 0);
    if (leaking) {
      const what = others.length ? `lists of ${others.map(named).join(', ')}` : 'contacts or mailings of other stores';
      return { level: 'leaking', storeId, storeName, otherStores: others, message: `Warning: this key belongs to the store ${named(storeId)} but can see ${what}. Anyone holding it can read them. Ask Markket's Odoo administrator to run "Isolate stores" in Odoo setup, and do not use this key until then.` };
    }
    return { level: 'confined', storeId, storeName, otherStores: [], message: `Confined to the store ${named(storeId)}: Odoo's record rules let this key read and change only that store's records.` };
  }
  if (visible.length > 1) {
    return { level: 'staff', storeId: null, storeName: null, otherStores: visible, message: `This key sees ${visible.length} stores (${visible.map(named).join(', ')}): it is a Markket staff key. Never give it to a store owner; owners get their own Odoo user from "Add a store owner".` };
  }
  return { level: 'single', storeId: null, storeName: null, otherStores: visible, message: visible[0] ? `This key sees one store (${named(visible[0])}).` : 'This key sees no store yet.' };
}

/** Each store's name as the store picker gives it: from its first list (rows come by id). */
function storeNames(rows: readonly z.infer<typeof ListRow>[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const row of rows) {
    const id = row.x_markket_store_id;
    if (typeof id === 'string' && !names.has(id)) names.set(id, storeNameFromList(row.name));
  }
  return names;
}
