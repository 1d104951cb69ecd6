import { AppError, toErrorPayload } from '../../../shared/errors';
import {
  type ExecutionLogEntry,
  type ExtensionKey,
  ExtensionRecord,
  type Trigger,
  extensionConfigSchemas,
  isOneTimeCampaign,
} from '../../../shared/schemas/extension';
import { invalidInput } from '../../../shared/rpc';
import { createKeyedQueue } from '../local-data/atomic';
import type { OdooClient } from '../odoo';
import type { ExtensionHandler, ExtensionStore, HandlerResult, ResolvedCredentials } from './types';

/** Long enough to see a pattern of failures, short enough that meta stays small. */
export const EXECUTION_LOG_LIMIT = 50;

export interface StoreOdoo {
  /** The store's own Odoo, its key read from the keychain by the caller (never from the record). */
  client: OdooClient;
  credentials: ResolvedCredentials;
  /** Set for a client made for this one run (the store's own Odoo): closed when the run ends. */
  close?: () => Promise<void>;
}

export interface RunnerDeps {
  store: ExtensionStore;
  handlers: Partial<Record<ExtensionKey, ExtensionHandler<never, never>>>;
  /** The active profile's Odoo (credentials.use_default). */
  defaultOdoo: () => StoreOdoo;
  /** An Odoo client for a record with its own credentials; throws when its key is not in the keychain. */
  storeOdoo: (record: ExtensionRecord) => Promise<StoreOdoo>;
  now: () => Date;
}

export interface RunOutcome extends HandlerResult {
  extensionId: string;
  key: ExtensionKey;
  error?: { code: string; message: string };
}

export function parseConfig(key: ExtensionKey, config: unknown): Record<string, unknown> {
  const parsed = extensionConfigSchemas[key].safeParse(config);
  if (!parsed.success) throw invalidInput(parsed.error, `configuration of ${key}`);
  return parsed.data as Record<string, unknown>;
}

/**
 * The spec's one-time campaign record is `"active": false // Not active yet` until someone presses
 * its Send button: that manual run sends it. It listens to no trigger, so nothing else runs it.
 */
function runsWhileInactive(record: ExtensionRecord, trigger: Trigger): boolean {
  return trigger === 'trigger:manual' && record.key === 'markket:odoo:campaign' && isOneTimeCampaign(record.config);
}

export function createExtensionRunner(deps: RunnerDeps) {
  async function resolve(record: ExtensionRecord): Promise<StoreOdoo> {
    // Only a record naming its own Odoo (url) leaves the profile's; a stats record's SendGrid key does not.
    return 'url' in record.credentials ? deps.storeOdoo(record) : deps.defaultOdoo();
  }

  async function persist(record: ExtensionRecord, entry: ExecutionLogEntry, meta: Record<string, unknown>, error?: { code: string; message: string }, config?: Record<string, unknown>) {
    const log = [...record.meta.execution_log, entry].slice(-EXECUTION_LOG_LIMIT);
    const next = ExtensionRecord.parse({
      ...record,
      ...(config ? { config: parseConfig(record.key, { ...record.config, ...config }) } : {}),
      meta: {
        ...record.meta,
        ...meta,
        execution_log: log,
        last_run: entry.timestamp,
        ...(error ? { last_error: { ...error, at: entry.timestamp } } : {}),
      },
    });
    await deps.store.save(next);
    return next;
  }

  /** Runs one extension on one entity and records what happened in its meta. */
  // Runs of one extension take turns and start from its stored record: two webhook batches landing
  // together would otherwise each save meta (execution log, engagement counters) over the other's.
  const serialize = createKeyedQueue();
  function run(record: ExtensionRecord, trigger: Trigger, entity: unknown, signal: AbortSignal = new AbortController().signal): Promise<RunOutcome> {
    return serialize(record.id, async () => runNow((await deps.store.get(record.id)) ?? record, trigger, entity, signal));
  }

  async function runNow(record: ExtensionRecord, trigger: Trigger, entity: unknown, signal: AbortSignal): Promise<RunOutcome> {
    const started = deps.now();
    const timestamp = started.toISOString();
    if (!record.active && !runsWhileInactive(record, trigger)) {
      return { extensionId: record.id, key: record.key, success: false, meta: {}, summary: 'Turned off, so it did not run' };
    }
    const handler = deps.handlers[record.key];
    let odoo: StoreOdoo | undefined;
    try {
      if (!handler) throw new AppError('not_found', `No handler is installed for the extension ${record.key}.`, { key: record.key });
      const config = parseConfig(record.key, record.config);
      odoo = await resolve(record);
      const result = await (handler as ExtensionHandler<Record<string, unknown>, unknown>)({
        entity,
        credentials: odoo.credentials,
        config,
        extension: record,
        context: { trigger, odoo: odoo.client, now: deps.now, signal },
      });
      const entry: ExecutionLogEntry = {
        timestamp,
        status: result.success ? 'success' : 'error',
        trigger,
        duration_ms: deps.now().getTime() - started.getTime(),
        ...(result.summary ? { summary: result.summary } : {}),
        ...(result.success ? result.log : {}),
      };
      const saved = await persist(record, entry, result.meta, undefined, result.config);
      return { extensionId: record.id, key: record.key, success: result.success, meta: saved.meta, ...(result.summary ? { summary: result.summary } : {}), ...(result.output !== undefined ? { output: result.output } : {}) };
    } catch (thrown) {
      const error = toErrorPayload(thrown);
      const brief = { code: error.code, message: error.message };
      const entry: ExecutionLogEntry = { timestamp, status: 'error', trigger, duration_ms: deps.now().getTime() - started.getTime(), error: brief };
      const saved = await persist(record, entry, {}, brief);
      return { extensionId: record.id, key: record.key, success: false, meta: saved.meta, error: brief };
    } finally {
      await odoo?.close?.().catch(() => undefined);
    }
  }

  /** Hands an event to every active extension of the store that listens to the trigger. */
  async function dispatchTrigger(storeId: string, trigger: Trigger, entity: unknown, signal?: AbortSignal): Promise<RunOutcome[]> {
    const records = (await deps.store.list(storeId)).filter((r) => r.active && r.triggers.includes(trigger));
    const outcomes: RunOutcome[] = [];
    // In order, one at a time: two extensions writing the same contact must not race.
    for (const record of records) outcomes.push(await run(record, trigger, entity, signal));
    return outcomes;
  }

  async function runById(id: string, trigger: Trigger, entity: unknown, signal?: AbortSignal): Promise<RunOutcome> {
    const record = await deps.store.get(id);
    if (!record) throw new AppError('not_found', 'That extension does not exist (it may have been deleted).', { id });
    return run(record, trigger, entity, signal);
  }

  return { run, runById, dispatchTrigger };
}

export type ExtensionRunner = ReturnType<typeof createExtensionRunner>;
