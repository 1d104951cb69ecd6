import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { faultToAppError, malformedResponse, type CallSite } from './errors';
import { notJson, sendRequest, type HttpTarget } from './http';
import type { Credentials, OdooCall, Transport } from './transport';

/** The JSON-RPC 2.0 envelope Odoo answers /jsonrpc with (always HTTP 200, errors in the body). */
const Envelope = z.object({
  jsonrpc: z.literal('2.0'),
  result: z.unknown().optional(),
  error: z
    .object({
      code: z.number().optional(),
      message: z.string().optional(),
      data: z.object({ name: z.string().optional(), message: z.string().optional() }).loose().optional(),
    })
    .optional(),
}).loose();

export const VersionResult = z.object({
  server_version: z.string(),
  server_version_info: z.array(z.union([z.number(), z.string()])).min(1),
}).loose();

export interface JsonRpcTransport extends Transport {
  readonly protocol: 'jsonrpc';
  version(): Promise<z.infer<typeof VersionResult>>;
}

export function createJsonRpcTransport(target: HttpTarget, credentials: Credentials, site: CallSite): JsonRpcTransport {
  let nextId = 1;

  async function rpc(service: string, method: string, args: unknown[], callSite: CallSite): Promise<unknown> {
    const body = { jsonrpc: '2.0', method: 'call', params: { service, method, args }, id: nextId++ };
    const answer = await sendRequest(target, '/jsonrpc', { method: 'POST', body }, callSite);
    if (answer.json === undefined) notJson(answer, callSite, target.secrets);
    const envelope = Envelope.safeParse(answer.json);
    if (!envelope.success) {
      throw malformedResponse(callSite, 'not a JSON-RPC answer', answer.text, target.secrets, answer.status);
    }
    const { error } = envelope.data;
    if (error) {
      // Odoo puts the exception class in error.data.name (odoo18-wire/080..098); code 100 is a session expiry.
      const name = error.data?.name ?? (error.code === 100 ? 'odoo.http.SessionExpiredException' : 'unknown');
      const message = error.data?.message ?? error.message ?? '';
      throw faultToAppError({ name, message }, callSite, target.secrets);
    }
    // A method returning None yields no "result" key at all (odoo18-wire/110-action_launch-mailing_mailing.json).
    return 'result' in envelope.data ? (envelope.data.result ?? null) : null;
  }

  return {
    protocol: 'jsonrpc',

    async version() {
      const callSite = { ...site, method: 'common.version', mutating: false };
      const parsed = VersionResult.safeParse(await rpc('common', 'version', [], callSite));
      if (!parsed.success) throw malformedResponse(callSite, 'no server version', '', target.secrets);
      return parsed.data;
    },

    async authenticate() {
      const callSite = { ...site, method: 'common.authenticate', mutating: false };
      const uid = await rpc('common', 'authenticate', [credentials.database, credentials.login, credentials.apiKey, {}], callSite);
      // A wrong key or login is `false`, not an error (odoo18-wire/004 and 005).
      if (uid === false) {
        throw new AppError(
          'odoo.bad_credentials',
          `Odoo did not accept the login "${credentials.login}" with this API key on database "${credentials.database}". Check the login, or create a new API key in Odoo (Preferences → Account Security).`,
          { url: site.url, database: credentials.database, protocol: 'jsonrpc' },
        );
      }
      if (typeof uid !== 'number' || !Number.isInteger(uid)) {
        throw malformedResponse(callSite, 'authenticate did not return a user id', JSON.stringify(uid) ?? '', target.secrets);
      }
      return uid;
    },

    async execute(call: OdooCall, uid: number) {
      const args = [...(call.ids ? [call.ids] : []), ...(call.positional ?? []).map(([, value]) => value)];
      const kwargs = { ...call.kwargs, ...(call.context ? { context: call.context } : {}) };
      const callSite = { ...site, model: call.model, method: call.method, mutating: call.mutating };
      return rpc('object', 'execute_kw', [credentials.database, uid, credentials.apiKey, call.model, call.method, args, kwargs], callSite);
    },
  };
}
