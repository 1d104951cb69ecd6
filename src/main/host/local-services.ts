import { userInfo } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../shared/errors';
import type { ProfileView } from '../../shared/schemas/profile';
import { createAuditKeyring, createAuditLog, type AuditAppendInput, type AuditLog } from '../core/audit';
import { createOfflineCache, type OfflineCache } from '../core/cache';
import { alignFolderEncryption, createProfileCipher, type Cipher } from '../core/crypto';
import { createConnectivity, createDraftStore, createDraftSync, type Connectivity, type DraftStore, type DraftSync } from '../core/drafts';
import type { OdooClient } from '../core/odoo';
import type { SendgridService } from '../core/sendgrid';
import { createOutbox, type Outbox } from '../core/outbox';
import type { ProfileManager } from '../core/profiles';
import type { SecretStore } from '../core/secrets';
import { createPassphraseStore, createSessionLock, type SessionLock } from '../core/session';
import { createTempJournal, type TempJournal } from '../core/local-data/temp-journal';
import { createWriteGate, isGateClosed, type WriteGate } from '../core/local-data/write-gate';
import { createDownloads, type Downloads } from './downloads';

/** A profile's files on this computer: drafts, outbox, audit log, offline cache, pending downloads. */
export interface LocalData {
  dir: string;
  profileId: string;
  /** HIPAA mode: every file below is sealed with the profile's AES-256-GCM key (kept in the keychain). */
  hipaa: boolean;
  cipher?: Cipher;
  /** Closed by a profile change before the folder's encryption may change: this LocalData's stores write no more. */
  gate: WriteGate;
  /** Who the audit log names: the OS user and the profile's Odoo login. */
  actor: string;
  drafts: DraftStore;
  outbox: Outbox;
  audit: AuditLog;
  cache: OfflineCache;
  downloads: Downloads;
  /** Temp files of exports written beside a save-dialog destination, deleted when a crash left them. */
  tempJournal: TempJournal;
  /**
   * The newest LocalData of this folder. A profile change rebuilds the services while a call on the
   * old ones is still finishing (it is often the change itself); what it audits must go through the
   * new log, which may seal where the old one would not.
   */
  latest(): LocalData;
  /**
   * Once this folder's closed gate settles: the LocalData to write to (latest()), i.e. the newer one
   * a HIPAA switch opened, or this one again when the change failed or went to another profile.
   */
  settled(): Promise<LocalData>;
  /** A change closed this folder's gate: settled() waits until settle(). */
  hold(): void;
  /** Answers every settled() waiting now with latest(); later ones answer at once. */
  settle(): void;
}

/** The LocalData opened last per folder, kept by the console runtime across rebuilds. */
export type LocalDataRegistry = Map<string, LocalData>;

/** LocalData plus what needs the profile's Odoo: the draft sync. */
export interface LocalServices extends LocalData {
  sync: DraftSync;
  /** Pushes the outbox in the background when Odoo looks reachable; failures stay in the outbox. */
  pushSoon(): void;
  /** Records an audit entry without ever failing the operation that caused it (the failure is kept for support). */
  record(input: Omit<AuditAppendInput, 'actor'>): Promise<void>;
  /**
   * Starts no more background pushes and closes the folder's write gate (waiting for writes under
   * way). A profile change calls it before the folder may be sealed or opened: a push whose answer
   * lands afterwards would write with the old setting, e.g. a plaintext draft into a sealed folder.
   * Answers the function that opens both again, for a change that failed.
   */
  quiesce(): Promise<() => void>;
  /**
   * The change that quiesced these services went to another profile (or to none): this folder keeps
   * its setting, so its gate opens again and what these services still audit (an entry held during
   * the switch, a call finishing after it) goes to this profile's own log, never to the new one's
   * and never nowhere. Background pushes stay off: these services are being dropped.
   */
  release(): void;
}

export interface OpenLocalDataOptions {
  dir: string;
  registry?: LocalDataRegistry;
  profile: ProfileView;
  /** The keychain; required for a HIPAA profile (its data key lives there). */
  secrets?: SecretStore;
  now: () => Date;
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown user';
  }
}

/**
 * Opens a profile's local data. A HIPAA profile without a keychain is refused rather than
 * written in plaintext. Records the profile connection in its audit log.
 */
