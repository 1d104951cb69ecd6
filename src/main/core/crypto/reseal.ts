import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import { writeFileAtomic } from '../local-data/atomic';
import { isSealed, type Cipher } from './cipher';

/**
 * Brings a profile's data folder in line with its HIPAA setting when that setting changes. Turning
 * HIPAA mode on seals every file already there (drafts, outbox, cache, extension records, the audit
 * log line by line); turning it off opens them again. A marker file records that the folder is
 * sealed: while it is there, a plaintext file where ciphertext belongs is refused as tampering, so
 * only the transition itself ever converts. A crash midway is safe: the next open converts what is
 * left (each file is rewritten atomically, and converted files are recognised and skipped).
 */
export const SEALED_MARKER = '.hipaa-sealed';

/**
 * Exports waiting to be downloaded are deleted within minutes; unreadable drafts set aside in
 * quarantine/ cannot be converted (and must stay as they are for recovery).
 */
const SKIPPED_DIRS = new Set(['downloads', 'quarantine']);

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const files: string[] = [];
  for (const entry of entries) {
    // Dot files are temp files of atomic writes and the marker itself.
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) files.push(...(await filesUnder(path)));
    } else if (entry.isFile()) files.push(path);
  }
  return files;
}

/** Audit logs are sealed per line (plain lines are JSON objects, sealed ones base64). */
function convertLines(text: string, convert: (line: string) => string): string {
  return text
    .split('\n')
    .map((line) => (line.length === 0 ? line : convert(line)))
    .join('\n');
}

async function convertFile(path: string, direction: 'seal' | 'open', cipher: Cipher): Promise<boolean> {
  const data = await readFile(path);
  let next: Buffer | string | null = null;
  if (path.endsWith('.jsonl')) {
    const text = data.toString('utf8');
    const converted = convertLines(text, (line) => {
      const plain = line.startsWith('{');
      if (direction === 'seal') return plain ? cipher.seal(Buffer.from(line, 'utf8')).toString('base64') : line;
      return plain ? line : cipher.open(Buffer.from(line, 'base64')).toString('utf8');
    });
    if (converted !== text) next = converted;
  } else if (direction === 'seal' && !isSealed(data)) next = cipher.seal(data);
  else if (direction === 'open' && isSealed(data)) next = cipher.open(data);
  if (next === null) return false;
  await writeFileAtomic(path, next);
  return true;
}

export async function isFolderSealed(dir: string): Promise<boolean> {
  return stat(join(dir, SEALED_MARKER)).then(() => true, () => false);
}

/**
 * Seals (hipaa) or opens (not hipaa) the folder's files if its marker says it is the other way.
 * `cipher` is the profile's data key; opening a sealed folder needs it even after HIPAA was turned off.
 */
export async function alignFolderEncryption(dir: string, hipaa: boolean, cipher: () => Promise<Cipher>): Promise<{ converted: number }> {
  const sealed = await isFolderSealed(dir);
  if (sealed === hipaa) return { converted: 0 };
  const key = await cipher();
  let converted = 0;
  try {
    for (const file of await filesUnder(dir)) if (await convertFile(file, hipaa ? 'seal' : 'open', key)) converted += 1;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('internal', `The console could not ${hipaa ? 'encrypt' : 'decrypt'} this profile's local data. Nothing was lost; try again, or contact support.`, {
      reason: (error as NodeJS.ErrnoException).code ?? 'io',
    });
  }
  if (hipaa) {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await writeFileAtomic(join(dir, SEALED_MARKER), JSON.stringify({ sealed: true }));
  }
  else await rm(join(dir, SEALED_MARKER), { force: true });
  return { converted };
}
