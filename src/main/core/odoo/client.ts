import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { detectJson2ServerVersion, detectServerVersion, protocolFor } from './detect';
import { malformedResponse, type CallSite } from './errors';
import { closedError, normalizeBaseUrl, type HttpTarget } from './http';
import { createJson2Transport } from './json2';
import { createJsonRpcTransport } from './jsonrpc';
import { formattedReadGroupCall, normalizeGroupRows, readGroupCall, type GroupRequest } from './read-group';
import { realSleep, retryRead, type RetryPolicy } from './retry';
import type { OdooCall, Transport } from './transport';
import type {
  Context, Domain, OdooClient, OdooClientDeps, OdooConnectionSettings, OdooFieldInfo, OdooRecord,
  OdooVersionInfo, ReadGroupOptions, ReadGroupRow, SearchOptions,
} from './types';

const Records = z.array(z.record(z.string(), z.unknown()));
const Ids = z.array(z.number().int());
const Count = z.number().int();
const FieldInfo = z.object({ type: z.string() }).loose();
const FieldsMap = z.record(z.string(), FieldInfo);

interface Session {
  uid: number;
  version: OdooVersionInfo;
  transport: Transport;
}

function baseUrlOrThrow(raw: string): string {
  try {
    return normalizeBaseUrl(raw);
  } catch {
    throw new AppError('odoo.not_configured', 'The Odoo address is not a valid web address. Enter it like https://mycompany.odoo.com.', { field: 'url' });
  }
}

