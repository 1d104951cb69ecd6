import type { FieldDef, Rec, StoredValue } from './types';
import type { ModelSpec } from './model';

type IndexKey = string | number | boolean | null;
/** One id is kept as a bare number (most keys are unique: emails, message ids), more as a Set. */
type Posting = number | Set<number>;

/**
 * One model's records and the indexes that keep 1,000,000-contact searches fast:
 * every stored many2one, every stored many2many (reverse) and the char fields a model names.
 */
export class ModelStore {
  readonly fields = new Map<string, FieldDef>();
  readonly records = new Map<number, Rec>();
  nextId = 1;
  private readonly indexes = new Map<string, Map<IndexKey, Posting>>();

  constructor(readonly spec: ModelSpec) {
    for (const f of spec.fields) this.fields.set(f.name, f);
    for (const f of spec.fields) if (this.isIndexed(f)) this.indexes.set(f.name, new Map());
  }

  addField(def: FieldDef): void {
    this.fields.set(def.name, def);
    if (this.isIndexed(def) && !this.indexes.has(def.name)) {
      const index = new Map<IndexKey, Posting>();
      this.indexes.set(def.name, index);
      for (const rec of this.records.values()) this.indexValue(index, rec[def.name], rec.id);
    }
  }

  private isIndexed(f: FieldDef): boolean {
    if (!f.store || f.name === 'id') return false;
    if (f.type === 'many2one' || f.type === 'many2many') return true;
    return f.index === true || (this.spec.indexed ?? []).includes(f.name);
  }

  hasIndex(field: string): boolean {
    return this.indexes.has(field);
  }

  /** Ids whose stored value equals `value` (for many2many: contains it). */
  lookup(field: string, value: IndexKey): ReadonlySet<number> | undefined {
    const posting = this.indexes.get(field)?.get(normalizeKey(value));
    if (posting === undefined) return undefined;
    return typeof posting === 'number' ? new Set([posting]) : posting;
  }

  /** Number of ids under a key, without materializing anything. */
  count(field: string, value: IndexKey): number {
    const posting = this.indexes.get(field)?.get(normalizeKey(value));
    return posting === undefined ? 0 : typeof posting === 'number' ? 1 : posting.size;
  }

  insert(rec: Rec): Rec {
    if (rec.id >= this.nextId) this.nextId = rec.id + 1;
    this.records.set(rec.id, rec);
    for (const [name, index] of this.indexes) this.indexValue(index, rec[name], rec.id);
    return rec;
  }

  update(rec: Rec, changes: Record<string, StoredValue>): void {
    for (const [name, value] of Object.entries(changes)) {
      const index = this.indexes.get(name);
      if (index) this.unindexValue(index, rec[name], rec.id);
      rec[name] = value;
      if (index) this.indexValue(index, value, rec.id);
    }
  }

  remove(id: number): Rec | undefined {
    const rec = this.records.get(id);
    if (!rec) return undefined;
    for (const [name, index] of this.indexes) this.unindexValue(index, rec[name], id);
    this.records.delete(id);
    return rec;
  }

  private indexValue(index: Map<IndexKey, Posting>, value: StoredValue | undefined, id: number): void {
    for (const key of keysOf(value)) {
      const posting = index.get(key);
      if (posting === undefined) index.set(key, id);
      else if (typeof posting === 'number') {
        if (posting !== id) index.set(key, new Set([posting, id]));
      } else posting.add(id);
    }
  }

  private unindexValue(index: Map<IndexKey, Posting>, value: StoredValue | undefined, id: number): void {
    for (const key of keysOf(value)) {
      const posting = index.get(key);
      if (posting === id) index.delete(key);
      else if (typeof posting === 'object') posting.delete(id);
    }
  }
}

function normalizeKey(value: IndexKey | undefined): IndexKey {
  return value === undefined || value === false || value === '' ? null : value;
}

/** Empty values are not indexed: searches for "not set" scan instead (they are rare and unselective). */
function keysOf(value: StoredValue | undefined): IndexKey[] {
  if (Array.isArray(value)) return value;
  const key = normalizeKey(value);
  return key === null ? [] : [key];
}
