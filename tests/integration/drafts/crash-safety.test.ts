import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAesGcmCipher } from '../../../src/main/core/crypto/cipher';
import { Draft } from '../../../src/shared/schemas/drafts';
import { CRASH_DRAFT_IDS, draftContentFor } from '../../support/draft-crash-content';
import { seededRandom } from '../../support/seeded-random';

const KILLS = 120;
const DRAFTS = 4;
const KEY = Buffer.alloc(32, 7);

let work: string;
let childScript: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'markket-crash-'));
  // One bundle for all runs: starting plain node ~120 times is fast, starting tsx is not.
  childScript = join(work, 'writer.mjs');
  await build({
    entryPoints: [join(import.meta.dirname, '../../support/draft-writer-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: childScript,
    logLevel: 'silent',
  });
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

interface Progress {
  started: Map<string, number>;
  done: Map<string, number>;
}

/** Runs the writer until it has started `startsBeforeKill` saves, waits `delayMs`, then SIGKILLs it. */
function runAndKill(dir: string, startsBeforeKill: number, delayMs: number, encrypted: boolean): Promise<Progress> {
  const progress: Progress = { started: new Map(), done: new Map() };
  const args = [childScript, dir, String(DRAFTS), ...(encrypted ? [KEY.toString('hex')] : [])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let starts = 0;
  let buffered = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const [what, id, version] = line.split(' ');
        if (what === 'start' && id) {
          progress.started.set(id, Number(version));
          starts += 1;
          if (starts === startsBeforeKill) setTimeout(() => child.kill('SIGKILL'), delayMs);
        } else if (what === 'done' && id) progress.done.set(id, Number(version));
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(progress);
      else reject(new Error(`writer exited by itself (code ${code}): ${stderr}`));
    });
  });
}

async function readDraftFile(dir: string, id: string, encrypted: boolean): Promise<Draft | undefined> {
  const raw = await readFile(join(dir, `${id}.draft.json`)).catch(() => undefined);
  if (!raw) return undefined;
  const plain = encrypted ? createAesGcmCipher(KEY).open(raw) : raw;
  return Draft.parse(JSON.parse(plain.toString('utf8')));
}

describe.each([
  { encrypted: false, seed: 20240611 },
  { encrypted: true, seed: 7 },
])('drafts killed mid-save (encrypted: $encrypted)', ({ encrypted, seed }) => {
  it('leaves every draft file readable and equal to the version before or after the interrupted save', async () => {
    const dir = join(work, `drafts-${encrypted ? 'sealed' : 'plain'}`);
    const random = seededRandom(seed);
    const known = new Map<string, number>(); // id -> last version the parent saw on disk
    let interruptedSaves = 0;

    for (let kill = 0; kill < KILLS / 2; kill += 1) {
      const progress = await runAndKill(dir, 1 + Math.floor(random() * 6), Math.floor(random() * 4), encrypted);
      for (const id of CRASH_DRAFT_IDS.slice(0, DRAFTS)) {
        const draft = await readDraftFile(dir, id, encrypted);
        const finished = progress.done.get(id) ?? known.get(id) ?? 0;
        const started = progress.started.get(id) ?? finished;
        if (started !== finished) interruptedSaves += 1;
        const onDisk = draft?.version ?? 0;
        expect([finished, started]).toContain(onDisk);
        if (draft) expect(draft).toMatchObject({ id, ...draftContentFor(id, draft.version) });
        known.set(id, onDisk);
      }
    }
    // The kills must actually have hit saves in flight, or the test proves nothing.
    expect(interruptedSaves).toBeGreaterThan(KILLS / 8);
    // A new store removes the temp files the killed writers left behind.
    const { createDraftStore } = await import('../../../src/main/core/drafts/store');
    await createDraftStore({ dir, now: () => new Date(), cipher: encrypted ? createAesGcmCipher(KEY) : undefined }).list();
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  }, 120_000);
});
