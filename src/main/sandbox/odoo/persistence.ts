import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { Database } from './orm/env';
import type { Rec } from './orm/types';
import { registerCustomField } from './models/base';
import { Env } from './orm/env';
import { AUTOMATION_MODULE, installBaseAutomation } from './models/automation';

const StoredValue: z.ZodType<unknown> = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.number())]);
const Snapshot = z.object({
  format: z.literal('markket-odoo-peer/1'),
  version: z.string(),
  database: z.string(),
  models: z.record(z.string(), z.object({ nextId: z.number().int().positive(), records: z.array(z.record(z.string(), StoredValue)) })),
});
export type Snapshot = z.infer<typeof Snapshot>;

export function snapshot(db: Database): Snapshot {
  const models: Snapshot['models'] = {};
  for (const [name, store] of db.stores) models[name] = { nextId: store.nextId, records: [...store.records.values()] as Record<string, unknown>[] };
  return { format: 'markket-odoo-peer/1', version: db.services.version, database: db.name, models };
}

/** Loads a snapshot into a freshly created database (custom fields first, so their columns exist). */
export function restore(db: Database, raw: unknown): void {
  const data = Snapshot.parse(raw);
  const fields = data.models['ir.model.fields'];
  const env = new Env(db, 1);
  // A module installed at run time brings its models before their records load.
  if (data.models['ir.module.module']?.records.some((m) => m.name === AUTOMATION_MODULE.name && m.state === 'installed')) installBaseAutomation(db);
  for (const [name, model] of Object.entries(data.models)) {
    if (!db.has(name)) continue;
    const store = db.store(name);
    for (const id of [...store.records.keys()]) store.remove(id);
    for (const rec of model.records) {
      if (typeof rec.id !== 'number') throw new Error(`Record without id in ${name}`);
      store.insert(rec as Rec);
    }
    store.nextId = model.nextId;
  }
  for (const rec of fields?.records ?? []) if (rec.state === 'manual') registerCustomField(env, rec as Rec);
}

export async function loadFile(path: string): Promise<unknown | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Atomic save: write a temporary file, fsync it, rename it over the old one. */
export async function saveFile(path: string, data: Snapshot): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
  const handle = await open(tmp, 'w');
  try {
    await handle.writeFile(JSON.stringify(data));
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, path);
}
