import { createHmac } from 'node:crypto';
import { AUDIT_GENESIS_HASH, type AuditEntry, type AuditVerifyResult } from '../../../shared/schemas/audit';
import { canonicalJson, sha256Hex } from './canonical';
import type { AuditAnchor } from './keyring';

type Unsealed = Omit<AuditEntry, 'hash'>;

function canonicalEntry(entry: Unsealed): string {
  return canonicalJson({ seq: entry.seq, at: entry.at, actor: entry.actor, action: entry.action, details: entry.details, prevHash: entry.prevHash });
}

/** The plain SHA-256 an unkeyed log (no lasting keychain, or written before logs were keyed) chains with. */
export function entryHash(entry: Unsealed): string {
  return sha256Hex(canonicalEntry(entry));
}

/** HMAC-SHA256 with the profile's audit key: without the key an edited entry cannot be re-sealed. */
export function entryMac(entry: Unsealed, key: Buffer): string {
  return createHmac('sha256', key).update(canonicalEntry(entry), 'utf8').digest('hex');
}

export function sealEntry(entry: Unsealed, key: Buffer | null): string {
  return key ? entryMac(entry, key) : entryHash(entry);
}

/** One line of the file: the entry it holds, or null when it cannot be read (damaged, or a foreign plain line in a sealed log). */
export type AuditLine = AuditEntry | null;

export interface ChainCheck {
  /** The profile's audit key; null when the log is unkeyed (no lasting keychain). */
  key: Buffer | null;
  /** Where the keychain says the log reached; null before the first keyed append. */
  anchor: AuditAnchor | null;
}

/**
 * Checks every entry against its predecessor, its seal and finally the anchored head; stops at the
 * first break. Entries written before the log had a key (plain SHA-256) are accepted only before the
 * first keyed one: a plain entry after it was put there by someone without the key.
 */
export function checkChain(lines: readonly AuditLine[], { key, anchor }: ChainCheck): AuditVerifyResult {
  const keyed = key !== null;
  let prevHash = AUDIT_GENESIS_HASH;
  let keyedSeen = false;
  for (const [index, entry] of lines.entries()) {
    const broken = (reason: string): AuditVerifyResult => ({ ok: false, keyed, entries: index, brokenAt: index + 1, reason });
    if (!entry) return broken('the entry cannot be read (modified or damaged)');
    if (entry.seq !== index + 1) return broken(`expected entry number ${index + 1} but found ${entry.seq} (an entry was removed or moved)`);
    if (entry.prevHash !== prevHash) return broken('the entry does not follow the one before it (an entry was removed, moved or changed)');
    if (key && entryMac(entry, key) === entry.hash) keyedSeen = true;
    else if (keyedSeen || entryHash(entry) !== entry.hash) {
      return broken(keyed ? "the entry was changed after it was written (its seal does not match this profile's audit key)" : 'the entry was changed after it was written');
    }
    prevHash = entry.hash;
  }
  if (anchor) {
    if (lines.length < anchor.seq) {
      return {
        ok: false, keyed, entries: lines.length, brokenAt: lines.length + 1,
        reason: `entries were removed from the end: the keychain records that the log reached entry ${anchor.seq}, but the file ends at entry ${lines.length}`,
      };
    }
    if (lines[anchor.seq - 1]?.hash !== anchor.hash) {
      return { ok: false, keyed, entries: anchor.seq - 1, brokenAt: anchor.seq, reason: 'the entry the keychain recorded as the newest was replaced' };
    }
  }
  return { ok: true, keyed, entries: lines.length };
}
