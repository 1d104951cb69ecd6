import { accessError, typeError } from '../errors';
import { inRightsGroups } from '../models/security';
import { copyRecord } from './copy-record';
import { create, ensureExist, existing, search, searchCount, unlink, write } from './crud';
import { fieldsGet } from './fields-get';
import { list, model, num, records, sqlInt, str, type Args } from './method-args';
import type { MethodSpec } from './model';
import { formattedReadGroupingSets } from './grouping-sets';
import { formattedReadGroup, readGroup, readProgressBar, webReadGroup } from './read-group';
import { cappedCount, readable, readRecords, webRead, webSearchReadLength, type Spec } from './read-methods';
import { checkRecordRules } from './record-rules';
import type { Rec } from './types';
import { RecordSet, type WireValue } from './values';

/** The methods every model answers, with Python's parameter names so kwargs bind like in Odoo. */
export const ormMethods: Record<string, MethodSpec> = {
  create: model(['vals_list'], (env, _ids, a) => {
    const single = !Array.isArray(a.vals_list);
    const ids = create(env, env.model, (single ? [a.vals_list] : a.vals_list) as Args[]);
    return new RecordSet(env.model, ids, single ? 'id' : 'ids');
  }, 1),
  read: records(['fields', 'load'], (env, ids, a) => readRecords(env, env.model, readable(env, env.model, ids), list(a.fields))),
  web_read: records(['specification'], (env, ids, a) => webRead(env, env.model, readable(env, env.model, ids), (a.specification ?? {}) as Spec), 1),
  write: records(['vals'], (env, ids, a) => write(env, env.model, ids, (a.vals ?? {}) as Args), 1),
  unlink: records([], (env, ids) => unlink(env, env.model, ids)),
  search: model(['domain', 'offset', 'limit', 'order'], (env, _ids, a) =>
    search(env, env.model, a.domain ?? [], { offset: sqlInt(a.offset, 0) ?? 0, limit: sqlInt(a.limit, null), order: str(a.order) }),
  1),
  // search_count(domain, limit): Odoo counts at most `limit` matches (models.py search_count → _search(limit=…)).
  search_count: model(['domain', 'limit'], (env, _ids, a) => cappedCount(searchCount(env, env.model, a.domain ?? []), num(a.limit, null)), 1),
  // search_read(domain=None, fields=None, offset=0, limit=None, order=None, **read_kwargs): extra
  // names bind, then reach _read_format, which takes only `load` (odoo19-json2-wire/106: a 500).
  search_read: {
    ...model(['domain', 'fields', 'offset', 'limit', 'order'], (env, _ids, a) => {
      const m = env.model;
      const extra = Object.keys(a).find((k) => !['domain', 'fields', 'offset', 'limit', 'order', 'load'].includes(k));
      if (extra !== undefined) throw typeError(`BaseModel._read_format() got an unexpected keyword argument '${extra}'`);
      const ids = search(env, m, a.domain ?? [], { offset: sqlInt(a.offset, 0) ?? 0, limit: sqlInt(a.limit, null), order: str(a.order) });
      return readRecords(env, m, existing(env, m, ids), list(a.fields));
    }),
    varKeywords: true,
  },
  web_search_read: model(['domain', 'specification', 'offset', 'limit', 'order', 'count_limit'], (env, _ids, a) => {
    const m = env.model;
    const offset = num(a.offset, 0) ?? 0;
    const limit = num(a.limit, null);
    const ids = search(env, m, a.domain ?? [], { offset, limit, order: str(a.order) });
    const records = webRead(env, m, existing(env, m, ids), (a.specification ?? {}) as Spec);
    return { length: webSearchReadLength(env, m, a.domain ?? [], records.length, offset, limit, num(a.count_limit, null)), records };
  }, 2),
  read_group: model(['domain', 'fields', 'groupby', 'offset', 'limit', 'orderby', 'lazy'], (env, _ids, a) =>
    readGroup(env, env.model, a.domain ?? [], a.fields ?? [], a.groupby, {
      offset: num(a.offset, 0) ?? 0,
      limit: num(a.limit, null),
      orderby: str(a.orderby),
      lazy: a.lazy !== false,
    }),
  3),
  formatted_read_group: {
    ...model(['domain', 'groupby', 'aggregates', 'having', 'offset', 'limit', 'order'], (env, _ids, a) =>
      formattedReadGroup(env, env.model, a.domain ?? [], a.groupby ?? [], a.aggregates ?? [], {
        having: a.having ?? [],
        offset: num(a.offset, 0) ?? 0,
        limit: num(a.limit, null),
        order: str(a.order),
      }),
    1),
    sinceVersion: 19,
  },
  // 19's formatted_read_grouping_sets(domain, grouping_sets, aggregates=(), *, order=None): several
  // groupings of one domain in one query (odoo19-json2-wire/234 lists it on mailing.trace). `order`
  // follows the bare `*`, so it binds by name only (web/models/models.py).
  formatted_read_grouping_sets: {
    ...model(['domain', 'grouping_sets', 'aggregates', 'order'], (env, _ids, a) =>
      formattedReadGroupingSets(env, env.model, a.domain ?? [], a.grouping_sets, a.aggregates ?? [], str(a.order)),
    2),
    keywordOnly: 1,
    sinceVersion: 19,
  },
  // 19's web_read_group(domain, groupby, aggregates=(), limit=None, offset=0, order=None, *, auto_unfold=False, …):
  // formatted_read_group's groups and how many there are (odoo19-json2-wire/062). The peer does not
  // unfold groups, so it takes only the parameters before the keyword-only ones.
  web_read_group: {
    ...model(['domain', 'groupby', 'aggregates', 'limit', 'offset', 'order'], (env, _ids, a) =>
      webReadGroup(env, env.model, a.domain ?? [], a.groupby ?? [], a.aggregates ?? [], { offset: num(a.offset, 0) ?? 0, limit: num(a.limit, null), order: str(a.order) }),
    2),
    sinceVersion: 19,
  },
  read_progress_bar: model(['domain', 'group_by', 'progress_bar'], (env, _ids, a) => readProgressBar(env, env.model, a.domain ?? [], a.group_by, a.progress_bar)),
  name_search: model(['name', 'args', 'operator', 'limit'], (env, _ids, a) => {
    const m = env.model;
    const recName = env.store(m).spec.recName ?? 'name';
    const domain = [...((a.args as unknown[]) ?? [])];
    if (typeof a.name === 'string' && a.name) domain.push([recName, (a.operator as string) ?? 'ilike', a.name]);
    const ids = search(env, m, domain, { limit: num(a.limit, 100) });
    return ids.map((id) => [id, env.displayName(m, env.browse(m, id) as Rec)]);
  }),
  // models.py name_create: a record with only its _rec_name set, answered as (id, display_name) (odoo19-json2-wire/247).
  name_create: model(['name'], (env, _ids, a) => {
    const m = env.model;
    const [id] = create(env, m, [{ [env.store(m).spec.recName ?? 'name']: a.name }]);
    return [id, env.displayName(m, env.browse(m, id as number) as Rec)];
  }, 1),
  // A user outside the model's groups (a portal user, a store owner on ir.model) holds no rights; raise_exception=False asks without failing.
  check_access_rights: model(['operation', 'raise_exception'], (env, _ids, a) => {
    const rights = env.store(env.model).spec.rights;
    const writing = ['write', 'create', 'unlink'].includes(String(a.operation));
    if (!rights || inRightsGroups(env, writing ? rights.writeGroups : rights.readGroups)) return true;
    if (a.raise_exception === false) return false;
    const verb = ({ read: 'access', write: 'modify', create: 'create', unlink: 'delete' } as Record<string, string>)[String(a.operation)] ?? 'access';
    throw accessError(
      `You are not allowed to ${verb} '${env.store(env.model).spec.description}' (${env.model}) records.\n\nContact your administrator to request access if necessary.`,
      'Contact your administrator to request access if necessary.',
    );
  }, 1),
  // has_access(operation) (public since 18.0, odoo/orm/models.py): the record-method successor of
  // check_access_rights; on an empty recordset it is the model-level check. It answers a boolean and
  // never raises (odoo19-json2-wire/119-has_access-admin, 120-has_access-portal-false).
  has_access: records(['operation'], (env) => {
    const rights = env.store(env.model).spec.rights;
    const user = env.browse('res.users', env.uid) as Rec | undefined;
    return !rights || !user || user.share !== true;
  }, 1),
  fields_get: model(['allfields', 'attributes'], (env, _ids, a) => fieldsGet(env, env.model, a.allfields, a.attributes)),
  // Odoo 19 names the parameter `fields` (odoo19-json2-wire/131 binds it by that name).
  default_get: { ...model(['fields_list'], (env, _ids, a) => {
    const m = env.model;
    const wanted = list(a.fields_list ?? a.fields) ?? [];
    const out: Record<string, WireValue> = {};
    for (const [name, make] of Object.entries(env.store(m).spec.defaults ?? {})) {
      if (wanted.includes(name)) out[name] = make(env) as WireValue;
    }
    for (const [key, value] of Object.entries(env.context)) {
      if (key.startsWith('default_') && wanted.includes(key.slice(8))) out[key.slice(8)] = value as WireValue;
    }
    return out;
  }, 1), params19: ['fields'] },
  copy: records(['default'], (env, ids, a) => {
    const m = env.model;
    const recs = ensureExist(env, m, ids);
    checkRecordRules(env, m, recs, 'read');
    const newIds = recs.map((rec) => copyRecord(env, m, rec, (a.default ?? {}) as Args));
    return new RecordSet(m, newIds, 'ids');
  }),
  name_get: records([], (env, ids) => {
    const m = env.model;
    return readable(env, m, ids).map((r) => [r.id, env.displayName(m, r)]);
  }),
};