export async function openLocalData({ dir, profile, secrets, now, registry }: OpenLocalDataOptions): Promise<LocalData> {
  const hipaa = profile.hipaa.enabled;
  if (hipaa && !secrets) {
    throw new AppError('keychain.unavailable', 'This profile is in HIPAA mode and its local data must be encrypted with a key kept in the OS keychain, but no keychain is available.', {
      profileId: profile.id,
    });
  }
  // The folder's older LocalData may be open still: the profile was switched away from (its gate
  // released so late audit entries land in its log) and is opened again now. It writes no more once
  // the folder may be converted; what it audits meanwhile waits and goes to the log opened here.
  const previous = registry?.get(dir);
  previous?.hold();
  await previous?.gate.close();
  let cipher: Cipher | undefined;
  try {
    // Data written before the profile entered (or left) HIPAA mode is converted once, at that moment.
    await alignFolderEncryption(dir, hipaa, async () => {
      if (!secrets) throw new AppError('keychain.unavailable', "This profile's local data is encrypted with a key kept in the OS keychain, but no keychain is available to open it.", { profileId: profile.id });
      return createProfileCipher(secrets, profile.id, { folder: dir });
    });
    cipher = hipaa && secrets ? await createProfileCipher(secrets, profile.id, { folder: dir }) : undefined;
  } catch (error) {
    previous?.gate.reopen();
    previous?.settle();
    throw error;
  }
  const actor = `${osUser()} (${profile.odoo.login || profile.name})`;
  // The audit key and head anchor live in the keychain. A keychain that forgets on restart (browser
  // mode with a lasting --data-dir) would make every earlier entry look forged: that log stays a
  // plain hash chain, and audit.verify says it is not keyed.
  const keyring = secrets && !secrets.forgottenOnRestart ? createAuditKeyring(secrets, profile.id) : undefined;
  const gate = createWriteGate();
  const audit = createAuditLog({ dir: join(dir, 'audit'), now, gate, ...(cipher ? { cipher } : {}), ...(keyring ? { keyring } : {}) });
  let waiting: ((next: LocalData) => void)[] = [];
  let held = false;
  const local: LocalData = {
    dir,
    gate,
    profileId: profile.id,
    hipaa,
    ...(cipher ? { cipher } : {}),
    actor,
    drafts: createDraftStore({ dir: join(dir, 'drafts'), now, gate, ...(cipher ? { cipher } : {}) }),
    outbox: createOutbox({ dir: join(dir, 'outbox'), now, gate, ...(cipher ? { cipher } : {}) }),
    audit,
    cache: createOfflineCache({ dir: join(dir, 'cache'), now, gate, ...(cipher ? { cipher } : {}) }),
    downloads: createDownloads({ dir: join(dir, 'downloads'), now }),
    tempJournal: createTempJournal({ file: join(dir, 'exports', 'pending-temps.json'), gate, ...(cipher ? { cipher } : {}) }),
    latest: () => registry?.get(dir) ?? local,
    settled: () => (held ? new Promise((resolve) => waiting.push(resolve)) : Promise.resolve(local.latest())),
    hold: () => {
      held = true;
    },
    settle: () => {
      held = false;
      const next = local.latest();
      for (const resolve of waiting) resolve(next);
      waiting = [];
    },
  };
  // First opened in this run: whatever the downloads folder holds is from a run that ended (maybe in a
  // crash) and nobody holds its link. Later opens are rebuilds whose predecessor may still hand a file out.
  // The same holds for temps of exports to a path chosen in the save dialog, beside that path.
  if (!registry?.has(dir)) {
    await local.downloads.clearLeftovers();
    await local.tempJournal.sweep();
  }
  registry?.set(dir, local);
  // Audit entries the previous instance's closed gate held back now go to this log.
  previous?.settle();
  await audit.append({ actor, action: 'profile.connect', details: { profileId: profile.id, kind: profile.kind, hipaa } });
  return local;
}

/**
 * The profile's Odoo client, reporting every call to the connectivity monitor: a call that cannot
 * reach Odoo turns the header offline, any answer turns it online. Wrapping the client once covers
 * every handler. Closing it also stops the monitor and deletes undelivered downloads.
 */
