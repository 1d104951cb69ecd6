/** What callers of an index may do with a set of ids: count, test, walk in ascending id order. */
export interface Ids extends Iterable<number> {
  readonly size: number;
  has(id: number): boolean;
}

/** Below this many ids a sorted array is always kept: bitmaps only pay off for large, dense sets. */
const MIN_BITMAP_SIZE = 256;

function popcount(word: number): number {
  let v = word - ((word >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/**
 * A set of record ids that keeps them in id order, so an index posting can answer "the ids at
 * ranks offset..offset+limit" and "how many" without materializing or sorting anything.
 * Sparse sets are a sorted array; once the set holds more than 1/64 of its id range it turns into
 * a bitmap (smaller than the array from then on): a list of 1,000,000 contacts is 125 KB, its
 * membership test one word read, and skipping 500,000 ids a popcount over 16,000 words.
 */
export class IdSet implements Ids {
  private sorted: number[] | null = [];
  private bits: Uint32Array | null = null;
  private count = 0;

  static of(...ids: number[]): IdSet {
    return IdSet.fromUnsorted(ids);
  }

  /** Builds from ids in any order, duplicates allowed. */
  static fromUnsorted(ids: Iterable<number>): IdSet {
    const list = Array.from(ids).sort((a, b) => a - b);
    const set = new IdSet();
    for (const id of list) set.add(id);
    return set;
  }

  get size(): number {
    return this.count;
  }

  has(id: number): boolean {
    if (this.bits) {
      const w = id >>> 5;
      return w < this.bits.length && (this.bits[w]! & (1 << (id & 31))) !== 0;
    }
    return this.indexOf(id) >= 0;
  }

  add(id: number): boolean {
    if (this.bits) return this.setBit(id);
    const arr = this.sorted as number[];
    const last = arr.length ? (arr[arr.length - 1] as number) : -1;
    if (id > last) arr.push(id);
    else {
      const at = this.insertionPoint(id);
      if (arr[at] === id) return false;
      arr.splice(at, 0, id);
    }
    this.count++;
    if (this.count >= MIN_BITMAP_SIZE && this.count * 64 >= (arr[arr.length - 1] as number)) this.toBitmap();
    return true;
  }

  delete(id: number): boolean {
    if (this.bits) {
      const w = id >>> 5;
      const mask = 1 << (id & 31);
      if (w >= this.bits.length || (this.bits[w]! & mask) === 0) return false;
      this.bits[w] = this.bits[w]! & ~mask;
      this.count--;
      return true;
    }
    const at = this.indexOf(id);
    if (at < 0) return false;
    (this.sorted as number[]).splice(at, 1);
    this.count--;
    return true;
  }

  *[Symbol.iterator](): Iterator<number> {
    if (!this.bits) {
      yield* (this.sorted as number[]).slice();
      return;
    }
    for (const id of this.slice(0, this.count, false)) yield id;
  }

  /** Calls `visit` in ascending (or descending) id order until it answers false. */
  scan(visit: (id: number) => boolean | void, descending = false): void {
    if (!this.bits) {
      const arr = (this.sorted as number[]).slice();
      if (descending) {
        for (let i = arr.length - 1; i >= 0; i--) if (visit(arr[i] as number) === false) return;
      } else for (const id of arr) if (visit(id) === false) return;
      return;
    }
    const bits = this.bits;
    if (descending) {
      for (let w = bits.length - 1; w >= 0; w--) {
        let word = bits[w] as number;
        while (word !== 0) {
          const bit = 31 - Math.clz32(word);
          word &= ~(1 << bit);
          if (visit(w * 32 + bit) === false) return;
        }
      }
      return;
    }
    for (let w = 0; w < bits.length; w++) {
      let word = bits[w] as number;
      while (word !== 0) {
        const low = word & -word;
        word ^= low;
        if (visit(w * 32 + 31 - Math.clz32(low)) === false) return;
      }
    }
  }

  /** The ids at ranks [offset, offset + limit) in ascending or descending order. */
  slice(offset: number, limit: number, descending: boolean): number[] {
    const out: number[] = [];
    if (limit <= 0 || offset >= this.count) return out;
    if (!this.bits) {
      const arr = this.sorted as number[];
      if (!descending) return arr.slice(offset, offset + limit);
      for (let i = arr.length - 1 - offset; i >= 0 && out.length < limit; i--) out.push(arr[i] as number);
      return out;
    }
    const bits = this.bits;
    let skip = offset;
    const step = descending ? -1 : 1;
    for (let w = descending ? bits.length - 1 : 0; w >= 0 && w < bits.length; w += step) {
      let word = bits[w] as number;
      if (word === 0) continue;
      const n = popcount(word);
      if (skip >= n) {
        skip -= n;
        continue;
      }
      while (word !== 0 && out.length < limit) {
        const bit = descending ? 31 - Math.clz32(word) : 31 - Math.clz32(word & -word);
        word &= ~(1 << bit);
        if (skip > 0) skip--;
        else out.push(w * 32 + bit);
      }
      if (out.length >= limit) break;
    }
    return out;
  }

  toArray(): number[] {
    return this.slice(0, this.count, false);
  }

  private setBit(id: number): boolean {
    let bits = this.bits as Uint32Array;
    const w = id >>> 5;
    if (w >= bits.length) {
      const grown = new Uint32Array(Math.max(w + 1, bits.length * 2));
      grown.set(bits);
      this.bits = bits = grown;
    }
    const mask = 1 << (id & 31);
    if ((bits[w]! & mask) !== 0) return false;
    bits[w] = bits[w]! | mask;
    this.count++;
    return true;
  }

  private toBitmap(): void {
    const arr = this.sorted as number[];
    this.bits = new Uint32Array(((arr[arr.length - 1] as number) >>> 5) + 1);
    this.count = 0;
    this.sorted = null;
    for (const id of arr) this.setBit(id);
  }

  private insertionPoint(id: number): number {
    const arr = this.sorted as number[];
    let lo = 0;
    let hi = arr.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((arr[mid] as number) < id) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private indexOf(id: number): number {
    const at = this.insertionPoint(id);
    return (this.sorted as number[])[at] === id ? at : -1;
  }
}

/** The ids present in every set, in a new set (walks the smallest, probes the others). */
export function intersect(sets: Ids[]): IdSet {
  const [smallest, ...rest] = [...sets].sort((a, b) => a.size - b.size);
  const out = new IdSet();
  if (!smallest) return out;
  const walk = smallest instanceof IdSet ? (fn: (id: number) => void) => smallest.scan(fn) : (fn: (id: number) => void) => {
    for (const id of smallest) fn(id);
  };
  walk((id) => {
    for (const s of rest) if (!s.has(id)) return;
    out.add(id);
  });
  return out;
}

export function union(sets: Ids[]): IdSet {
  if (sets.length === 1 && sets[0] instanceof IdSet) return sets[0];
  const all: number[] = [];
  for (const s of sets) for (const id of s) all.push(id);
  return IdSet.fromUnsorted(all);
}
