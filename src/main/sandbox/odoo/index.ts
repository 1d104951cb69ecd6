import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { loopbackHostAllowed } from '../loopback-host';
import type { AddressInfo } from 'node:net';
import { Env, type Database } from './orm/env';
import type { Rec } from './orm/types';
import { isDue, MAX_BATCH_PER_CRON_JOB, nextcallAfterRun } from './cron-schedule';
import { createDatabase, ADMIN_UID, EMPLOYEE_UID, PORTAL_UID, AB_TESTING_CRON_ID, MAIL_QUEUE_CRON_ID, MASS_MAILING_CRON_ID } from './registry';
import { formatDatetime } from './orm/values';
import { Auth } from './server/auth';
import { handle } from './server/http';
import { FaultInjector } from './faults';
import { processAbTesting, processMailQueue, processMassMailingQueue, type QueueDeps } from './queue';
import { markBounced, markClicked, markOpened, markReplied } from './tracking';
import { loadFile, restore, saveFile, snapshot } from './persistence';
import { seedDemo } from './demo-seed';
import { GROUP_XMLIDS } from './models/security';
import type { DeliveryStep, OdooVersion, OutgoingMail, PeerCall, PeerFaults } from './types';

export type { DeliveryOutcome, DeliveryStep, OutgoingMail, PeerCall, PeerFaults } from './types';

export const DEMO_DATABASE = 'markket';
export const DEMO_LOGIN = 'admin';
/** The documented demo key: works as the RPC password and as a JSON-2 bearer token. */
export const DEMO_API_KEY = 'markket-demo-odoo-key';
export const DEMO_PASSWORD = 'admin';
export const PORTAL_LOGIN = 'portal';
export const PORTAL_PASSWORD = 'portal';
/** The portal user's own API key (odoo19-json2-wire/024: Odoo takes a portal user's key; every model call then checks rights). */
export const PORTAL_API_KEY = 'markket-demo-portal-key';
export const EMPLOYEE_LOGIN = 'demo';
export const EMPLOYEE_PASSWORD = 'demo';
/** Odoo's demo employee's own API key: an internal user without Email Marketing rights (odoo19-json2-wire/118). */
export const EMPLOYEE_API_KEY = 'markket-demo-employee-key';
export const DEMO_STORE = { id: 'demo-store-a', name: 'Store A' } as const;
/** The demo's second store on the same Odoo, which Store A's owner must never see. */
export const DEMO_STORE_B = { id: 'demo-store-b', name: 'Store B' } as const;
/**
 * A store-owner user per demo store (documented demo keys, like DEMO_API_KEY). They start as plain
 * internal users; the setup's "Isolate stores" and "Add a store owner" give them their group and store.
 */
export const DEMO_STORE_OWNERS = [
  { uid: 8, login: 'owner-a', name: 'Store A Owner', email: 'owner-a@store-a.example.com', password: 'owner-a', apiKey: 'markket-demo-store-a-key', store: DEMO_STORE },
  { uid: 9, login: 'owner-b', name: 'Store B Owner', email: 'owner-b@store-b.example.com', password: 'owner-b', apiKey: 'markket-demo-store-b-key', store: DEMO_STORE_B },
] as const;

export interface OdooPeerOptions {
  host?: string;
  port?: number;
  seed?: 'demo' | 'empty';
  dataFile?: string;
  version?: OdooVersion;
  now?: () => Date;
  randomSeed?: number;
  contactCount?: number;
  deliver?: DeliveryStep;
  autoProcessQueue?: boolean;
  /**
   * Answer only requests addressed to this computer by name (127.0.0.1, localhost or [::1] with our
   * port). Not Odoo behaviour: the console turns it on for the demo it runs inside itself, so a
   * DNS-rebinding page cannot drive it with the published demo key.
   */
  loopbackHostsOnly?: boolean;
}

/**
 * Direct access to the peer's records for tests and seeding. `env` is an admin Env
 * (Odoo's `self.env`): use the ORM helpers of ./orm/crud (create, write, search...) with it, or
 * `db.store(model).records` to read raw stored values.
 */
export interface PeerEnv {
  readonly db: Database;
  /** An Env for `uid` (default admin) with an optional context. */
  as(uid?: number, context?: Record<string, unknown>): Env;
}

export interface OdooPeer {
  readonly url: string;
  readonly port: number;
  readonly version: string;
  readonly calls: PeerCall[];
  readonly faults: PeerFaults;
  readonly tracking: {
    open(traceId: number, at?: Date): void;
    click(traceId: number, url: string, at?: Date): void;
    reply(traceId: number, at?: Date): void;
    bounce(traceId: number, reason: string, at?: Date): void;
  };
  setDeliver(step: DeliveryStep): void;
  processQueue(): Promise<void>;
  whenIdle(): Promise<void>;
  env: PeerEnv;
  save(): Promise<void>;
  close(): Promise<void>;
}