export function reportingTo(odoo: OdooClient, connectivity: Connectivity, onClose: () => Promise<void>): OdooClient {
  const watch = <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        const result = await call(...args);
        connectivity.markSuccess();
        return result;
      } catch (error) {
        connectivity.markFailure(error);
        throw error;
      }
    };
  return {
    settings: odoo.settings,
    connect: watch(() => odoo.connect()),
    version: watch(() => odoo.version()),
    searchRead: watch((...a: Parameters<OdooClient['searchRead']>) => odoo.searchRead(...a)),
    read: watch((...a: Parameters<OdooClient['read']>) => odoo.read(...a)),
    search: watch((...a: Parameters<OdooClient['search']>) => odoo.search(...a)),
    searchCount: watch((...a: Parameters<OdooClient['searchCount']>) => odoo.searchCount(...a)),
    readGroup: watch((...a: Parameters<OdooClient['readGroup']>) => odoo.readGroup(...a)),
    create: watch((...a: Parameters<OdooClient['create']>) => odoo.create(...a)),
    createMany: watch((...a: Parameters<OdooClient['createMany']>) => odoo.createMany(...a)),
    write: watch((...a: Parameters<OdooClient['write']>) => odoo.write(...a)),
    unlink: watch((...a: Parameters<OdooClient['unlink']>) => odoo.unlink(...a)),
    fieldsGet: watch((...a: Parameters<OdooClient['fieldsGet']>) => odoo.fieldsGet(...a)),
    copy: watch((...a: Parameters<OdooClient['copy']>) => odoo.copy(...a)),
    call: watch((...a: Parameters<OdooClient['call']>) => odoo.call(...a)),
    close: async () => {
      await onClose().catch(() => undefined);
      await odoo.close();
    },
  };
}

/** Odoo answered something (even "access denied") = reachable; id 0 never exists, so the answer is tiny. */
export function odooProbe(odoo: OdooClient): () => Promise<void> {
  return async () => {
    await odoo.searchCount('mailing.list', [['id', '=', 0]]);
  };
}

export interface RuntimeOptions {
  rawOdoo: OdooClient;
  /** The profile's SendGrid (a getter: it is built after the runtime); draft bodies come from its templates. */
  sendgrid?: () => SendgridService | undefined;
  local?: LocalData;
  profiles: ProfileManager;
  secrets?: SecretStore;
  now: () => Date;
  /** How often Odoo is probed; 30 s by default. */
  probeIntervalMs?: number;
}

/**
 * What every Services has, with or without a profile: the connectivity monitor, the wrapped Odoo
 * client, the lock, and (with a profile's data folder) the local data and its draft sync.
 */
export function createLocalRuntime({ rawOdoo, sendgrid, local, profiles, secrets, now, probeIntervalMs = 30_000 }: RuntimeOptions): {
  odoo: OdooClient;
  connectivity: Connectivity;
  session: SessionLock;
  local?: LocalServices;
} {
  const connectivity = createConnectivity({ probe: odooProbe(rawOdoo), intervalMs: probeIntervalMs, now });
  const odoo = reportingTo(rawOdoo, connectivity, async () => {
    connectivity.stop();
    await local?.downloads.close();
  });
  const record = async (input: Omit<AuditAppendInput, 'actor'>) => {
    if (!local) return;
    const append = (target: LocalData) => target.audit.append({ ...input, actor: target.actor });
    const target = local.latest();
    try {
      await append(target);
    } catch (error) {
      // The audited action already happened; a full disk must not turn it into a reported failure.
      // A profile change closed the folder's gate (it may be sealing the log): the entry waits and
      // goes to the log the change leaves behind, written with the new setting.
      if (isGateClosed(error)) await append(await target.settled()).catch(() => undefined);
    }
  };
  const session = createSessionLock({
    now,
    passphrase: createPassphraseStore(secrets),
    policy: async () => {
      if (!local) return { idleLockMs: null };
      const profile = await profiles.get(local.profileId).catch(() => null);
      return { idleLockMs: profile?.hipaa.enabled ? profile.hipaa.idleLockMinutes * 60_000 : null };
    },
    onChange: (change) => void record({ action: change.locked ? 'session.locked' : 'session.unlocked', details: { reason: change.reason } }),
  });
  if (!local) return { odoo, connectivity, session };

  const sync = createDraftSync({ odoo, drafts: local.drafts, outbox: local.outbox, connectivity, ...(sendgrid ? { sendgrid } : {}) });
  let paused = false;
  const flushInBackground = () => {
    if (!paused) void sync.flush().catch(() => undefined);
  };
  const pushSoon = () => {
    if (connectivity.current().online) flushInBackground();
  };
  // Odoo is back: what was saved meanwhile goes out, in order, once.
  connectivity.onChange((state) => {
    if (state.online) flushInBackground();
  });
  connectivity.start();
  const quiesce = async () => {
    paused = true;
    local.hold();
    // A push waiting on Odoo is not waited for (Odoo may be slow or gone): its writes are refused
    // once the gate is closed and the item stays in the outbox for the new services to push.
    await local.gate.close();
    return () => {
      local.gate.reopen();
      local.settle();
      paused = false;
    };
  };
  const release = () => {
    local.gate.reopen();
    local.settle();
  };
  return { odoo, connectivity, session, local: { ...local, sync, pushSoon, record, quiesce, release } };
}
