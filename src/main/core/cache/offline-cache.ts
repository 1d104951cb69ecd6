import { createHash } from 'node:crypto';
import { access, mkdir, readdir, rm, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { DEFAULT_OFFLINE_LIMITS, type OfflineCopyLimits } from '../../../shared/schemas/profile';
import type { Cipher } from '../crypto/cipher';
import { cleanTempFiles, createKeyedQueue, encodeJson, readJsonFile, writeFileAtomic } from '../local-data/atomic';
import { OPEN_GATE, type WriteGate } from '../local-data/write-gate';

export interface Cached<T> {
  value: T;
  /** When the value was fetched from Odoo or SendGrid (ISO). */
  asOf: string;
}

/** How many answers the cache keeps and their size on disk (sealed size in HIPAA mode). */
export interface CacheSize {
  entries: number;
  bytes: number;
}

export interface OfflineCache {
  put(key: string, value: unknown): Promise<void>;
  /** The last value stored under `key`, or undefined (never fetched, or unreadable: a cache is disposable). */
  get<T>(key: string, schema: z.ZodType<T>): Promise<Cached<T> | undefined>;
  size(): Promise<CacheSize>;
  /** Removes every kept answer ("Clear offline copies" in Settings); answers what was removed. */
  clear(): Promise<CacheSize>;
  limits(): CacheLimits;
  /** New limits from Settings, applied at once: copies past them are removed now; answers what stays. */
  setLimits(limits: CacheLimits): Promise<CacheSize>;
}

/**
 * The most a profile's cache keeps: every page of subscribers, campaign and report a person opens
 * becomes an entry, so without a bound it grows for as long as the profile is used. Past either
 * limit the answers fetched longest ago go first (the newest one always stays).
 */
export interface CacheLimits {
  maxEntries: number;
  maxBytes: number;
}
/** The cache's limits for a profile's setting (in copies and megabytes); the defaults when it has none. */
export function cacheLimitsOf(offline: OfflineCopyLimits = DEFAULT_OFFLINE_LIMITS): CacheLimits {
  return { maxEntries: offline.maxCopies, maxBytes: offline.maxMegabytes * 1024 * 1024 };
}
export const DEFAULT_CACHE_LIMITS: CacheLimits = cacheLimitsOf();

/** What the cache knows of a file without reading it: its size and when its answer was last fetched. */
interface Indexed {
  bytes: number;
  fetchedAt: number;
  /** Known for files this process wrote: lets an eviction forget the key's last write too. */
  key?: string;
}
const CACHE_FILE = /\.cache\.json$/;

/**
 * How long an unchanged answer may go without its file being rewritten. Views poll every few
 * seconds, and each fresh read used to write a (sealed) file; now an unchanged value only moves
 * its "as of" time in memory, and reaches the disk at most this often, so after a crash "as of"
 * is at most this much older than the last confirmation (it still states a time the value held).
 */
export const UNCHANGED_REWRITE_MS = 10 * 60_000;

const Entry = z.object({ key: z.string(), asOf: z.iso.datetime({ offset: true }), value: z.unknown() });

/**
 * What the console last fetched (lists, templates, overview figures), so it can still show them
 * when Odoo or SendGrid cannot be reached, marked "as of" their time. One file per key, written
 * atomically and sealed with the profile's cipher in HIPAA mode (the files hold subscriber counts
 * and list names, never credentials). The file name is a hash: keys carry store ids. Bounded by
 * `limits`; the files go with the profile's folder when the profile is deleted.
 */
export function createOfflineCache({ dir, now, cipher, gate = OPEN_GATE, limits: initial = DEFAULT_CACHE_LIMITS }: { dir: string; now: () => Date; cipher?: Cipher; gate?: WriteGate; limits?: CacheLimits }): OfflineCache {
  const serialize = createKeyedQueue();
  let limits = { ...initial };
  // Every cache file by name, read from the folder once (sizes and times from earlier runs), then kept up to date.
  const index = new Map<string, Indexed>();
  let ready: Promise<void> | undefined;
  const open = () => (ready ??= mkdir(dir, { recursive: true, mode: 0o700 }).then(() => cleanTempFiles(dir)).then(readIndex));
  const nameOf = (key: string) => `${createHash('sha256').update(key).digest('hex').slice(0, 32)}.cache.json`;
  const fileOf = (key: string) => join(dir, nameOf(key));
  // Per key, what this process last wrote and when the same value was last fetched again.
  const written = new Map<string, { digest: string; asOf: string; confirmedAt: string }>();

  async function readIndex(): Promise<void> {
    for (const name of (await readdir(dir)).filter((n) => CACHE_FILE.test(n))) {
      const info = await stat(join(dir, name)).catch(() => undefined);
      if (info && !index.has(name)) index.set(name, { bytes: info.size, fetchedAt: info.mtimeMs });
    }
  }

  const total = (): CacheSize => ({ entries: index.size, bytes: [...index.values()].reduce((sum, e) => sum + e.bytes, 0) });

  /** Removes the answers fetched longest ago until the cache is within its limits again; never `keep`. */
  async function evict(keep: string | undefined): Promise<void> {
    let size = total();
    while (size.entries > limits.maxEntries || size.bytes > limits.maxBytes) {
      let oldest: [string, Indexed] | undefined;
      for (const entry of index) if (entry[0] !== keep && (!oldest || entry[1].fetchedAt < oldest[1].fetchedAt)) oldest = entry;
      if (!oldest) return;
      const [name, { key }] = oldest;
      await gate.run(() => rm(join(dir, name), { force: true }));
      index.delete(name);
      if (key !== undefined) written.delete(key);
      size = total();
    }
  }

  return {
    put: (key, value) =>
      serialize(key, async () => {
        const digest = createHash('sha256').update(JSON.stringify(value) ?? '').digest('hex');
        const at = now();
        const last = written.get(key);
        const unchanged = last?.digest === digest && at.getTime() - Date.parse(last.asOf) < UNCHANGED_REWRITE_MS;
        // Still on disk: a cleared or evicted file is written again.
        if (last && unchanged && (await access(fileOf(key)).then(() => true, () => false))) {
          last.confirmedAt = at.toISOString();
          const indexed = index.get(nameOf(key));
          if (indexed) indexed.fetchedAt = at.getTime();
          return;
        }
        await open();
        const asOf = at.toISOString();
        const data = encodeJson({ key, asOf, value }, cipher);
        // The file's time is when its answer was fetched: after a restart it orders the evictions.
        await gate.run(() => writeFileAtomic(fileOf(key), data).then(() => utimes(fileOf(key), at, at)));
        written.set(key, { digest, asOf, confirmedAt: asOf });
        index.set(nameOf(key), { bytes: data.length, fetchedAt: at.getTime(), key });
        await evict(nameOf(key));
      }),
    async size(): Promise<CacheSize> {
      await open();
      return total();
    },
    async clear(): Promise<CacheSize> {
      await open();
      // Files another instance of this folder wrote since the index was read are cleared too.
      await readIndex();
      const removed = total();
      await gate.run(() => Promise.all([...index.keys()].map((name) => rm(join(dir, name), { force: true }))));
      index.clear();
      written.clear();
      return removed;
    },
    limits: () => ({ ...limits }),
    async setLimits(next: CacheLimits): Promise<CacheSize> {
      limits = { ...next };
      await open();
      // The newest copy stays whatever the limits, as after a write.
      let newest: [string, Indexed] | undefined;
      for (const entry of index) if (!newest || entry[1].fetchedAt > newest[1].fetchedAt) newest = entry;
      await evict(newest?.[0]);
      return total();
    },
    async get<T>(key: string, schema: z.ZodType<T>): Promise<Cached<T> | undefined> {
      await open();
      try {
        const entry = await readJsonFile(fileOf(key), Entry, cipher);
        if (!entry || entry.key !== key) return undefined;
        const value = schema.safeParse(entry.value);
        if (!value.success) return undefined;
        // The file this process wrote, fetched again unchanged since: it held as of the later time.
        const last = written.get(key);
        return { value: value.data, asOf: last?.asOf === entry.asOf ? last.confirmedAt : entry.asOf };
      } catch {
        return undefined;
      }
    },
  };
}
