import { randomBytes } from 'node:crypto';
import { open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type { Cipher } from '../crypto/cipher';

/** Temp files are hidden siblings of their target: `.name.<random>.tmp`. */
const TEMP_FILE = /^\..+\.[0-9a-f]{12}\.tmp$/;

/** True for a name tempPathFor makes (a leftover of ours), false for anything else. */
export function isTempFileName(name: string): boolean {
  return TEMP_FILE.test(name);
}

export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Makes a rename durable. Linux needs the directory fsync'd for the new entry to survive a
 * power cut; Windows cannot open a directory for sync, and losing only durability there (never
 * atomicity) is the accepted trade-off.
 */
export async function fsyncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EACCES') throw error;
  } finally {
    await handle?.close();
  }
}

/**
 * Writes `data` so that a crash at any moment leaves either the old file or the new one:
 * the bytes go to a temp file in the same directory (same filesystem, so rename is atomic),
 * are fsync'd, then renamed over the target, then the directory is fsync'd.
 */
export async function writeFileAtomic(target: string, data: Buffer | string, journal?: TempNotes): Promise<void> {
  const temp = tempPathFor(target);
  await journal?.add(temp);
  try {
    await writeThenRename(temp, target, data);
  } finally {
    await journal?.remove(temp);
  }
}

/** Where a temp outside the data folder is noted while it exists (TempJournal). */
export interface TempNotes {
  add(path: string): Promise<void>;
  remove(path: string): Promise<void>;
}

async function writeThenRename(temp: string, target: string, data: Buffer | string): Promise<void> {
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await fsyncDirectory(dirname(target));
}

/** Removes temp files a crash left behind. Call only when no writer is active in `dir`. */
export async function cleanTempFiles(dir: string): Promise<number> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  const stale = names.filter((name) => TEMP_FILE.test(name));
  await Promise.all(stale.map((name) => rm(join(dir, name), { force: true })));
  return stale.length;
}

/** Serializes a value as JSON, sealed with the cipher when the profile encrypts its local data. */
export function encodeJson(value: unknown, cipher?: Cipher): Buffer {
  const plain = Buffer.from(JSON.stringify(value, null, cipher ? 0 : 2), 'utf8');
  return cipher ? cipher.seal(plain) : plain;
}

/**
 * Reads back a file written by writeFileAtomic + encodeJson and validates it. Answers undefined
 * when the file does not exist; throws a readable error when it is unreadable.
 */
export async function readJsonFile<T>(path: string, schema: z.ZodType<T>, cipher?: Cipher): Promise<T | undefined> {
  let raw: Buffer;
  try {
    raw = await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const plain = cipher ? cipher.open(raw) : raw;
  let json: unknown;
  try {
    json = JSON.parse(plain.toString('utf8'));
  } catch {
    throw corruptFile(path, 'it is not valid JSON');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw corruptFile(path, parsed.error.issues[0]?.message ?? 'unexpected content');
  return parsed.data;
}

function corruptFile(path: string, reason: string): AppError {
  return new AppError('internal', `A local data file could not be read (${reason}). Restore it from a backup or delete it.`, {
    file: basename(path),
    reason,
  });
}

/** Runs tasks one after another per key, so two saves of the same file never interleave. */
export function createKeyedQueue() {
  const tails = new Map<string, Promise<unknown>>();
  return function run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = tails.get(key) ?? Promise.resolve();
    const next = previous.then(task, task);
    const tail = next.catch(() => undefined);
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return next;
  };
}
