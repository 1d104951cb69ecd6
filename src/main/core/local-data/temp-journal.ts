import { mkdir, rm } from 'node:fs/promises';
import { basename, dirname, isAbsolute } from 'node:path';
import { z } from 'zod';
import type { Cipher } from '../crypto/cipher';
import { createKeyedQueue, encodeJson, isTempFileName, readJsonFile, writeFileAtomic, type TempNotes } from './atomic';
import { OPEN_GATE, type WriteGate } from './write-gate';

/**
 * Temp files the console writes outside its data folder: an export to a path chosen in the save
 * dialog is written to `.name.<random>.tmp` beside it, then renamed. A crash in between leaves that
 * temp (a part of a report, personal data) in the person's folder, where no folder sweep of ours
 * may go looking. So each such temp is noted here before it is made and forgotten once it is renamed
 * or deleted; when the profile is next opened, the temps still noted are deleted. Only exactly those
 * paths, and only when the name is of our own temp pattern: nothing else in that folder is touched.
 * The journal lives in the profile's folder, sealed like the rest in HIPAA mode (a path may name a
 * person), and writes behind the folder's write gate. add() is called before the temp file is made,
 * remove() once it is renamed to its final name or deleted.
 */
export interface TempJournal extends TempNotes {
  /** Deletes the noted temps a crash left behind; call only when no export of this profile runs. Answers how many were deleted. */
  sweep(): Promise<number>;
}

const Pending = z.object({ temps: z.array(z.string()) });

export interface TempJournalDeps {
  file: string;
  gate?: WriteGate;
  cipher?: Cipher;
}

export function createTempJournal({ file, gate = OPEN_GATE, cipher }: TempJournalDeps): TempJournal {
  const queue = createKeyedQueue();
  const read = async (): Promise<string[]> => (await readJsonFile(file, Pending, cipher))?.temps ?? [];
  const change = (edit: (temps: string[]) => string[]) =>
    queue(file, () =>
      gate.run(async () => {
        await mkdir(dirname(file), { recursive: true, mode: 0o700 });
        await writeFileAtomic(file, encodeJson({ temps: edit(await read()) }, cipher));
      }),
    );
  return {
    add: (path) => change((temps) => [...temps.filter((t) => t !== path), path]),
    remove: (path) => change((temps) => temps.filter((t) => t !== path)),
    async sweep() {
      const temps = await read();
      if (temps.length === 0) return 0;
      const ours = temps.filter((path) => isAbsolute(path) && isTempFileName(basename(path)));
      await Promise.all(ours.map((path) => rm(path, { force: true })));
      await change((left) => left.filter((t) => !temps.includes(t)));
      return ours.length;
    },
  };
}
