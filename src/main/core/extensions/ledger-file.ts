import { join } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { z } from 'zod';
import type { Cipher } from '../crypto/cipher';
import { encodeJson, readJsonFile, writeFileAtomic } from '../local-data/atomic';
import type { LedgerPersistence } from './handlers/event-ledger';

const LedgerFile = z.object({ version: z.literal(1), ids: z.array(z.string()) });

/** The applied sg_event_ids, kept beside the extension records so a restart still ignores retries. */
export function fileLedgerPersistence(opts: { dir: string; cipher?: Cipher }): LedgerPersistence {
  const file = join(opts.dir, 'sendgrid-event-ids.json');
  return {
    async load() {
      return (await readJsonFile(file, LedgerFile, opts.cipher))?.ids ?? [];
    },
    async save(ids) {
      await mkdir(opts.dir, { recursive: true });
      await writeFileAtomic(file, encodeJson({ version: 1, ids }, opts.cipher));
    },
  };
}
