import { IdSet } from './id-set';
import type { ModelSpec } from './model';
import { RecordTable } from './record-table';
import type { FieldDef, Rec, StoredValue } from './types';

type IndexKey = string | number | boolean | null;
/** One id is kept as a bare number (most keys are unique: emails, message ids), more as an IdSet. */
type Posting = number | IdSet;

const EMPTY = new IdSet();

/**
 * One model's records and the indexes that keep 1,000,000-contact searches fast: every stored
 * many2one, every stored many2many (reverse), the char fields a model names, and "pair" indexes
 * (key field -> the other field's ids) standing for Odoo's many2many relation tables.
 */
export class ModelStore {
  readonly fields = new Map<string, FieldDef>();
  readonly records = new RecordTable();
  nextId = 1;
  /** While Database.transaction runs: how to undo each change, in order (ids are not given back, like a sequence). */
  journal: (() => void)[] | null = null;
  private readonly indexes = new Map<string, Map<IndexKey, Posting>>();
  /** `${key}>${value}` -> key value -> ids in `value` (e.g. list_id -> its contact_ids). */
  private readonly pairs = new Map<string, Map<number, IdSet>>();

  constructor(readonly spec: ModelSpec) {
    for (const f of spec.fields) this.fields.set(f.name, f);
    for (const f of spec.fields) if (this.isIndexed(f)) this.indexes.set(f.name, new Map());
    for (const [key, value] of spec.pairIndexes ?? []) this.pairs.set(`${key}>${value}`, new Map());
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

  /** Ids whose stored value equals `value` (for many2many: contains it). Read-only: do not keep it across writes. */
  lookup(field: string, value: IndexKey): IdSet | undefined {
    const posting = this.indexes.get(field)?.get(normalizeKey(value));
    if (posting === undefined) return undefined;
    return typeof posting === 'number' ? IdSet.of(posting) : posting;
  }

  /** Number of ids under a key, without materializing anything. */
  count(field: string, value: IndexKey): number {
    const posting = this.indexes.get(field)?.get(normalizeKey(value));
    return posting === undefined ? 0 : typeof posting === 'number' ? 1 : posting.size;
  }

  /** The `value` ids paired with `key` (e.g. the contacts of a list through its subscriptions). */
  paired(keyField: string, valueField: string, key: number): IdSet {
    return this.pairs.get(`${keyField}>${valueField}`)?.get(key) ?? EMPTY;
  }

  insert(rec: Rec): Rec {
    if (rec.id >= this.nextId) this.nextId = rec.id + 1;
    this.records.set(rec.id, rec);
    for (const [name, index] of this.indexes) this.indexValue(index, rec[name], rec.id);
    this.pair(rec, true);
    this.journal?.push(() => this.remove(rec.id));
    return rec;
  }

  update(rec: Rec, changes: Record<string, StoredValue>): void {
    if (this.journal) {
      const old: Record<string, StoredValue> = {};
      for (const name of Object.keys(changes)) old[name] = rec[name] as StoredValue;
      this.journal.push(() => this.update(rec, old));
    }
    const pairChange = this.touchesPairs(changes);
    if (pairChange) this.pair(rec, false);
    for (const [name, value] of Object.entries(changes)) {
      const index = this.indexes.get(name);
      if (index) this.unindexValue(index, rec[name], rec.id);
      rec[name] = value;
      if (index) this.indexValue(index, value, rec.id);
    }
    if (pairChange) this.pair(rec, true);
  }

  remove(id: number): Rec | undefined {
    const rec = this.records.get(id);
    if (!rec) return undefined;
    this.pair(rec, false);
    for (const [name, index] of this.indexes) this.unindexValue(index, rec[name], id);
    this.records.delete(id);
    this.journal?.push(() => this.insert(rec));
    return rec;
  }

  private touchesPairs(changes: Record<string, StoredValue>): boolean {
    for (const [key, value] of this.spec.pairIndexes ?? []) if (key in changes || value in changes) return true;
    return false;
  }

  /**
   * Adds or drops `rec`'s pairs. A pair is dropped only when no other record carries it, so a
   * duplicate subscription (Odoo forbids them, the peer's raw inserts may not) keeps the link.
   */
  private pair(rec: Rec, add: boolean): void {
    for (const [keyField, valueField] of this.spec.pairIndexes ?? []) {
      const key = rec[keyField];
      const value = rec[valueField];
      if (typeof key !== 'number' || typeof value !== 'number') continue;
      const byKey = this.pairs.get(`${keyField}>${valueField}`) as Map<number, IdSet>;
      let ids = byKey.get(key);
      if (add) {
        if (!ids) byKey.set(key, (ids = new IdSet()));
        ids.add(value);
        continue;
      }
      if (!ids) continue;
      const others = this.lookup(valueField, value);
      let shared = false;
      if (others) for (const otherId of others) if (otherId !== rec.id && this.records.get(otherId)?.[keyField] === key) shared = true;
      if (!shared) ids.delete(value);
    }
  }

  private indexValue(index: Map<IndexKey, Posting>, value: StoredValue | undefined, id: number): void {
    if (Array.isArray(value)) {
      for (const key of value) this.indexKey(index, key, id);
      return;
    }
    const key = normalizeKey(value);
    if (key !== null) this.indexKey(index, key, id);
  }

  private indexKey(index: Map<IndexKey, Posting>, key: IndexKey, id: number): void {
    const posting = index.get(key);
    if (posting === undefined) index.set(key, id);
    else if (typeof posting === 'number') {
      if (posting !== id) index.set(key, IdSet.of(posting, id));
    } else posting.add(id);
  }

  private unindexValue(index: Map<IndexKey, Posting>, value: StoredValue | undefined, id: number): void {
    const keys = Array.isArray(value) ? value : [normalizeKey(value)];
    for (const key of keys) {
      if (key === null) continue;
      const posting = index.get(key);
      if (posting === id) index.delete(key);
      else if (typeof posting === 'object') {
        posting.delete(id);
        if (posting.size === 0) index.delete(key);
      }
    }
  }
}

/** Empty values are not indexed: searches for "not set" scan instead (they are rare and unselective). */
function normalizeKey(value: IndexKey | undefined): IndexKey {
  return value === undefined || value === false || value === '' ? null : value;
}
