import type { Rec } from './types';

/**
 * A model's records by id, with the Map methods the peer uses. Record ids are small, dense
 * integers (a sequence, like PostgreSQL's), so an array indexed by id costs 8 bytes a record where a
 * Map costs several times that, reads without hashing, and walks in id order for free: the order
 * `search(order='id')` needs.
 */
export class RecordTable {
  private readonly slots: (Rec | undefined)[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** One past the highest id ever stored (ids at or above it are surely absent). */
  get end(): number {
    return this.slots.length;
  }

  get(id: number): Rec | undefined {
    return Number.isInteger(id) && id >= 0 ? this.slots[id] : undefined;
  }

  has(id: number): boolean {
    return this.get(id) !== undefined;
  }

  set(id: number, rec: Rec): this {
    if (!Number.isInteger(id) || id < 0) throw new RangeError(`Invalid record id ${id}`);
    if (this.slots[id] === undefined) this.count++;
    this.slots[id] = rec;
    return this;
  }

  delete(id: number): boolean {
    if (this.get(id) === undefined) return false;
    this.slots[id] = undefined;
    this.count--;
    return true;
  }

  *values(): IterableIterator<Rec> {
    for (const rec of this.slots) if (rec !== undefined) yield rec;
  }

  *keys(): IterableIterator<number> {
    for (const rec of this.slots) if (rec !== undefined) yield rec.id;
  }

  [Symbol.iterator](): IterableIterator<Rec> {
    return this.values();
  }

  /** Calls `visit` in ascending (or descending) id order until it answers false. */
  scan(visit: (rec: Rec) => boolean | void, descending = false): void {
    const slots = this.slots;
    if (descending) {
      for (let id = slots.length - 1; id >= 0; id--) {
        const rec = slots[id];
        if (rec !== undefined && visit(rec) === false) return;
      }
      return;
    }
    for (let id = 0; id < slots.length; id++) {
      const rec = slots[id];
      if (rec !== undefined && visit(rec) === false) return;
    }
  }
}
