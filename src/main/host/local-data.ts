import { userInfo } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../shared/errors';
import type { ProfileView } from '../../shared/schemas/profile';
import { createAuditKeyring, createAuditLog, type AuditLog } from '../core/audit';
import { cacheLimitsOf, createOfflineCache, type OfflineCache } from '../core/cache';
import { alignFolderEncryption, createProfileCipher, type Cipher } from '../core/crypto';
import { createDraftStore, type DraftStore } from '../core/drafts';
import { createOutbox, type Outbox } from '../core/outbox';
import type { SecretStore } from '../core/secrets';
import { createTempJournal, type TempJournal } from '../core/local-data/temp-journal';
import { createWriteGate, type WriteGate } from '../core/local-data/write-gate';
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
    cache: createOfflineCache({ dir: join(dir, 'cache'), now, gate, limits: cacheLimitsOf(profile.offline), ...(cipher ? { cipher } : {}) }),
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
