import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { faultToAppError, lostAnswer, malformedResponse, type CallSite, type OdooFault } from './errors';
import { notJson, sendRequest, type HttpAnswer, type HttpTarget } from './http';
import type { Credentials, OdooCall, Transport } from './transport';

/**
 * Odoo 19+ External JSON-2 API (odoo addons/rpc/controllers/json2.py, odoo/http.py Json2Dispatcher):
 * POST /json/2/<model>/<method>, `Authorization: bearer <key>`, `X-Odoo-Database`, a JSON object of
 * named arguments plus `ids` and `context`; the answer is the bare result, errors carry a real HTTP
 * status and serialize_exception()'s {name, message, arguments, context, debug}. Early 19 builds
 * answered errors with a bare JSON string instead, so both are accepted.
 */
const ErrorBody = z.object({ name: z.string(), message: z.string().optional() }).loose();

/** Exception names implied by the status when the body is a bare string (Json2Dispatcher.handle_error). */
const NAME_BY_STATUS: Record<number, string> = {
  400: 'werkzeug.exceptions.BadRequest',
  401: 'werkzeug.exceptions.Unauthorized',
  403: 'odoo.exceptions.AccessError',
  404: 'werkzeug.exceptions.NotFound',
  422: 'werkzeug.exceptions.UnprocessableEntity',
};

export function faultFromJson2(answer: HttpAnswer): OdooFault | undefined {
  const parsed = ErrorBody.safeParse(answer.json);
  if (parsed.success) return { name: parsed.data.name, message: parsed.data.message ?? '', httpStatus: answer.status };
  if (typeof answer.json === 'string') {
    return { name: NAME_BY_STATUS[answer.status] ?? 'internal', message: answer.json, httpStatus: answer.status };
  }
  return undefined;
}

const ContextResult = z.object({ uid: z.number().int() }).loose();

export function createJson2Transport(target: HttpTarget, credentials: Credentials, site: CallSite): Transport {
  async function post(call: OdooCall): Promise<unknown> {
    const body: Record<string, unknown> = {
      ...(call.ids ? { ids: call.ids } : {}),
      ...Object.fromEntries(call.positional ?? []),
      ...call.kwargs,
      ...(call.context ? { context: call.context } : {}),
    };
    const callSite = { ...site, model: call.model, method: call.method, mutating: call.mutating };
    const path = `/json/2/${encodeURIComponent(call.model)}/${encodeURIComponent(call.method)}`;
    const answer = await sendRequest(target, path, {
      method: 'POST',
      headers: { Authorization: `bearer ${credentials.apiKey}`, 'X-Odoo-Database': credentials.database },
      body,
    }, callSite);
    if (answer.status >= 200 && answer.status < 300) {
      if (answer.text.length === 0) return null;
      if (answer.json === undefined) notJson(answer, callSite, target.secrets);
      return answer.json;
    }
    // An unknown X-Odoo-Database: Odoo 19 answers werkzeug's 404 page in HTML, not JSON
    // (odoo19-json2-wire/015 and 016): the database is wrong, not the server.
    if (answer.status === 404 && answer.json === undefined && /No database is selected/i.test(answer.text)) {
      throw new AppError('odoo.wrong_database', `Odoo at ${site.url} has no database named "${credentials.database}". Check the database name in the connection settings.`, { url: site.url, database: credentials.database, protocol: 'json2', httpStatus: 404 });
    }
    const fault = faultFromJson2(answer);
    if (!fault) {
      if (answer.json === undefined) notJson(answer, callSite, target.secrets);
      if (answer.status >= 500) throw lostAnswer(callSite, `HTTP ${answer.status}`, answer.text, target.secrets, answer.status);
      throw malformedResponse(callSite, `HTTP ${answer.status} without an Odoo error`, answer.text, target.secrets, answer.status);
    }
    throw faultToAppError(fault, callSite, target.secrets);
  }

  return {
    protocol: 'json2',

    async authenticate() {
      // JSON-2 has no login call: the bearer key is checked on every request. res.users.context_get
      // is public, read-only and returns the caller's context, which includes its uid.
      let context: unknown;
      try {
        context = await post({ model: 'res.users', method: 'context_get', mutating: false });
      } catch (error) {
        // A server without context_get (our own demo peer, for one) still lets us find the login.
        if (!(error instanceof AppError) || error.code !== 'odoo.unknown_method') throw error;
      }
      const parsed = ContextResult.safeParse(context);
      if (parsed.success) return parsed.data.uid;
      const found = await post({ model: 'res.users', method: 'search', positional: [['domain', [['login', '=', credentials.login]]]], kwargs: { limit: 1 }, mutating: false });
      const [uid] = Array.isArray(found) ? found : [];
      if (typeof uid !== 'number') {
        throw malformedResponse({ ...site, model: 'res.users', method: 'search' }, 'the user of this API key was not found', JSON.stringify(found) ?? '', target.secrets);
      }
      return uid;
    },

    execute: (call) => post(call),
  };
}
