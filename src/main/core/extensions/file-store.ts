import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ExtensionRecord } from '../../../shared/schemas/extension';
import type { Cipher } from '../crypto/cipher';
import { encodeJson, readJsonFile, writeFileAtomic } from '../local-data/atomic';
import type { ExtensionStore } from './types';

const ExtensionsFile = z.object({ version: z.literal(1), records: z.array(ExtensionRecord) });

/**
 * A store's extension records live in one file beside the profile's settings, written atomically
 * (and sealed when the profile encrypts its local data). Writes are serialized so two runs finishing
 * together cannot lose each other's meta.
 */
export function createFileExtensionStore(opts: { dir: string; cipher?: Cipher }): ExtensionStore {
  const file = join(opts.dir, 'extensions.json');
  let records: ExtensionRecord[] | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  async function load(): Promise<ExtensionRecord[]> {
    if (!records) records = (await readJsonFile(file, ExtensionsFile, opts.cipher))?.records ?? [];
    return records;
  }

  function mutate<T>(change: (all: ExtensionRecord[]) => T): Promise<T> {
    const next = queue.then(async () => {
      const all = await load();
      const result = change(all);
      await mkdir(opts.dir, { recursive: true });
      await writeFileAtomic(file, encodeJson({ version: 1, records: all }, opts.cipher));
      return result;
    });
    queue = next.catch(() => undefined);
    return next;
  }

  return {
    async list(storeId) {
      return (await load()).filter((r) => r.storeId === storeId);
    },
    async get(id) {
      return (await load()).find((r) => r.id === id) ?? null;
    },
    save(record) {
      return mutate((all) => {
        const index = all.findIndex((r) => r.id === record.id);
        if (index === -1) all.push(record);
        else all[index] = record;
      });
    },
    delete(id) {
      return mutate((all) => {
        const index = all.findIndex((r) => r.id === id);
        if (index !== -1) all.splice(index, 1);
        return index !== -1;
      });
    },
  };
}
