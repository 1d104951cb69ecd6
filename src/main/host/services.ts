import { join } from 'node:path';
import { createMarketing, engagementFromMetas, type KnownStore, type MarketingService } from '../core/marketing';
import { createOdooClient, type OdooClient, type OdooClientDeps, type OdooConnectionSettings } from '../core/odoo';
import type { ProfileManager } from '../core/profiles';
import { unconfiguredOdooClient } from './unconfigured-odoo';
import { createExtensions, createWebhookInbox, type Extensions, type ExtensionSecrets, type RunOutcome, type WebhookInbox } from '../core/extensions';
import { createSendgrid, type SendgridService, type SendgridSettings } from '../core/sendgrid';
import { AppError } from '../../shared/errors';
import type { Connectivity } from '../core/drafts';
import type { SessionLock } from '../core/session';
import { createEmailBodies, type EmailBodies } from '../core/email';
import { createTestSendLedger, type TestSendLedger } from '../core/email/test-send-ledger';
import type { LocalData } from './local-data';
import { createLocalRuntime, type LocalServices } from './local-runtime';

/** What only the desktop app can do (native dialogs); absent in browser mode and tests. */
export interface DesktopIntegration {
  /** The OS save dialog; null when the user cancels. */
  chooseSavePath(suggestedName: string): Promise<string | null>;
  /**
   * True, once, for a path the save dialog returned in this run. Exports write only there: a path
   * typed into a request (a compromised renderer, a script with the token) is refused.
   */
  consumeChosenPath?(path: string): boolean;
  /** The operating system's check that the user at the keyboard is the account's owner, where there is one. */
  verifyUser?: { label: string; prompt(reason: string): Promise<boolean> };
}

/**
 * Everything the handlers reach, for one active profile. Built by createServices and swapped as a
 * whole by the ServiceHost when the profile changes, so no handler ever mixes two profiles.
 */
export interface Services {
  desktop?: DesktopIntegration;
  odoo: OdooClient;
  marketing: MarketingService;
  /** Campaign bodies written in the console's email editor (issue 11). */
  email: EmailBodies;
  /** App-wide (not per profile): carried over from one Services to the next. */
  profiles: ProfileManager;
  now: () => Date;
  /** The profile's SendGrid; absent when no SendGrid key is saved. */
  sendgrid?: SendgridService;
  /** The SendGrid key for Odoo's SMTP relay (setup). Main process only: no operation returns it. */
  sendgridApiKey: () => string | null;
  /** How the profile delivers mail; a HIPAA profile uses its Odoo's own server unless the owner acknowledged SendGrid. */
  delivery: 'sendgrid-relay' | 'odoo-mail-server';
  /** What each "Send a test" request already mailed, so "Try again" never mails an address twice. */
  testSends: TestSendLedger;
  /** The verification key of the signed Event Webhook; without it POST /webhooks/sendgrid answers 503. */
  webhookPublicKey?: string;
  /** The profile's store extensions: records in its data folder, run against its Odoo. */
  extensions: Extensions;
  /** SendGrid's signed batches: stored durably on receipt, applied to the stores' stats extensions after. */
  webhookInbox: WebhookInbox;
  stores: readonly KnownStore[];
  /** Whether Odoo answers: fed by every Odoo call (the client is wrapped once) and a periodic probe. */
  connectivity: Connectivity;
  /** The console lock; while locked, operations that return personal data answer `locked`. */
  session: SessionLock;
  /** The profile's drafts, outbox, audit log, offline cache and downloads; absent without a data folder. */
  local?: LocalServices;
}

export interface ServicesConfig {
  desktop?: DesktopIntegration;
  /** null: no profile yet; operations that need Odoo answer odoo.not_configured. */
  odoo: OdooConnectionSettings | null;
  profiles: ProfileManager;
  /** The stores the profile serves, with the names the owner gave them. */
  stores?: readonly KnownStore[];
  now?: () => Date;
  odooDeps?: OdooClientDeps;
  /** From the profile (its key read from the keychain); null or absent: no SendGrid. */
  sendgrid?: (Pick<SendgridSettings, 'apiKey' | 'region' | 'baseUrl'> & { webhookPublicKey?: string | undefined }) | null;
  /** The profile's delivery choice; SendGrid's relay when absent. */
  delivery?: 'sendgrid-relay' | 'odoo-mail-server';
  /** The profile's data folder (extension records, applied webhook events); in memory when absent. */
  dataDir?: string;
  /** The keychain, for extensions that use a store's own Odoo. */
  secrets?: ExtensionSecrets & { get(account: string): Promise<string | null> };
  /** The profile's local data, opened by openLocalData (async: its HIPAA key comes from the keychain). */
  local?: LocalData;
  /** How often the connectivity monitor probes Odoo; 30 s by default. */
  probeIntervalMs?: number;
}

