import { existing, searchCount } from './crud';
import type { Env } from './env';
import { unknownFieldError } from './field-errors';
import { checkRecordRules } from './record-rules';
import type { Rec } from './types';
import { readField, toWire, type WireValue } from './values';

/** Existing records among `ids`; one the read rules hide is an AccessError, as in Odoo's _fetch_query. */
export function readable(env: Env, modelName: string, ids: number[]): Rec[] {
  const recs = existing(env, modelName, ids);
  checkRecordRules(env, modelName, recs, 'read');
  return recs;
}

export function readRecords(env: Env, modelName: string, recs: Rec[], fields: string[] | null): Record<string, WireValue>[] {
  const store = env.store(modelName);
  const names = fields && fields.length ? fields : [...store.fields.values()].filter((f) => f.type !== 'binary').map((f) => f.name);
  for (const name of names) if (name !== 'id' && !store.fields.has(name)) throw unknownFieldError(env, modelName, name, 'read');
  return recs.map((rec) => {
    const row: Record<string, WireValue> = { id: rec.id };
    for (const name of names) if (name !== 'id') row[name] = readField(env, modelName, rec, name);
    return row;
  });
}

export type Spec = Record<string, { fields?: Spec; limit?: number; order?: string; context?: Record<string, unknown> } | undefined>;

/** web_read's "specification": nested reads of relational fields (odoo18-wire/046). */
export const cappedCount = (count: number, limit: number | null): number => (limit ? Math.min(count, limit) : count);

/**
 * The pager's length as web's _format_web_search_read_results gives it (Odoo 17–19,
 * addons/web/models/models.py): no count when the page is not full or when count_limit is already
 * reached by what was read; otherwise search_count capped at count_limit. An empty page is 0.
 */
export function webSearchReadLength(env: Env, model: string, domain: unknown, read: number, offset: number, limit: number | null, countLimit: number | null): number {
  if (read === 0) return 0;
  const current = read + offset;
  const countLimitReached = countLimit !== null && countLimit > 0 && countLimit <= current;
  if (limit && read === limit && !countLimitReached) return cappedCount(searchCount(env, model, domain), countLimit);
  return current;
}

export function webRead(env: Env, modelName: string, recs: Rec[], spec: Spec): Record<string, WireValue>[] {
  return recs.map((rec) => {
    const row: Record<string, WireValue> = { id: rec.id };
    for (const [name, sub] of Object.entries(spec)) {
      if (name === 'id') continue;
      const def = env.field(modelName, name);
      if (!def) throw unknownFieldError(env, modelName, name, 'read');
      const stored = env.value(modelName, rec, name);
      if (sub?.fields && def.relation && (def.type === 'many2one' || def.type === 'one2many' || def.type === 'many2many')) {
        const ids = Array.isArray(stored) ? stored : typeof stored === 'number' ? [stored] : [];
        const nested = webRead(env, def.relation, existing(env, def.relation, ids), sub.fields);
        row[name] = def.type === 'many2one' ? (nested[0] ?? false) : nested;
      } else if (def.type === 'many2one') {
        // No "fields": web_read keeps read(load=None)'s bare id, or false (addons/web/models/models.py).
        row[name] = typeof stored === 'number' && def.relation && env.browse(def.relation, stored) ? stored : false;
      } else {
        row[name] = toWire(env, def, stored);
      }
    }
    return row;
  });
}
