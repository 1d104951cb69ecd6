import { z } from 'zod';
import type { OdooClient } from '../odoo';
import { parseRecords, type Domain } from '../odoo';
import { ruleOfDomain } from '../marketing/audience/builder';
import { parsePythonDomain } from '../marketing/python-domain';
import type { IsolationChange } from './isolation';

const StoreList = z.object({ id: z.number(), x_markket_store_id: z.union([z.string(), z.literal(false)]) });

/** Records made before isolation (or by staff since) take the store their lists say, where one does. */
export async function backfillStores(odoo: OdooClient, apply: boolean): Promise<IsolationChange[]> {
  return [...(await backfillMailingStores(odoo, apply)), ...(await backfillFilterStores(odoo, apply))];
}

async function writeByStore(odoo: OdooClient, apply: boolean, model: string, label: string, byStore: Map<string, number[]>): Promise<IsolationChange[]> {
  const changes: IsolationChange[] = [];
  for (const [store, ids] of byStore) {
    changes.push({ what: `${ids.length} ${label} of store ${store}`, change: 'updated' });
    if (apply) await odoo.write(model, ids, { x_markket_store_id: store });
  }
  return changes;
}

/**
 * Saved segments carry no store until isolation: one takes the store of the list its domain was
 * built on (the segment builder's own domain, read as the console reads it). Any other filter stays
 * without a store, so only staff see it.
 */
async function backfillFilterStores(odoo: OdooClient, apply: boolean): Promise<IsolationChange[]> {
  const Filter = z.object({ id: z.number(), mailing_domain: z.string() });
  const filters = parseRecords(Filter, await odoo.searchRead('mailing.filter', [['x_markket_store_id', '=', false], ['mailing_model_id.model', '=', 'mailing.contact']], ['mailing_domain']), 'mailing.filter');
  if (filters.length === 0) return [];
  const lists = parseRecords(StoreList, await odoo.searchRead('mailing.list', [['x_markket_store_id', '!=', false]], ['x_markket_store_id'], { context: { active_test: false } }), 'mailing.list');
  const byStore = new Map<string, number[]>();
  for (const filter of filters) {
    const parsed: Domain | null = parsePythonDomain(filter.mailing_domain);
    const list = parsed ? lists.find((l) => ruleOfDomain(parsed, l.id) !== null) : undefined;
    if (list?.x_markket_store_id) byStore.set(list.x_markket_store_id, [...(byStore.get(list.x_markket_store_id) ?? []), filter.id]);
  }
  return writeByStore(odoo, apply, 'mailing.filter', 'saved segment(s)', byStore);
}

/**
 * Mailings made before isolation carry no store of their own: they take the store of their lists
 * when every list is of one store. Mailings spanning stores stay unassigned (only staff see them).
 */
async function backfillMailingStores(odoo: OdooClient, apply: boolean): Promise<IsolationChange[]> {
  const Mailing = z.object({ id: z.number(), contact_list_ids: z.array(z.number()) });
  const mailings = parseRecords(Mailing, await odoo.searchRead('mailing.mailing', [['x_markket_store_id', '=', false], ['contact_list_ids.x_markket_store_id', '!=', false]], ['contact_list_ids'], { context: { active_test: false } }), 'mailing.mailing');
  if (mailings.length === 0) return [];
  const listIds = [...new Set(mailings.flatMap((m) => m.contact_list_ids))];
  const lists = parseRecords(StoreList, await odoo.read('mailing.list', listIds, ['x_markket_store_id']), 'mailing.list');
  const storeOf = new Map(lists.map((l) => [l.id, l.x_markket_store_id]));
  const byStore = new Map<string, number[]>();
  for (const m of mailings) {
    const stores = new Set(m.contact_list_ids.map((id) => storeOf.get(id) ?? false));
    const [only] = [...stores];
    if (stores.size === 1 && typeof only === 'string' && only) byStore.set(only, [...(byStore.get(only) ?? []), m.id]);
  }
  return writeByStore(odoo, apply, 'mailing.mailing', 'mailing(s)', byStore);
}
