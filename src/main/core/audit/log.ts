import { mkdir, open, readFile, stat, truncate } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { AppError } from '../../../shared/errors';
import {
  AUDIT_GENESIS_HASH, AuditAction, AuditEntry, type AuditPage, type AuditVerifyResult,
} from '../../../shared/schemas/audit';
import type { Cipher } from '../crypto/cipher';
import { createKeyedQueue, writeFileAtomic, type TempNotes } from '../local-data/atomic';
import { checkChain, sealEntry, type AuditLine } from './chain';
import type { AuditKeyring } from './keyring';
import { OPEN_GATE, type WriteGate } from '../local-data/write-gate';

export interface AuditLogDeps {
  /** The profile's folder; the log is `audit.jsonl` inside it. */
  dir: string;
  now: () => Date;
  /** HIPAA profiles seal each line (base64 of the sealed bytes), so details never sit in clear. */
  cipher?: Cipher;
  /**
   * The profile's audit key and head anchor in the OS keychain. Without it (no lasting keychain)
   * the log is a plain SHA-256 chain, and verify() says so (`keyed: false`).
   */
  keyring?: AuditKeyring;
  /**
   * The folder's write gate: a HIPAA switch closes it before it converts the log, so an instance
   * built for the old setting cannot append a plaintext line to a sealed log (or a line the
   * conversion would overwrite). Appends under way finish first.
   */
  gate?: WriteGate;
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
  /** `journal` notes the temp beside a destination outside the data folder (a save-dialog path). */
  exportTo(path: string, journal?: TempNotes): Promise<{ entries: number; verified: AuditVerifyResult }>;
  readonly file: string;
}

/**
 * Append-only, chained audit log (one JSON entry per line). Each entry carries the seal of the one
 * before, so an entry that is modified, removed or moved breaks the chain at that point. With a
 * keyring the seal is an HMAC under a key in the OS keychain (an edited entry cannot be re-sealed by
 * someone who only has the file), and every append anchors the new head in the keychain, so
 * entries cut off the END are detected too.
 */
/**
 * Appends to one audit file take turns across every AuditLog of the process: when a profile change
 * rebuilds the services, the old and the new instance may both append to the same file.
 */
const appendQueue = createKeyedQueue();

interface Head {
  seq: number;
  hash: string;
  size: number;
  anchorHeld: boolean;
}

export function createAuditLog({ dir, now, cipher, keyring, gate = OPEN_GATE }: AuditLogDeps): AuditLog {
  const file = join(dir, 'audit.jsonl');
  /** `anchorHeld`: the file still holds the anchored entry, so appends may move the anchor on. */
  let head: Head | undefined;

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

  function readEntry(line: string): AuditLine {
    try {
      return decodeLine(line);
    } catch {
      return null;
    }
  }

  /** Checks every line against its predecessor, its seal and the anchored head; stops at the first break. */
  async function verify(): Promise<AuditVerifyResult> {
    const lines = (await readLines()).map(readEntry);
    if (!keyring) return checkChain(lines, { key: null, anchor: null });
    // Read-only: a missing key is not created here, so a keyed log whose key is gone fails honestly.
    const [key, anchor] = await Promise.all([keyring.key({ create: false }), keyring.anchor()]);
    if (!key && anchor) {
      return { ok: false, keyed: true, entries: 0, brokenAt: 1, reason: "the key that sealed this log is no longer in this computer's keychain, so its entries cannot be checked" };
    }
    return checkChain(lines, { key, anchor });
  }

  /**
   * Where to continue the chain. A line torn by a crash mid-append (no trailing newline) is cut
   * off first: it never was a complete entry, and appending after it would hide later entries.
   * A file that no longer holds the anchored entry (cut short, or replaced) leaves the anchor where
   * it is: moving it to the new head would erase the evidence.
   */
  async function loadHead(): Promise<Head> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const text = await readFile(file, 'utf8').catch(() => '');
    if (text.length > 0 && !text.endsWith('\n')) await truncate(file, Buffer.byteLength(text.slice(0, text.lastIndexOf('\n') + 1)));
    const lines = text.slice(0, text.lastIndexOf('\n') + 1).split('\n').filter((line) => line.length > 0);
    const last = lines.at(-1);
    const size = Buffer.byteLength(text.slice(0, text.lastIndexOf('\n') + 1));
    const anchor = keyring ? await keyring.anchor() : null;
    const anchorHeld = !anchor || readEntry(lines[anchor.seq - 1] ?? '')?.hash === anchor.hash;
    if (!last) return { seq: 0, hash: AUDIT_GENESIS_HASH, size, anchorHeld };
    try {
      const entry = decodeLine(last);
      return { seq: entry.seq, hash: entry.hash, size, anchorHeld };
    } catch {
      throw new AppError('internal', 'The audit log is damaged at its last entry, so no new entry can be chained to it. Export it for support and start a new one.', {
        file: 'audit.jsonl',
      });
    }
  }

  async function append(input: AuditAppendInput): Promise<AuditEntry> {
    const action = AuditAction.parse(input.action);
    return gate.run(() => appendQueue(file, async () => {
      // Another instance (the services rebuilt after a profile change) may have appended since our
      // last write: continue from the file, not from what this instance remembers.
      const size = await stat(file).then((st) => st.size, () => 0);
      if (!head || size !== head.size) head = await loadHead();
      const key = keyring ? await keyring.key({ create: true }) : null;
      const partial = { seq: head.seq + 1, at: now().toISOString(), actor: input.actor, action, details: input.details ?? {}, prevHash: head.hash };
      const entry = AuditEntry.parse({ ...partial, hash: sealEntry(partial, key) });
      const handle = await open(file, 'a', 0o600);
      try {
        await handle.write(`${encodeLine(entry)}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
      head = { seq: entry.seq, hash: entry.hash, size: (await stat(file)).size, anchorHeld: head.anchorHeld };
      // The file first, then the anchor: a crash between the two leaves the anchor one entry behind
      // (still a prefix of the file, caught up by the next append), never ahead as a false truncation.
      if (head.anchorHeld) await keyring?.setAnchor({ seq: entry.seq, hash: entry.hash });
      return entry;
    }));
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
  async function exportTo(path: string, journal?: TempNotes) {
    const result = await verify();
    const lines = await readLines();
    const out = lines.map((line, index) => {
      try {
        return JSON.stringify(decodeLine(line));
      } catch {
        return JSON.stringify({ unreadable: true, line: index + 1 });
      }
    });
    await mkdir(dirname(path), { recursive: true });
    await writeFileAtomic(path, out.map((line) => `${line}\n`).join(''), journal);
    return { entries: lines.length, verified: result };
  }

  return { append, verify, read, exportTo, file };
}