/** A console with no keychain configured refuses to keep a store's own Odoo key rather than keep it elsewhere. */
const noKeychain: ExtensionSecrets & { get(account: string): Promise<string | null> } = {
  set: () => Promise.reject(new AppError('keychain.unavailable', 'No keychain is available, so the console cannot keep an API key for this extension.')),
  has: async () => false,
  get: async () => null,
  delete: async () => false,
};

const UNREACHABLE = new Set(['odoo.unreachable', 'odoo.timeout', 'offline']);

export function createServices(config: ServicesConfig): Services {
  const now = config.now ?? (() => new Date());
  const rawOdoo = config.odoo ? createOdooClient(config.odoo, config.odooDeps) : unconfiguredOdooClient();
  const runtime = createLocalRuntime({
    rawOdoo,
    sendgrid: () => sendgrid,
    profiles: config.profiles,
    now,
    ...(config.local ? { local: config.local } : {}),
    ...(config.secrets ? { secrets: config.secrets } : {}),
    ...(config.probeIntervalMs ? { probeIntervalMs: config.probeIntervalMs } : {}),
  });
  const odoo = runtime.odoo;
  const sg = config.sendgrid ?? null;
  const sendgrid = sg ? createSendgrid({ apiKey: sg.apiKey, ...(sg.region ? { region: sg.region } : {}), ...(sg.baseUrl ? { baseUrl: sg.baseUrl } : {}) }) : undefined;
  const extensions = createExtensions({
    ...(config.dataDir ? { dir: config.dataDir } : {}),
    // A HIPAA profile's extension records (and applied-event ledger) are sealed like its other local data.
    ...(config.local?.cipher ? { cipher: config.local.cipher } : {}),
    secrets: config.secrets ?? noKeychain,
    defaultOdoo: () => ({ client: odoo, credentials: { source: 'default', url: odoo.settings.url, database: odoo.settings.database } }),
    sendgrid: () => sendgrid,
    now,
    ...(config.odooDeps ? { odooDeps: config.odooDeps } : {}),
  });
  const stores = config.stores ?? [];
  const webhookInbox = createWebhookInbox({
    spool: extensions.spool,
    async apply(events) {
      const outcomes: RunOutcome[] = [];
      for (const store of stores) outcomes.push(...(await extensions.runner.dispatchTrigger(store.id, 'trigger:sendgrid_webhook', events)));
      // Odoo out of reach: keep the batch for the next try. Any other failure is recorded in the
      // extension's meta and the batch is done (its events stay unmarked, so an event-file import can replay them).
      return outcomes.some((outcome) => outcome.error && UNREACHABLE.has(outcome.error.code)) ? 'retry' : 'done';
    },
  });
  return {
    odoo,
    marketing: createMarketing({
      odoo, now, stores: config.stores, sendgrid: () => sendgrid,
      // Per-campaign engagement counted by the store's SendGrid stats extensions, kept in their meta.
      engagement: async (storeId) => engagementFromMetas((await extensions.registry.list(storeId)).filter((r) => r.key === 'markket:sendgrid:stats').map((r) => r.meta)),
    }),
    email: createEmailBodies({ odoo }),
    profiles: config.profiles,
    now,
    ...(sendgrid ? { sendgrid } : {}),
    sendgridApiKey: () => sg?.apiKey ?? null,
    delivery: config.delivery ?? 'sendgrid-relay',
    // In the profile's folder (sealed in HIPAA mode), so a restart before "Try again" sends no second test.
    testSends: createTestSendLedger(
      config.local ? { file: join(config.local.dir, 'test-sends', 'ledger.json'), gate: config.local.gate, now, ...(config.local.cipher ? { cipher: config.local.cipher } : {}) } : { now },
    ),
    ...(sg?.webhookPublicKey ? { webhookPublicKey: sg.webhookPublicKey } : {}),
    extensions,
    webhookInbox,
    stores,
    connectivity: runtime.connectivity,
    session: runtime.session,
    ...(runtime.local ? { local: runtime.local } : {}),
    ...(config.desktop ? { desktop: config.desktop } : {}),
  };
}
