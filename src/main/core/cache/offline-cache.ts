import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
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

  return {
    put: (key, value) =>
      serialize(key, async () => {
        await open();
        await gate.run(() => writeFileAtomic(fileOf(key), encodeJson({ key, asOf: now().toISOString(), value }, cipher)));
      }),
    async get<T>(key: string, schema: z.ZodType<T>): Promise<Cached<T> | undefined> {
      await open();
      try {
        const entry = await readJsonFile(fileOf(key), Entry, cipher);
        if (!entry || entry.key !== key) return undefined;
        const value = schema.safeParse(entry.value);
        return value.success ? { value: value.data, asOf: entry.asOf } : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
