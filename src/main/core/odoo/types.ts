/** Public types of the Odoo client. Other features code against these names. */

export type OdooProtocol = 'jsonrpc' | 'json2';

export interface OdooConnectionSettings {
  url: string;
  database: string;
  login: string;
  apiKey: string;
  /** 'auto' (default) asks the server which protocol it speaks. */
  protocol?: 'auto' | OdooProtocol;
  /** Per HTTP request; default 20000. */
  timeoutMs?: number;
  /** Extra attempts for reads after a transient failure; default 2. */
  readRetries?: number;
}

export interface OdooVersionInfo {
  serverVersion: string;
  major: number;
  protocol: OdooProtocol;
}

export type OdooRecord = Record<string, unknown>;

/** Odoo prefix domain, e.g. ['&', ['list_ids','in',[5]], ['opt_out','=',false]]. */
export type Domain = unknown[];

export interface SearchOptions {
  order?: string;
  limit?: number;
  offset?: number;
  context?: Record<string, unknown>;
}

export interface ReadGroupOptions {
  /** Odoo's own default is true; ours is false so every groupby field is grouped. */
  lazy?: boolean;
  orderby?: string;
  limit?: number;
  offset?: number;
  context?: Record<string, unknown>;
}

/** One group. The count is always `__count`, whatever `lazy` was. */
export interface ReadGroupRow {
  [key: string]: unknown;
  __count: number;
  __domain?: Domain;
}

export interface OdooFieldInfo {
  type: string;
  string?: string;
  required?: boolean;
  readonly?: boolean;
  relation?: string;
  selection?: [string, string][] | false;
  [attribute: string]: unknown;
}

export type Context = Record<string, unknown>;

export interface OdooClient {
  readonly settings: Readonly<Omit<OdooConnectionSettings, 'apiKey'>>;
  /** Detects the protocol (when auto) and authenticates; cached after the first success. */
  connect(): Promise<{ uid: number; version: OdooVersionInfo }>;
  version(): Promise<OdooVersionInfo>;
  searchRead(model: string, domain: Domain, fields: string[], opts?: SearchOptions): Promise<OdooRecord[]>;
  read(model: string, ids: number[], fields: string[], opts?: { context?: Context }): Promise<OdooRecord[]>;
  search(model: string, domain: Domain, opts?: SearchOptions): Promise<number[]>;
  searchCount(model: string, domain: Domain, opts?: { context?: Context }): Promise<number>;
  readGroup(model: string, domain: Domain, fields: string[], groupby: string[], opts?: ReadGroupOptions): Promise<ReadGroupRow[]>;
  create(model: string, values: OdooRecord, opts?: { context?: Context }): Promise<number>;
  createMany(model: string, values: OdooRecord[], opts?: { context?: Context }): Promise<number[]>;
  write(model: string, ids: number[], values: OdooRecord, opts?: { context?: Context }): Promise<true>;
  unlink(model: string, ids: number[]): Promise<true>;
  fieldsGet(model: string, opts?: { attributes?: string[]; allfields?: string[] }): Promise<Record<string, OdooFieldInfo>>;
  copy(model: string, id: number, defaults?: OdooRecord): Promise<number>;
  /**
   * Any public method (action_*, set_bounced...). Resolves to null when Odoo sends no result.
   * Never retried when mutating (the default).
   */
  call(model: string, method: string, ids: number[], kwargs?: Record<string, unknown>, opts?: CallOptions): Promise<unknown>;
  close(): Promise<void>;
}

export interface OdooClientDeps {
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /**
   * The signal that ends one request after `ms` (default AbortSignal.timeout). Injected so a test
   * decides when a stalled request has waited long enough, instead of racing a wall clock.
   */
  timeout?: (ms: number) => AbortSignal;
  log?: (line: string) => void;
}

export interface CallOptions {
  /** Default true: never retried. */
  mutating?: boolean;
  /**
   * A record method called on no records (has_access as a model-level check): the empty ids are
   * sent, since JSON-RPC's execute_kw takes a record method's first argument as its ids.
   */
  onRecords?: boolean;
}
