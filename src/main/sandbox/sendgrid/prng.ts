/** Seeded PRNG (mulberry32) so the peer's outcomes and ids are the same on every run with the same seed. */
export interface Prng {
  next(): number;
  int(maxExclusive: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  hex(length: number): string;
  token(length: number): string;
  /** The internal state; createPrng(state) continues the same sequence (for snapshots). */
  state(): number;
}

const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function createPrng(seed: number): Prng {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (maxExclusive: number): number => Math.floor(next() * maxExclusive);
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[int(items.length)] as T;
    },
    hex: (length) => Array.from({ length }, () => int(16).toString(16)).join(''),
    token: (length) => Array.from({ length }, () => TOKEN_ALPHABET[int(TOKEN_ALPHABET.length)]).join(''),
    state: () => state,
  };
}
