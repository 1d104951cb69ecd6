/**
 * Child process of the crash-safety test: saves new versions of several drafts forever, until
 * the parent kills it. Before each save it prints "start <id> <version>", after it "done <id> <version>".
 * (stdout to a pipe is synchronous on Linux, so a printed line is never lost by a SIGKILL.)
 * argv: <dir> <draftCount> [hexKey]
 */
import { createAesGcmCipher } from '../../src/main/core/crypto/cipher';
import { createDraftStore } from '../../src/main/core/drafts/store';
import { draftContentFor, CRASH_DRAFT_IDS } from './draft-crash-content';

const [dir, countArg, hexKey] = process.argv.slice(2);
if (!dir || !countArg) throw new Error('usage: draft-writer-child <dir> <draftCount> [hexKey]');
const ids = CRASH_DRAFT_IDS.slice(0, Number(countArg));
const cipher = hexKey ? createAesGcmCipher(Buffer.from(hexKey, 'hex')) : undefined;
const store = createDraftStore({ dir, now: () => new Date(), cipher });

const versions = new Map<string, number>();
for (const id of ids) versions.set(id, (await store.get(id))?.version ?? 0);
process.stdout.write('ready\n');

for (let round = 0; ; round += 1) {
  const id = ids[round % ids.length] as string;
  const next = (versions.get(id) ?? 0) + 1;
  process.stdout.write(`start ${id} ${next}\n`);
  await store.save({ id, baseVersion: next - 1, ...draftContentFor(id, next) });
  versions.set(id, next);
  process.stdout.write(`done ${id} ${next}\n`);
}