export function createOdooClient(settings: OdooConnectionSettings, deps: OdooClientDeps = {}): OdooClient {
  const baseUrl = baseUrlOrThrow(settings.url);
  const closer = new AbortController();
  const timeoutMs = settings.timeoutMs ?? 20_000;
  const target: HttpTarget = {
    baseUrl,
    timeoutMs,
    fetch: deps.fetch ?? globalThis.fetch,
    closed: closer.signal,
    secrets: [settings.apiKey],
    log: deps.log,
    now: deps.now ?? Date.now,
    timeout: deps.timeout ?? ((ms) => AbortSignal.timeout(ms)),
  };
  const policy: RetryPolicy = { retries: settings.readRetries ?? 2, sleep: deps.sleep ?? realSleep, log: deps.log };
  const credentials = { database: settings.database, login: settings.login, apiKey: settings.apiKey };
  const site: CallSite = { url: baseUrl, database: settings.database, login: settings.login };
  const jsonrpc = createJsonRpcTransport(target, credentials, { ...site, protocol: 'jsonrpc' });
  const json2 = createJson2Transport(target, credentials, { ...site, protocol: 'json2' });
  let session: Promise<Session> | undefined;

  async function establish(): Promise<Session> {
    const forced = settings.protocol && settings.protocol !== 'auto' ? settings.protocol : undefined;
    const server = await retryRead('version', policy, () => (forced === 'json2' ? detectJson2ServerVersion(target, site) : detectServerVersion(target, jsonrpc, site)));
    const chosen = forced ?? protocolFor(server.major);
    const transport = chosen === 'json2' ? json2 : jsonrpc;
    try {
      const uid = await retryRead('authenticate', policy, () => transport.authenticate());
      return { uid, transport, version: { serverVersion: server.serverVersion, major: server.major, protocol: chosen } };
    } catch (error) {
      // A proxy may hide /json/2 on a new server; when we guessed, JSON-RPC still works there.
      const notServed = error instanceof AppError && error.code === 'odoo.malformed_response';
      if (chosen !== 'json2' || !notServed) throw error;
      if (forced) {
        throw new AppError('odoo.malformed_response', `This Odoo server (${server.serverVersion}) does not offer the JSON-2 API, which needs Odoo 19 or later. Choose JSON-RPC or automatic detection in the connection settings.`, error.details);
      }
      const uid = await retryRead('authenticate', policy, () => jsonrpc.authenticate());
      return { uid, transport: jsonrpc, version: { serverVersion: server.serverVersion, major: server.major, protocol: 'jsonrpc' } };
    }
  }

  function connect(): Promise<Session> {
    if (closer.signal.aborted) return Promise.reject(closedError(site));
    session ??= establish().catch((error: unknown) => {
      session = undefined; // the next call tries again (the user may have fixed the settings)
      throw error;
    });
    return session;
  }

  async function execute(call: OdooCall): Promise<unknown> {
    const current = await connect();
    const once = () => current.transport.execute(call, current.uid);
    return call.mutating ? once() : retryRead(`${call.model}.${call.method}`, policy, once);
  }

  /**
   * Reads asked again while the same read is still on its way share its answer: two screens' queries
   * that start together (a campaign's details and its report both read the mailing) cost one round
   * trip. Each sharer gets its own copy. A change through this client ends the sharing, so a read
   * asked after a write never takes an answer that left Odoo before it.
   */
  const inFlight = new Map<string, { answer: Promise<unknown>; sharers: number }>();

  async function run(call: OdooCall): Promise<unknown> {
    if (call.mutating) {
      inFlight.clear();
      try {
        return await execute(call);
      } finally {
        inFlight.clear();
      }
    }
    const key = JSON.stringify([call.model, call.method, call.ids, call.positional, call.kwargs, call.context]);
    const shared = inFlight.get(key);
    if (shared) {
      shared.sharers += 1;
      return structuredClone(await shared.answer);
    }
    const flight = { answer: execute(call), sharers: 0 };
    inFlight.set(key, flight);
    try {
      const answer = await flight.answer;
      return flight.sharers > 0 ? structuredClone(answer) : answer;
    } finally {
      if (inFlight.get(key) === flight) inFlight.delete(key);
    }
  }

  function parse<T>(schema: z.ZodType<T>, value: unknown, call: Pick<OdooCall, 'model' | 'method'>, what: string): T {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    throw malformedResponse({ ...site, model: call.model, method: call.method }, `${call.method} did not return ${what}`, JSON.stringify(value) ?? '', target.secrets);
  }

  /** create answers an id for one dict and ids for a list (odoo18-wire/051 vs 052); JSON-2 always ids. */
  async function createRecords(model: string, values: OdooRecord | OdooRecord[], context?: Context): Promise<number[]> {
    const call: OdooCall = { model, method: 'create', positional: [['vals_list', values]], context, mutating: true };
    const result = await run(call);
    return typeof result === 'number' ? [result] : parse(Ids, result, call, 'record ids');
  }

  async function readGroup(model: string, domain: Domain, fields: string[], groupby: string[], opts: ReadGroupOptions = {}): Promise<ReadGroupRow[]> {
    const request: GroupRequest = { model, domain, fields, groupby, options: opts };
    const current = await connect();
    const formatted = current.version.major >= 19 ? formattedReadGroupCall(request) : undefined;
    let call = formatted ?? readGroupCall(request);
    let result: unknown;
    try {
      result = await run(call);
    } catch (error) {
      // Servers of the 19 line built before formatted_read_group still have read_group.
      if (!formatted || !(error instanceof AppError) || error.code !== 'odoo.unknown_method') throw error;
      call = readGroupCall(request);
      result = await run(call);
    }
    return normalizeGroupRows(result, request, { ...site, model, method: call.method }, target.secrets);
  }

  const searchKwargs = (opts: SearchOptions) => ({
    ...(opts.offset !== undefined ? { offset: opts.offset } : {}),
    ...(opts.limit !== undefined ? { limit: opts.limit } : {}),
    ...(opts.order !== undefined ? { order: opts.order } : {}),
  });

  const client: OdooClient = {
    settings: Object.freeze({
      url: baseUrl, database: settings.database, login: settings.login, protocol: settings.protocol ?? 'auto',
      timeoutMs, readRetries: policy.retries,
    }),

    async connect() {
      const { uid, version } = await connect();
      return { uid, version };
    },

    async version() {
      return (await connect()).version;
    },

    async searchRead(model, domain, fields, opts = {}) {
      const call: OdooCall = { model, method: 'search_read', positional: [['domain', domain]], kwargs: { fields, ...searchKwargs(opts) }, context: opts.context, mutating: false };
      return parse(Records, await run(call), call, 'a list of records');
    },

    async read(model, ids, fields, opts = {}) {
      if (ids.length === 0) return [];
      // read() silently drops deleted ids (odoo18-wire/070 and 074): the caller compares ids if it cares.
      const call: OdooCall = { model, method: 'read', ids, kwargs: { fields }, context: opts.context, mutating: false };
      return parse(Records, await run(call), call, 'a list of records');
    },

    async search(model, domain, opts = {}) {
      const call: OdooCall = { model, method: 'search', positional: [['domain', domain]], kwargs: searchKwargs(opts), context: opts.context, mutating: false };
      return parse(Ids, await run(call), call, 'record ids');
    },

    async searchCount(model, domain, opts = {}) {
      const call: OdooCall = { model, method: 'search_count', positional: [['domain', domain]], context: opts.context, mutating: false };
      return parse(Count, await run(call), call, 'a count');
    },

    readGroup,

    async create(model, values, opts = {}) {
      const [id] = await createRecords(model, values, opts.context);
      if (id === undefined) throw malformedResponse({ ...site, model, method: 'create' }, 'create returned no id', '', target.secrets);
      return id;
    },

    async createMany(model, values, opts = {}) {
      if (values.length === 0) return [];
      return createRecords(model, values, opts.context);
    },

    async write(model, ids, values, opts = {}) {
      const call: OdooCall = { model, method: 'write', ids, positional: [['vals', values]], context: opts.context, mutating: true };
      parse(z.literal(true), await run(call), call, 'true');
      return true;
    },

    async unlink(model, ids) {
      // Unlinking an already deleted id answers true (odoo18-wire/072), so this is safe to repeat by hand.
      const call: OdooCall = { model, method: 'unlink', ids, mutating: true };
      parse(z.literal(true), await run(call), call, 'true');
      return true;
    },

    async fieldsGet(model, opts = {}) {
      const call: OdooCall = {
        model, method: 'fields_get',
        kwargs: { ...(opts.allfields ? { allfields: opts.allfields } : {}), attributes: opts.attributes ?? ['string', 'type', 'required', 'readonly', 'relation', 'selection'] },
        mutating: false,
      };
      return parse(FieldsMap, await run(call), call, 'field definitions') as Record<string, OdooFieldInfo>;
    },

    async copy(model, id, defaults) {
      const call: OdooCall = { model, method: 'copy', ids: [id], kwargs: defaults ? { default: defaults } : {}, mutating: true };
      const result = await run(call);
      // 18.0 answers a list ([3], odoo18-wire/140-copy-mailing_mailing.json); older servers an int.
      if (typeof result === 'number') return result;
      const [copyId] = parse(Ids.min(1), result, call, 'the id of the copy');
      return copyId as number;
    },

    async call(model, method, ids, kwargs = {}, opts = {}) {
      // Results stay raw: a recordset may come back as text ("mailing.trace(15,)", odoo18-wire/124)
      // over JSON-RPC and as a list of ids over JSON-2.
      const { context, ...rest } = kwargs;
      const call: OdooCall = {
        // No ids means a model-level method (default_get, set_param...): Odoo then takes
        // every argument by name (odoo18-wire/180), and JSON-2 refuses ids on @api.model methods.
        model, method, ids: ids.length > 0 || opts.onRecords ? ids : undefined, kwargs: rest,
        context: context && typeof context === 'object' ? (context as Context) : undefined,
        mutating: opts.mutating ?? true,
      };
      return run(call);
    },

    async close() {
      closer.abort();
      session = undefined;
    },
  };
  return client;
}
