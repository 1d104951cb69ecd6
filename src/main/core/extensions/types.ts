import type { OdooClient } from '../odoo';
import type { ExtensionKey, ExtensionRecord, Trigger } from '../../../shared/schemas/extension';

/** Which Odoo an extension ran against; never carries the key. */
export interface ResolvedCredentials {
  source: 'default' | 'store';
  url: string;
  database: string;
}

export interface ExtensionContext {
  trigger: Trigger;
  odoo: OdooClient;
  now: () => Date;
  signal: AbortSignal;
}

export interface HandlerResult {
  success: boolean;
  /** Merged into the record's meta (the spec shows e.g. odoo_campaign_id, sent_count). */
  meta: Record<string, unknown>;
  /** One line for the execution log. */
  summary?: string;
  /** What the caller gets back beyond meta (e.g. the per-row import report); not persisted. */
  output?: unknown;
  /** Changes to the record's own config: a one-time campaign's campaign_id and status once Odoo has it. */
  config?: Record<string, unknown>;
  /** Added to this run's execution_log entry, as the spec's handler logs `{ status: "sent", recipients }`. */
  log?: { status?: 'sent' | 'scheduled'; recipients?: number };
}

/** The spec's handler shape: ({ entity, credentials, config, extension, context }) => { success, meta }. */
export type ExtensionHandler<Config = unknown, Entity = unknown> = (args: {
  entity: Entity;
  credentials: ResolvedCredentials;
  config: Config;
  extension: ExtensionRecord;
  context: ExtensionContext;
}) => Promise<HandlerResult>;

export type ExtensionHandlers = { [K in ExtensionKey]: ExtensionHandler<never, never> };

/** Where a store's extension records live (with the store's settings). */
export interface ExtensionStore {
  list(storeId: string): Promise<ExtensionRecord[]>;
  get(id: string): Promise<ExtensionRecord | null>;
  save(record: ExtensionRecord): Promise<void>;
  delete(id: string): Promise<boolean>;
}
