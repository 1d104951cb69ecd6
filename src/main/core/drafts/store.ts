import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import { Draft, DraftContent, DraftId, DraftSaveInput, type DraftSync } from '../../../shared/schemas/drafts';
import type { Cipher } from '../crypto/cipher';
import { cleanTempFiles, createKeyedQueue, encodeJson, readJsonFile, writeFileAtomic } from '../local-data/atomic';
import { OPEN_GATE, type WriteGate } from '../local-data/write-gate';

export interface DraftStoreDeps {
  /** The profile's drafts folder; created on first use. */
  dir: string;
  now: () => Date;
  /** Present when the profile is in HIPAA mode: every draft file is sealed. */
  cipher?: Cipher;
  /** Closed when the folder's encryption changes under this store (see write-gate.ts). */
  gate?: WriteGate;
}

/** Changes to a draft's bookkeeping that are not edits (no new version). */
export interface DraftMetaPatch {
  campaignId?: string;
  sync?: DraftSync;
}

export interface DraftStore {
  /** `fromOdoo`: the content is Odoo's ("Take Odoo's version"), so it may bring an audience kept from Odoo. */
  save(input: DraftSaveInput, options?: { fromOdoo?: boolean }): Promise<Draft>;
  get(id: string): Promise<Draft | undefined>;
  /** Readable drafts; a file that cannot be read is moved to quarantine/ and skipped. */
  list(filter?: { storeId?: string }): Promise<Draft[]>;
  /** Draft files set aside because they could not be read, kept for recovery. */
  quarantined(): Promise<QuarantinedDraft[]>;
  delete(id: string): Promise<boolean>;
  /** Bookkeeping change; a function sees the draft as it is on disk at that moment. */
  patchMeta(id: string, patch: DraftMetaPatch | ((current: Draft) => DraftMetaPatch)): Promise<Draft>;
}

const FILE_SUFFIX = '.draft.json';
/** Unreadable draft files are moved here, never deleted: support (or a backup key) may still recover them. */
export const QUARANTINE_DIR = 'quarantine';

export interface QuarantinedDraft {
  /** The file's name inside the drafts folder's quarantine/ folder. */
  file: string;
  reason: string;
}

function notFound(id: string): AppError {
  return new AppError('not_found', 'This draft no longer exists on this computer.', { draftId: id });
}

/**
 * Campaign drafts, one file per draft, each written atomically so a crash leaves the old or the
 * new version and never a broken file. Saves of one draft are serialized in this process.
 */
