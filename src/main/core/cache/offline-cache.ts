import { createHash } from 'node:crypto';
import { access, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Cipher } from '../crypto/cipher';
import { cleanTempFiles, createKeyedQueue, encodeJson, readJsonFile, writeFileAtomic } from '../local-data/atomic';
import { OPEN_GATE, type WriteGate } from '../local-data/write-gate';

export interface Cached<T> {
  value: T;
  /** When the value was fetched from Odoo or SendGrid (ISO). */
  asOf: string;
}

export interface OfflineCache {
  put(key: string, value: unknown): Promise<void>;
  /** The last value stored under `key`, or undefined (never fetched, or unreadable: a cache is disposable). */
  get<T>(key: string, schema: z.ZodType<T>): Promise<Cached<T> | undefined>;
}

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
 * and list names, never credentials). The file name is a hash: keys carry store ids.
 */
export function createOfflineCache({ dir, now, cipher, gate = OPEN_GATE }: { dir: string; now: () => Date; cipher?: Cipher; gate?: WriteGate }): OfflineCache {
  const serialize = createKeyedQueue();
  let ready: Promise<void> | undefined;
  const open = () => (ready ??= mkdir(dir, { recursive: true, mode: 0o700 }).then(() => cleanTempFiles(dir)).then(() => undefined));
  const fileOf = (key: string) => join(dir, `${createHash('sha256').update(key).digest('hex').slice(0, 32)}.cache.json`);
  // Per key, what this process last wrote and when the same value was last fetched again.
  const written = new Map<string, { digest: string; asOf: string; confirmedAt: string }>();

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
          return;
        }
        await open();
        const asOf = at.toISOString();
        await gate.run(() => writeFileAtomic(fileOf(key), encodeJson({ key, asOf, value }, cipher)));
        written.set(key, { digest, asOf, confirmedAt: asOf });
      }),
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