/** A deterministic PRNG (mulberry32), so demo data and message ids repeat with the same seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const acceptAll: DeliveryStep = async (mails) => mails.map(() => ({ status: 'sent' }));

/** The peer's own outgoing server (id 1, "Local SMTP sink") is its DeliveryStep; others are probed over TCP. */
function probeMailServer(server: Rec): Promise<string | null> {
  if (server.id === 1) return Promise.resolve(null);
  return new Promise((resolve) => {
    const socket = connect({ host: String(server.smtp_host ?? '127.0.0.1'), port: Number(server.smtp_port ?? 25) });
    socket.setTimeout(3000);
    const done = (problem: string | null): void => {
      socket.destroy();
      resolve(problem);
    };
    socket.once('connect', () => done(null));
    socket.once('timeout', () => done('timed out'));
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code === 'ECONNREFUSED' ? '[Errno 111] Connection refused' : error.message));
  });
}

export async function startOdooPeer(options: OdooPeerOptions = {}): Promise<OdooPeer> {
  const version = options.version ?? '18.0';
  const now = options.now ?? (() => new Date());
  const random = seededRandom(options.randomSeed ?? 42);
  const autoProcess = options.autoProcessQueue ?? true;
  let deliver = options.deliver ?? acceptAll;
  let url = '';
  let saveTimer: NodeJS.Timeout | undefined;
  let closed = false;
  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(p: Promise<T>): Promise<T> => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p)).catch(() => undefined);
    return p;
  };

  const services = {
    now,
    random,
    version,
    baseUrl: () => url,
    probeMailServer,
    deliverNow: (mails: OutgoingMail[]) => deliver(mails),
    triggerQueue: () => {
      if (!autoProcess || closed) return;
      setImmediate(() => {
        const cron = db.store('ir.cron').records.get(MASS_MAILING_CRON_ID);
        // Odoo's ir.cron.trigger only fires an active cron (odoo18-wire/162-166).
        if (cron?.active !== false) void track(runMassMailingCron());
      });
    },
    changed: () => scheduleSave(),
    runCron: async (cron: 'mass_mailing' | 'mail_queue' | 'ab_testing') => {
      await track(cron === 'mass_mailing' ? runMassMailingCron() : cron === 'ab_testing' ? runAbTestingCron() : runMailQueueCron('manual'));
    },
  };
  const { db, names } = createDatabase(DEMO_DATABASE, services);
  const queueDeps: QueueDeps = { env: () => new Env(db, 1), names, deliver: () => deliver, hostname: 'markket-odoo-peer' };
  let queueChain: Promise<void> = Promise.resolve();
  // The trigger fires the mass-mailing cron only; mails over mail.mail.force.send.limit wait for the
  // mail queue cron, which the scheduler tick runs (odoo18-wire/183-188).
  const stampCron = (id: number): void => {
    const cron = db.store('ir.cron').records.get(id);
    if (cron) db.store('ir.cron').update(cron, { lastcall: formatDatetime(now()) });
  };
  const runMassMailingCron = (): Promise<void> => {
    queueChain = queueChain.then(async () => {
      await processMassMailingQueue(queueDeps);
      stampCron(MASS_MAILING_CRON_ID);
    });
    return queueChain;
  };
  /**
   * The mail queue cron. "scheduled" is the cron worker's run (up to ten batches, then rescheduled);
   * "manual" is method_direct_trigger, one batch. "tick" is the worker noticing the job only once its
   * nextcall has come, as the demo's background scheduler does.
   */
  const runMailQueueCron = (mode: 'scheduled' | 'manual' | 'tick' = 'scheduled'): Promise<void> => {
    queueChain = queueChain.then(async () => {
      const store = db.store('ir.cron');
      const cron = store.records.get(MAIL_QUEUE_CRON_ID);
      if (mode === 'tick' && !isDue(cron, now())) return;
      let remaining = await processMailQueue(queueDeps);
      for (let run = 1; mode !== 'manual' && remaining > 0 && run < MAX_BATCH_PER_CRON_JOB; run++) remaining = await processMailQueue(queueDeps);
      stampCron(MAIL_QUEUE_CRON_ID);
      if (cron && mode !== 'manual') store.update(cron, { nextcall: nextcallAfterRun(cron, now(), remaining) });
    });
    return queueChain;
  };
  const runAbTestingCron = (): Promise<void> => {
    queueChain = queueChain.then(() => {
      if (db.store('ir.cron').records.get(AB_TESTING_CRON_ID)?.active === false) return;
      try {
        processAbTesting(queueDeps);
      } finally {
        // Like a failed cron job in Odoo, a failure leaves the next run to try again; the chain goes on.
        stampCron(AB_TESTING_CRON_ID);
      }
    });
    queueChain = queueChain.catch(() => undefined);
    return queueChain;
  };
  // A scheduler tick: A/B winners due are queued first, so the same tick sends them.
  const runQueue = (): Promise<void> => runAbTestingCron().then(runMassMailingCron).then(() => runMailQueueCron('scheduled'));
  const tick = (): Promise<void> => runAbTestingCron().then(runMassMailingCron).then(() => runMailQueueCron('tick'));

  const auth = new Auth([
    { uid: ADMIN_UID, login: DEMO_LOGIN, password: DEMO_PASSWORD, apiKeys: [DEMO_API_KEY], internal: true },
    { uid: EMPLOYEE_UID, login: EMPLOYEE_LOGIN, password: EMPLOYEE_PASSWORD, apiKeys: [EMPLOYEE_API_KEY], internal: true },
    { uid: PORTAL_UID, login: PORTAL_LOGIN, password: PORTAL_PASSWORD, apiKeys: [PORTAL_API_KEY], internal: false },
    ...(options.seed === 'demo' ? DEMO_STORE_OWNERS.map((o) => ({ uid: o.uid, login: o.login, password: o.password, apiKeys: [o.apiKey], internal: true })) : []),
  ]);

  const loaded = options.dataFile ? await loadFile(options.dataFile) : undefined;
  if (loaded !== undefined) restore(db, loaded);
  else if (options.seed === 'demo') {
    seedDemo(new Env(db, ADMIN_UID), names, { contactCount: options.contactCount ?? 1250, random: seededRandom(options.randomSeed ?? 42), store: DEMO_STORE, secondStore: DEMO_STORE_B });
    for (const owner of DEMO_STORE_OWNERS) {
      db.store('res.users').insert({ id: owner.uid, name: owner.name, login: owner.login, email: owner.email, active: true, share: false, lang: 'en_US', tz: 'Europe/Brussels', [names.userGroups]: [GROUP_XMLIDS['base.group_user']], create_date: formatDatetime(now()), write_date: formatDatetime(now()), create_uid: ADMIN_UID, write_uid: ADMIN_UID });
    }
  }

  const save = async (): Promise<void> => {
    if (options.dataFile) await saveFile(options.dataFile, snapshot(db));
  };
  function scheduleSave(): void {
    if (!options.dataFile || closed) return;
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(() => void track(save()), 200);
  }

  const faults = new FaultInjector();
  const calls: PeerCall[] = [];
  let address: AddressInfo = { address: '', family: '', port: 0 };
  const server: Server = createServer((req, res) => {
    if (options.loopbackHostsOnly && !loopbackHostAllowed(req.headers.host, address.port)) {
      res.writeHead(403, { 'Content-Type': 'text/plain' }).end('This server answers only requests addressed to this computer.');
      return;
    }
    void track(
      handle({ db, auth, calls, baseUrl: () => url, beforeRpc: (r) => faults.before(r), afterRpc: (r, c) => faults.after(r, c), stall: () => faults.stall() }, req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(error instanceof Error ? error.message : 'Internal error');
      }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  address = server.address() as AddressInfo;
  url = `http://${options.host ?? '127.0.0.1'}:${address.port}`;

  // Scheduled mailings become due with the clock: look for them regularly, like the daily cron.
  const scheduler = autoProcess ? setInterval(() => void track(tick()), 10_000) : undefined;
  scheduler?.unref();
  if (autoProcess) services.triggerQueue();

  const env = (uid = ADMIN_UID, context: Record<string, unknown> = {}): Env => new Env(db, uid, context);
  const at = (d?: Date): Date => d ?? now();
  return {
    url,
    port: address.port,
    version,
    calls,
    faults,
    tracking: {
      open: (traceId, when) => markOpened(env(), traceId, at(when)),
      click: (traceId, target, when) => markClicked(env(), traceId, target, at(when)),
      reply: (traceId, when) => markReplied(env(), traceId, at(when)),
      bounce: (traceId, reason) => markBounced(env(), traceId, reason),
    },
    setDeliver: (step) => {
      deliver = step;
    },
    processQueue: () => track(runQueue()),
    whenIdle: async () => {
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
    env: { db, as: env },
    save,
    close: async () => {
      closed = true;
      if (scheduler) clearInterval(scheduler);
      if (saveTimer) clearTimeout(saveTimer);
      faults.releaseAll();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.allSettled([...inFlight]);
      await save();
    },
  };
}