export function createDraftStore({ dir, now, cipher, gate = OPEN_GATE }: DraftStoreDeps): DraftStore {
  const serialize = createKeyedQueue();
  let ready: Promise<void> | undefined;
  // The id becomes a file name, so only a UUID is accepted (no path tricks).
  const fileOf = (id: string) => {
    if (!DraftId.safeParse(id).success) throw notFound(id);
    return join(dir, `${id}${FILE_SUFFIX}`);
  };

  // Leftover temp files are only removed once, before this store's first write.
  function open(): Promise<void> {
    ready ??= mkdir(dir, { recursive: true, mode: 0o700 }).then(() => cleanTempFiles(dir)).then(() => undefined);
    return ready;
  }

  async function read(id: string): Promise<Draft | undefined> {
    await open();
    return readJsonFile(fileOf(id), Draft, cipher);
  }

  async function write(draft: Draft): Promise<Draft> {
    await gate.run(() => writeFileAtomic(fileOf(draft.id), encodeJson(Draft.parse(draft), cipher)));
    return draft;
  }

  async function save(raw: DraftSaveInput, options: { fromOdoo?: boolean } = {}): Promise<Draft> {
    const input = DraftSaveInput.parse(raw);
    const id = input.id ?? randomUUID();
    return serialize(id, async () => {
      await open();
      const current = input.id ? await read(id) : undefined;
      const { id: _id, baseVersion: _base, ...content } = input;
      // The same save again, over exactly what it wrote: its answer was lost and the editor repeats
      // it with the version it still knows. That is no conflict and no new version (issue 13, retry).
      if (current && input.baseVersion !== undefined && current.version === input.baseVersion + 1 && sameContent(current, content)) return current;
      if (input.baseVersion !== undefined && (current?.version ?? 0) !== input.baseVersion) {
        throw new AppError('conflict', 'This draft was changed in another window since you opened it. Reload it to see the latest version.', {
          draftId: id,
          baseVersion: input.baseVersion,
          currentVersion: current?.version ?? 0,
        });
      }
      // An audience kept from Odoo is Odoo's domain: a save may keep it or drop it, never bring a new one.
      if (content.keptAudience && !options.fromOdoo && JSON.stringify(content.keptAudience) !== JSON.stringify(current?.keptAudience)) {
        throw new AppError('input.invalid', 'keptAudience: an audience set in Odoo is kept only as it was taken from Odoo. Pick a segment to change who gets this campaign.', { field: 'keptAudience', draftId: id });
      }
      const sync: DraftSync = current?.sync.odooId
        ? { ...current.sync, state: current.sync.state === 'conflict' ? 'conflict' : 'pending', lastError: undefined }
        : { state: 'local' };
      return write({
        ...content,
        id,
        campaignId: current?.campaignId,
        version: (current?.version ?? 0) + 1,
        updatedAt: now().toISOString(),
        sync,
      });
    });
  }

  async function patchMeta(id: string, change: DraftMetaPatch | ((current: Draft) => DraftMetaPatch)): Promise<Draft> {
    return serialize(id, async () => {
      const current = await read(id);
      if (!current) throw notFound(id);
      const patch = typeof change === 'function' ? change(current) : change;
      return write({ ...current, ...(patch.campaignId ? { campaignId: patch.campaignId } : {}), ...(patch.sync ? { sync: patch.sync } : {}) });
    });
  }

  /** Moves an unreadable file aside (under a name that says why), so one bad file cannot hide the others. */
  async function quarantine(name: string, error: unknown): Promise<void> {
    const reason = error instanceof AppError && typeof error.details?.reason === 'string' ? error.details.reason : 'unreadable';
    await mkdir(join(dir, QUARANTINE_DIR), { recursive: true, mode: 0o700 });
    await rename(join(dir, name), join(dir, QUARANTINE_DIR, `${name}.${reason.replace(/[^a-z0-9_-]/gi, '_').slice(0, 60)}`)).catch(() => undefined);
  }

  async function list(filter: { storeId?: string } = {}): Promise<Draft[]> {
    await open();
    const names = (await readdir(dir)).filter((name) => name.endsWith(FILE_SUFFIX));
    const drafts = await Promise.all(
      names.map((name) =>
        readJsonFile(join(dir, name), Draft, cipher).catch(async (error: unknown) => {
          await quarantine(name, error);
          return undefined;
        }),
      ),
    );
    return drafts
      .filter((draft): draft is Draft => draft !== undefined && (!filter.storeId || draft.storeId === filter.storeId))
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }

  async function quarantined(): Promise<QuarantinedDraft[]> {
    const names = await readdir(join(dir, QUARANTINE_DIR)).catch(() => [] as string[]);
    return names.sort().map((file) => ({ file, reason: file.slice(file.indexOf(FILE_SUFFIX) + FILE_SUFFIX.length + 1) || 'unreadable' }));
  }

  async function remove(id: string): Promise<boolean> {
    return serialize(id, async () => {
      await open();
      const existed = (await read(id)) !== undefined;
      await rm(fileOf(id), { force: true });
      return existed;
    });
  }

  return { save, get: read, list, quarantined, delete: remove, patchMeta };
}

/** Whether a draft holds exactly this content, as the editor sends it (defaults filled in). */
function sameContent(draft: Draft, content: DraftContent): boolean {
  return JSON.stringify(DraftContent.parse(draft)) === JSON.stringify(DraftContent.parse(content));
}
