import type { AuditAppendInput } from '../core/audit';
import { createConnectivity, createDraftSync, type Connectivity, type DraftSync } from '../core/drafts';
import type { OdooClient } from '../core/odoo';
import type { SendgridService } from '../core/sendgrid';
import type { ProfileManager } from '../core/profiles';
import type { SecretStore } from '../core/secrets';
import { createPassphraseStore, createSessionLock, type SessionLock } from '../core/session';
import { isGateClosed } from '../core/local-data/write-gate';
import type { LocalData } from './local-data';
import { odooProbe, reportingTo } from './odoo-reporting';

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
