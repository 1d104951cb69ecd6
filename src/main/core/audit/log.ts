import { mkdir, open, readFile, stat, truncate } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { AppError } from '../../../shared/errors';
import {
  AUDIT_GENESIS_HASH, AuditAction, AuditEntry, type AuditPage, type AuditVerifyResult,
} from '../../../shared/schemas/audit';
import type { Cipher } from '../crypto/cipher';
import { createKeyedQueue, writeFileAtomic } from '../local-data/atomic';
import { canonicalJson, sha256Hex } from './canonical';

export interface AuditLogDeps {
  /** The profile's folder; the log is `audit.jsonl` inside it. */
  dir: string;
  now: () => Date;
  /** HIPAA profiles seal each line (base64 of the sealed bytes), so details never sit in clear. */
  cipher?: Cipher;
}

export interface AuditAppendInput {
  actor: string;
  action: AuditAction;
  details?: Record<string, unknown>;
}

export interface AuditLog {
  append(input: AuditAppendInput): Promise<AuditEntry>;
  verify(): Promise<AuditVerifyResult>;
  /** Newest first, for the viewer in Settings. */
  read(opts?: { limit?: number; offset?: number }): Promise<AuditPage>;
  /** Writes the log as plain JSONL for an auditor, with the result of verify(). */
  exportTo(path: string): Promise<{ entries: number; verified: AuditVerifyResult }>;
  readonly file: string;
}

export function entryHash(entry: Omit<AuditEntry, 'hash'>): string {
  return sha256Hex(canonicalJson({ seq: entry.seq, at: entry.at, actor: entry.actor, action: entry.action, details: entry.details, prevHash: entry.prevHash }));
}

/**
 * Append-only, hash-chained audit log (one JSON entry per line). Each entry carries the hash of
 * the one before, so an entry that is modified, removed or moved breaks the chain at that point.
 * Known limit: removing entries from the END leaves a valid shorter chain; anchoring the head
 * hash elsewhere (keychain) would catch that.
 */
/**
 * Appends to one audit file take turns across every AuditLog of the process: when a profile change
 * rebuilds the services, the old and the new instance may both append to the same file.
 */
const appendQueue = createKeyedQueue();

export function createAuditLog({ dir, now, cipher }: AuditLogDeps): AuditLog {
  const file = join(dir, 'audit.jsonl');
  let head: { seq: number; hash: string; size: number } | undefined;

  const encodeLine = (entry: AuditEntry): string => {
    const json = JSON.stringify(entry);
    return cipher ? cipher.seal(Buffer.from(json, 'utf8')).toString('base64') : json;
  };

  function decodeLine(line: string): AuditEntry {
    // A sealed log holds only sealed lines (switching HIPAA on converts the old ones, crypto/reseal.ts):
    // a plain line there was put in by hand, and cipher.open refuses it.
    const json = cipher ? cipher.open(Buffer.from(line, 'base64')).toString('utf8') : line;
    return AuditEntry.parse(JSON.parse(json));
  }

  async function readLines(): Promise<string[]> {
    const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    return text.split('\n').filter((line) => line.length > 0);
  }

  /** Checks every line against its predecessor; stops at the first break. */
  async function walk(): Promise<{ result: AuditVerifyResult; entries: AuditEntry[] }> {
    const lines = await readLines();
    const entries: AuditEntry[] = [];
    let prevHash = AUDIT_GENESIS_HASH;
    for (const [index, line] of lines.entries()) {
      const broken = (reason: string) => ({ result: { ok: false, entries: entries.length, brokenAt: index + 1, reason }, entries });
      let entry: AuditEntry;
      try {
        entry = decodeLine(line);
      } catch {
        return broken('the entry cannot be read (modified or damaged)');
      }
      if (entry.seq !== index + 1) return broken(`expected entry number ${index + 1} but found ${entry.seq} (an entry was removed or moved)`);
      if (entry.prevHash !== prevHash) return broken('the entry does not follow the one before it (an entry was removed, moved or changed)');
      if (entryHash(entry) !== entry.hash) return broken('the entry was changed after it was written');
      entries.push(entry);
      prevHash = entry.hash;
    }
    return { result: { ok: true, entries: entries.length }, entries };
  }

  /**
   * Where to continue the chain. A line torn by a crash mid-append (no trailing newline) is cut
   * off first: it never was a complete entry, and appending after it would hide later entries.
   */
  async function loadHead(): Promise<{ seq: number; hash: string; size: number }> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const text = await readFile(file, 'utf8').catch(() => '');
    if (text.length > 0 && !text.endsWith('\n')) await truncate(file, Buffer.byteLength(text.slice(0, text.lastIndexOf('\n') + 1)));
    const lines = text.slice(0, text.lastIndexOf('\n') + 1).split('\n').filter((line) => line.length > 0);
    const last = lines.at(-1);
    const size = Buffer.byteLength(text.slice(0, text.lastIndexOf('\n') + 1));
    if (!last) return { seq: 0, hash: AUDIT_GENESIS_HASH, size };
    try {
      const entry = decodeLine(last);
      return { seq: entry.seq, hash: entry.hash, size };
    } catch {
      throw new AppError('internal', 'The audit log is damaged at its last entry, so no new entry can be chained to it. Export it for support and start a new one.', {
        file: 'audit.jsonl',
      });
    }
  }

  async function append(input: AuditAppendInput): Promise<AuditEntry> {
    const action = AuditAction.parse(input.action);
    return appendQueue(file, async () => {
      // Another instance (the services rebuilt after a profile change) may have appended since our
      // last write: continue from the file, not from what this instance remembers.
      const size = await stat(file).then((st) => st.size, () => 0);
      if (!head || size !== head.size) head = await loadHead();
      const partial = { seq: head.seq + 1, at: now().toISOString(), actor: input.actor, action, details: input.details ?? {}, prevHash: head.hash };
      const entry = AuditEntry.parse({ ...partial, hash: entryHash(partial) });
      const handle = await open(file, 'a', 0o600);
      try {
        await handle.write(`${encodeLine(entry)}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
      head = { seq: entry.seq, hash: entry.hash, size: (await stat(file)).size };
      return entry;
    });
  }

  async function read({ limit = 50, offset = 0 }: { limit?: number; offset?: number } = {}): Promise<AuditPage> {
    const lines = await readLines();
    const end = Math.max(lines.length - offset, 0);
    const start = Math.max(end - limit, 0);
    const entries: AuditEntry[] = [];
    for (const line of lines.slice(start, end).reverse()) entries.push(decodeLine(line));
    return { entries, total: lines.length };
  }

  /**
   * Exports every line even when the chain is broken (an auditor needs to see what is there);
   * the verification result travels with it, and lines that cannot be opened are marked.
   */
  async function exportTo(path: string) {
    const { result } = await walk();
    const lines = await readLines();
    const out = lines.map((line, index) => {
      try {
        return JSON.stringify(decodeLine(line));
      } catch {
        return JSON.stringify({ unreadable: true, line: index + 1 });
      }
    });
    await mkdir(dirname(path), { recursive: true });
    await writeFileAtomic(path, out.map((line) => `${line}\n`).join(''));
    return { entries: lines.length, verified: result };
  }

  return { append, verify: async () => (await walk()).result, read, exportTo, file };
}
