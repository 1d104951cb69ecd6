import { z } from 'zod';
import { AppError } from '../../../../shared/errors';
import type { CountSegmentInput, CountSegmentResult, SavedSegment, SaveSegmentInput, SegmentRule, SegmentsResult } from '../../../../shared/schemas/segments';
import { many2one, parseRecords, type Domain, type OdooClient } from '../../odoo';
import { parsePythonDomain } from '../python-domain';
import { toPythonDomain } from '../segments';
import { requireStoreList, sameStoreLists, storeLists } from '../stores';
import { resolveActivities } from './activity';
import { conditionDomain, ruleDomain, ruleOfDomain } from './builder';

type Out<T extends z.ZodType> = z.infer<T>;

/**
 * Saved segments are Odoo's own favourite filters (mass_mailing's mailing.filter: name,
 * mailing_domain, mailing_model_id; fields_get in odoo18-wire/023 names it as mailing_filter_id's
 * relation), so another computer, and Odoo's own mailing form, see them. mailing.filter has no store:
 * a filter is this store's when its domain is one the builder wrote for one of the store's lists.
 */
const FilterRecord = z.object({ id: z.number().int().positive(), name: z.string(), mailing_domain: z.string(), create_uid: many2one });
const IrModel = z.object({ id: z.number().int().positive() });
const CONTACTS: Domain = [['mailing_model_id.model', '=', 'mailing.contact']];
/** The store field "Isolate stores" adds to mailing.filter (setup/isolation.ts). */
const STORE_FIELD = 'x_markket_store_id';

export interface SegmentDeps {
  odoo: OdooClient;
  now: () => Date;
}

interface StoreFilter { record: z.infer<typeof FilterRecord>; listId: number; rule: SegmentRule }

function notFound(storeId: string, id: number): AppError {
  return new AppError('not_found', "This saved segment is not one of the store's segments; it may have been deleted in Odoo. Reload the segments.", { storeId, id });
}

const FILTER_VERB = { read: 'read the saved segments', save: 'save segments', delete: 'delete saved segments' } as const;

/**
 * mass_mailing grants mailing.filter to Email Marketing / User only, with every right (read, write,
 * create, unlink: access_mailing_filter_mailing_user in security/ir.model.access.csv, Odoo 16–19) and
 * no record rule of its own; an administrator may narrow it, or "Isolate stores" keeps it per store.
 * Odoo's AccessError then names a model the person never saw: say what it means here.
 */
async function filterAccess<T>(what: keyof typeof FILTER_VERB, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'odoo.access_denied') throw error;
    throw new AppError('odoo.access_denied', `Your Odoo user may not ${FILTER_VERB[what]}: Odoo keeps segments as Email Marketing's favourite filters, which need the Email Marketing / User right${what === 'read' ? '' : ' to change'}. Ask your Odoo administrator for it; until then, pick one of the fixed segments for a campaign.`, { ...error.details, model: 'mailing.filter' });
  }
}

/** The list among `listIds` a filter's domain was built on, and its rule; null for any other domain. */
function builtOn(mailingDomain: string, listIds: readonly number[]): { listId: number; rule: SegmentRule } | null {
  const parsed = parsePythonDomain(mailingDomain);
  for (const listId of parsed ? listIds : []) {
    const rule = ruleOfDomain(parsed as Domain, listId);
    if (rule) return { listId, rule };
  }
  return null;
}

