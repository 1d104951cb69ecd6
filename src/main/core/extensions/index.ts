import type { ExtensionKey } from '../../../shared/schemas/extension';
import type { Cipher } from '../crypto/cipher';
import type { OdooClientDeps } from '../odoo';
import type { SendgridService } from '../sendgrid';
import { keychainStoreOdoo, type SecretReader } from './credentials';
import { createFileExtensionStore } from './file-store';
import { createMemoryExtensionStore } from './memory-store';
import { createCampaignHandler } from './handlers/campaign';
import { createEventLedger } from './handlers/event-ledger';
import { newsletterHandler } from './handlers/newsletter';
import { createStatsHandler } from './handlers/stats';
import { fileLedgerPersistence } from './ledger-file';
import { fileEventSpool, memoryEventSpool } from './event-spool';
import { createExtensionRegistry, type ExtensionSecrets } from './registry';
import { createExtensionRunner, type StoreOdoo } from './runner';
import type { ExtensionHandler, ExtensionStore } from './types';

export { createExtensionRegistry, extensionKeyAccount, type ExtensionRegistry, type ExtensionSecrets } from './registry';
export { createExtensionRunner, EXECUTION_LOG_LIMIT, parseConfig, type ExtensionRunner, type RunOutcome, type StoreOdoo } from './runner';
export { createFileExtensionStore } from './file-store';
export { createMemoryExtensionStore } from './memory-store';
export { keychainStoreOdoo } from './credentials';
export { CampaignAction, createCampaignHandler, renderTemplate } from './handlers/campaign';
export { newsletterHandler, syncSubscribers, summarize, SubscriberEntity, BATCH_SIZE, type RowReport, type RowOutcome } from './handlers/newsletter';
export { createStatsHandler, type StatsSummary } from './handlers/stats';
export { createEventLedger, type EventLedger } from './handlers/event-ledger';
export { fileEventSpool, memoryEventSpool, type EventSpool, type SpooledBatch } from './event-spool';
export { createWebhookInbox, type BatchResult, type WebhookInbox } from './webhook-inbox';
export { ensureStoreExtension, defaultExtensionsFor } from './defaults';
export type { ExtensionStore, ExtensionHandler, HandlerResult, ResolvedCredentials } from './types';

export interface ExtensionsDeps {
  /** Where the records and the applied-event ledger live (the profile's data folder); in memory when absent. */
  dir?: string;
  cipher?: Cipher;
  secrets: ExtensionSecrets & SecretReader;
  defaultOdoo: () => StoreOdoo;
  sendgrid: () => SendgridService | undefined;
  now: () => Date;
  odooDeps?: OdooClientDeps;
  /** Tests swap the store (e.g. to count writes). */
  store?: ExtensionStore;
  newId?: () => string;
}

/** The registry and runner of one profile, with the three handlers installed. */
export function createExtensions(deps: ExtensionsDeps) {
  const cipher = deps.cipher ? { cipher: deps.cipher } : {};
  const store = deps.store ?? (deps.dir ? createFileExtensionStore({ dir: deps.dir, ...cipher }) : createMemoryExtensionStore());
  // Verified webhook batches wait here (sealed like the records) until they are applied to Odoo.
  const spool = deps.dir ? fileEventSpool({ dir: deps.dir, ...cipher }) : memoryEventSpool();
  const ledger = createEventLedger(deps.dir ? { persistence: fileLedgerPersistence({ dir: deps.dir, ...cipher }) } : {});
  const handlers: Record<ExtensionKey, ExtensionHandler<never, never>> = {
    'markket:odoo:newsletter': newsletterHandler as ExtensionHandler<never, never>,
    'markket:odoo:campaign': createCampaignHandler({ sendgrid: deps.sendgrid, ...(deps.newId ? { newId: deps.newId } : {}) }) as ExtensionHandler<never, never>,
    'markket:sendgrid:stats': createStatsHandler({ ledger }) as ExtensionHandler<never, never>,
  };
  const registry = createExtensionRegistry({ store, secrets: deps.secrets });
  const runner = createExtensionRunner({
    store,
    handlers,
    defaultOdoo: deps.defaultOdoo,
    storeOdoo: keychainStoreOdoo({ secrets: deps.secrets, ...(deps.odooDeps ? { odooDeps: deps.odooDeps } : {}) }),
    now: deps.now,
  });
  return { registry, runner, store, spool };
}

export type Extensions = ReturnType<typeof createExtensions>;
