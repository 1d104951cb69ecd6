import { create } from './crud';
import type { Env } from './env';
import type { Args } from './method-args';
import type { Rec } from './types';

/** copy(): a new record with the stored, writable, copyable values of `rec`, then the model's and the caller's overrides. */
export function copyRecord(env: Env, modelName: string, rec: Rec, overrides: Args): number {
  const store = env.store(modelName);
  const vals: Args = {};
  for (const def of store.fields.values()) {
    if (!def.store || def.readonly || def.copy === false || def.type === 'one2many' || ['id', 'create_date', 'write_date', 'create_uid', 'write_uid'].includes(def.name)) continue;
    const value = env.value(modelName, rec, def.name);
    if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    vals[def.name] = def.type === 'many2many' ? [[6, 0, value]] : value;
  }
  Object.assign(vals, store.spec.copyOverrides?.(env, rec) ?? {}, overrides);
  return create(env, modelName, [vals])[0] as number;
}