export function createSegments({ odoo, now }: SegmentDeps) {
  /** The segment's domain as of now: activity conditions re-read from Odoo's traces. */
  async function freshDomain(storeListIds: readonly number[], listId: number, rule: SegmentRule): Promise<Domain> {
    return ruleDomain(rule, listId, await resolveActivities(odoo, rule, storeListIds, now()));
  }

  async function storeListIds(storeId: string, listId?: number): Promise<number[]> {
    const lists = await storeLists(odoo, storeId);
    if (listId !== undefined) requireStoreList(lists, listId, storeId);
    return lists.map((l) => l.id);
  }

  async function storeFilters(listIds: readonly number[]): Promise<StoreFilter[]> {
    const found = await filterAccess('read', () => odoo.searchRead('mailing.filter', CONTACTS, ['id', 'name', 'mailing_domain', 'create_uid'], { order: 'name asc, id asc' }));
    const rows = parseRecords(FilterRecord, found, 'mailing.filter');
    return rows.flatMap((record) => {
      const built = builtOn(record.mailing_domain, listIds);
      return built ? [{ record, ...built }] : [];
    });
  }

  /** Odoo's count of the whole segment and of each condition alone, all asked at once. */
  async function count(input: Out<typeof CountSegmentInput>): Promise<Out<typeof CountSegmentResult>> {
    const listIds = await storeListIds(input.storeId, input.list_id);
    const activities = await resolveActivities(odoo, input.rule, listIds, now());
    const domain = ruleDomain(input.rule, input.list_id, activities);
    const [total, ...each] = await Promise.all([
      odoo.searchCount('mailing.contact', domain),
      ...input.rule.conditions.map((c, i) => odoo.searchCount('mailing.contact', conditionDomain(c, input.list_id, activities.get(i)))),
    ]);
    return { count: total ?? 0, conditions: each.map((n) => ({ count: n })), domain: toPythonDomain(domain), counted_at: now().toISOString() };
  }

  async function view(filter: StoreFilter, listIds: readonly number[]): Promise<Out<typeof SavedSegment>> {
    const recipients = await odoo.searchCount('mailing.contact', await freshDomain(listIds, filter.listId, filter.rule));
    return { id: filter.record.id, name: filter.record.name, list_id: filter.listId, rule: filter.rule, domain: filter.record.mailing_domain, recipients, saved_by: filter.record.create_uid?.name ?? null };
  }

  async function list(storeId: string): Promise<Out<typeof SegmentsResult>> {
    const listIds = await storeListIds(storeId);
    const filters = await storeFilters(listIds);
    return { segments: await Promise.all(filters.map((f) => view(f, listIds))), counted_at: now().toISOString() };
  }

  async function find(storeId: string, id: number, listIds: readonly number[]): Promise<StoreFilter> {
    const filter = (await storeFilters(listIds)).find((f) => f.record.id === id);
    if (!filter) throw notFound(storeId, id);
    return filter;
  }

  /** Creates the filter, or changes the named one (only its name and domain, and only when they differ). */
  async function save(input: Out<typeof SaveSegmentInput>): Promise<Out<typeof SavedSegment>> {
    const listIds = await storeListIds(input.storeId, input.list_id);
    const domain = toPythonDomain(await freshDomain(listIds, input.list_id, input.rule));
    let id = input.id;
    if (id === undefined) {
      const [models, storeField] = await Promise.all([
        odoo.searchRead('ir.model', [['model', '=', 'mailing.contact']], ['id'], { limit: 1 }),
        filterAccess('save', () => odoo.fieldsGet('mailing.filter', { allfields: [STORE_FIELD], attributes: ['type'] })),
      ]);
      const [model] = parseRecords(IrModel, models, 'ir.model');
      if (!model) throw new AppError('odoo.unknown_model', 'This Odoo has no mailing contacts. Install the Email Marketing app (mass_mailing) in Odoo.', { model: 'mailing.contact' });
      // After "Isolate stores" a saved segment has a store, and only that store's owner sees it. A
      // store owner's new filter takes their store from their per-user default, but staff have none:
      // the segment is this store's (it is built on the store's list), so it says so from the start
      // rather than at the next isolation run. fields_get answers only the fields that exist.
      const store = STORE_FIELD in storeField ? { [STORE_FIELD]: input.storeId } : {};
      const values = { name: input.name, mailing_domain: domain, mailing_model_id: model.id, ...store };
      id = await filterAccess('save', () => odoo.create('mailing.filter', values));
    } else {
      const current = await find(input.storeId, id, listIds);
      const changed = Object.fromEntries(Object.entries({ name: input.name, mailing_domain: domain }).filter(([k, v]) => current.record[k as 'name' | 'mailing_domain'] !== v));
      const target = id;
      if (Object.keys(changed).length > 0) await filterAccess('save', () => odoo.write('mailing.filter', [target], changed));
    }
    return view(await find(input.storeId, id, listIds), listIds);
  }

  async function remove(storeId: string, id: number): Promise<{ deleted: true; id: number }> {
    const listIds = await storeListIds(storeId);
    await find(storeId, id, listIds);
    await filterAccess('delete', () => odoo.unlink('mailing.filter', [id]));
    return { deleted: true, id };
  }

  return { count, list, save, remove };
}

export type Segments = ReturnType<typeof createSegments>;

/**
 * A saved segment's domain for a mailing on `listId`, as of now: what "saved:<id>" in the audience
 * picker writes. A segment is the store's, not its list's: its rule is read for the list it was
 * built on, which must be one of the same store's lists as `listId` (so no other store's segment can
 * be used through its id), and applied to `listId`, with its activity conditions read over the
 * store's campaigns as the builder counts them. The caller has checked `listId` is the store's.
 */
export async function savedSegmentDomain(odoo: OdooClient, listId: number, id: number, now: Date): Promise<Domain> {
  const [found, lists] = await Promise.all([
    odoo.searchRead('mailing.filter', [['id', '=', id], ...CONTACTS], ['id', 'name', 'mailing_domain', 'create_uid'], { limit: 1 }),
    sameStoreLists(odoo, listId),
  ]);
  const [record] = parseRecords(FilterRecord, found, 'mailing.filter');
  const listIds = lists.map((l) => l.id);
  const built = record ? builtOn(record.mailing_domain, listIds) : null;
  if (!built) {
    throw new AppError('input.invalid', "This saved segment is not one of this store's segments; it may have been deleted or changed in Odoo. Pick another audience.", {
      fields: [{ field: 'segment', problem: "is not a saved segment of this list's store" }],
      segment_id: id,
    });
  }
  return ruleDomain(built.rule, listId, await resolveActivities(odoo, built.rule, listIds, now));
}
