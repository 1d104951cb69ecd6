import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { Cipher } from '../crypto/cipher';
import { createKeyedQueue, encodeJson, readJsonFile, writeFileAtomic } from '../local-data/atomic';
import { OPEN_GATE, type WriteGate } from '../local-data/write-gate';

/**
 * What each "Send a test" request has already sent, so that "Try again" with the same
 * `client_request_id` never mails an address twice.
 *
 * Odoo keeps no record of a test (its wizard sends and deletes the mails in one transaction and
 * makes no mailing.trace; odoo19-json2-wire/137), and SendGrid's mail send takes no idempotency key,
 * so neither can be asked afterwards whether a test went out. The console therefore remembers, per
 * request, every address a try sent — or may have sent, when the answer was lost after the request
 * left — and a repeat sends only to the rest.
 *
 * Kept in the profile's folder when it has one, so a restart between the lost answer and "Try again"
 * (the console quit, the computer slept) still sends no second test. The file names staff addresses:
 * it is sealed like the rest of the folder in HIPAA mode and written behind the folder's write gate.
 * Bounded (the newest requests) and expiring (a test is tried again within minutes, not days).
 */

/** Requests remembered; the oldest is forgotten first. */
const CAPACITY = 500;
/** A request older than this is forgotten: its "Try again" is long gone. */
const TTL_MS = 24 * 60 * 60 * 1000;

export interface TestSendRecord {
  /** Addresses this request sent, or may have sent (answer lost after the request left). */
  readonly spent: Set<string>;
  /** Addresses whose send may or may not have happened: said so in the answer. */
  readonly uncertain: Set<string>;
}

export interface TestSendLedger {
  /** The record of one request (created empty on first use). */
  record(key: string): Promise<TestSendRecord>;
  /** Writes down what the request's record holds now, so a restart remembers it. */
  keep(key: string): Promise<void>;
}

export interface TestSendLedgerDeps {
  /** The profile folder's file; in memory only without one. */
  file?: string;
  gate?: WriteGate;
  cipher?: Cipher;
  now?: () => Date;
  capacity?: number;
  ttlMs?: number;
}

const Stored = z.object({
  requests: z.array(z.object({ key: z.string(), at: z.string(), spent: z.array(z.string()), uncertain: z.array(z.string()) })),
});
type Entry = TestSendRecord & { at: number };

export function createTestSendLedger({ file, gate = OPEN_GATE, cipher, now = () => new Date(), capacity = CAPACITY, ttlMs = TTL_MS }: TestSendLedgerDeps = {}): TestSendLedger {
  const records = new Map<string, Entry>();
  const queue = createKeyedQueue();

  /** The newest `capacity` requests younger than the TTL, oldest first (a Map keeps insertion order). */
  const bounded = (entries: Map<string, Entry>): Map<string, Entry> => {
    const oldest = now().getTime() - ttlMs;
    const fresh = [...entries].filter(([, e]) => e.at >= oldest).sort(([, a], [, b]) => a.at - b.at);
    return new Map(fresh.slice(Math.max(0, fresh.length - capacity)));
  };
  /**
   * The file as it is now. Unreadable counts as empty: the memory is a courtesy against a second
   * test email, and a damaged file must not stop tests from being sent.
   */
  const stored = async (): Promise<Map<string, Entry>> => {
    if (!file) return new Map();
    const parsed = await readJsonFile(file, Stored, cipher).catch(() => undefined);
    return new Map((parsed?.requests ?? []).map((r) => [r.key, { spent: new Set(r.spent), uncertain: new Set(r.uncertain), at: Date.parse(r.at) || 0 }]));
  };
  let loaded: Promise<void> | null = null;
  const load = (): Promise<void> =>
    (loaded ??= stored().then((found) => {
      for (const [key, entry] of bounded(found)) if (!records.has(key)) records.set(key, entry);
    }));

  return {
    async record(key) {
      await load();
      const known = records.get(key);
      if (known) return known;
      const fresh: Entry = { spent: new Set(), uncertain: new Set(), at: now().getTime() };
      records.set(key, fresh);
      for (const [k] of records) {
        if (records.size <= capacity) break;
        records.delete(k);
      }
      return fresh;
    },
    async keep(key) {
      const entry = records.get(key);
      if (!file || !entry) return;
      entry.at = now().getTime();
      const target = file;
      try {
        await queue(target, () =>
          gate.run(async () => {
            // Read again: another window's services (a profile change rebuilds them) may have written since.
            const all = await stored();
            all.delete(key);
            all.set(key, entry);
            const requests = [...bounded(all)].map(([k, e]) => ({ key: k, at: new Date(e.at).toISOString(), spent: [...e.spent], uncertain: [...e.uncertain] }));
            await mkdir(dirname(target), { recursive: true, mode: 0o700 });
            await writeFileAtomic(target, encodeJson({ requests }, cipher));
          }),
        );
      } catch {
        // A closed gate (the profile is changing) or a full disk: this session still remembers the
        // request in memory, and the test's own answer must not turn into an error over it.
      }
    },
  };
}
