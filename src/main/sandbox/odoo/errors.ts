/**
 * Odoo exceptions as the peer raises them. `name` is the Python class path Odoo puts in
 * `error.data.name` (odoo18-wire/080-098); `httpStatus` is what Odoo 19's JSON-2 dispatcher
 * answers for it (odoo/http.py Json2Dispatcher.handle_error: UserError subclasses carry their
 * own `http_status` — UserError/ValidationError 422, AccessDenied 401, AccessError 403,
 * MissingError 404 —, werkzeug HTTP exceptions their code, anything else 500).
 */
export class OdooError extends Error {
  constructor(
    readonly pythonName: string,
    message: string,
    readonly httpStatus: number,
    /** The last traceback line Odoo shows in `debug`; the peer has no Python traceback. */
    readonly debugLine?: string,
  ) {
    super(message);
  }

  get arguments(): unknown[] {
    return [this.message];
  }
}

class HttpOdooError extends OdooError {
  override get arguments(): unknown[] {
    return [this.message, this.httpStatus];
  }
}

export const userError = (message: string, debug?: string): OdooError =>
  new OdooError('odoo.exceptions.UserError', message, 422, debug);
export const validationError = (message: string, debug?: string): OdooError =>
  new OdooError('odoo.exceptions.ValidationError', message, 422, debug);
export const accessDenied = (): OdooError => new OdooError('odoo.exceptions.AccessDenied', 'Access Denied', 401);
export const accessError = (message: string, debug?: string): OdooError =>
  new OdooError('odoo.exceptions.AccessError', message, 403, debug);
export const missingError = (model: string, ids: number[], uid: number): OdooError => {
  const detail = `(Record: ${recordsetRepr(model, ids)}, User: ${uid})`;
  return new OdooError('odoo.exceptions.MissingError', `Record does not exist or has been deleted.\n${detail}`, 404, detail);
};
export const valueError = (message: string): OdooError => new OdooError('builtins.ValueError', message, 500);
export const nameError = (message: string): OdooError => new OdooError('builtins.NameError', message, 500);
export const attributeError = (message: string): OdooError => new OdooError('builtins.AttributeError', message, 500);
export const keyError = (key: string): OdooError => new OdooError('builtins.KeyError', key, 500, `KeyError: '${key}'`);
export const typeError = (message: string): OdooError => new OdooError('builtins.TypeError', message, 500);
export const genericException = (message: string): OdooError => new OdooError('builtins.Exception', message, 500);
export const sessionExpired = (): OdooError =>
  new OdooError('odoo.http.SessionExpiredException', 'Session expired', 403);
export const wrongDatabase = (db: string): OdooError => {
  const text = `connection to server at "127.0.0.1", port 5432 failed: FATAL:  database "${db}" does not exist`;
  return new OdooError('psycopg2.OperationalError', `${text}\n`, 500, `psycopg2.OperationalError: ${text}`);
};
/** 091: ids that are not integers reach PostgreSQL and fail there. */
export const invalidTextRepresentation = (value: unknown): OdooError =>
  new OdooError(
    'psycopg2.errors.InvalidTextRepresentation',
    `invalid input syntax for type integer: ${JSON.stringify(String(value))}\n`,
    500,
  );
export const notFound = (message: string): OdooError =>
  new HttpOdooError('werkzeug.exceptions.NotFound', message, 404);
export const unauthorized = (message: string): OdooError =>
  new HttpOdooError('werkzeug.exceptions.Unauthorized', message, 401);
export const unprocessable = (message: string): OdooError =>
  new HttpOdooError('werkzeug.exceptions.UnprocessableEntity', message, 422);
export const badRequest = (message: string): OdooError =>
  new HttpOdooError('werkzeug.exceptions.BadRequest', message, 400);

/** Odoo's repr of a recordset, which is also how JSON-RPC serializes one (odoo18-wire/124). */
export function recordsetRepr(model: string, ids: number[]): string {
  // Python's tuple repr: (15,) for one id, (15, 16) for several.
  return ids.length === 1 ? `${model}(${ids[0]},)` : `${model}(${ids.join(', ')})`;
}

/** The `data` object Odoo's serialize_exception builds. */
export function serializeError(error: OdooError): {
  name: string;
  debug: string;
  message: string;
  arguments: unknown[];
  context: Record<string, unknown>;
} {
  const shortName = error.pythonName.split('.').pop() ?? error.pythonName;
  return {
    name: error.pythonName,
    debug: `Traceback (most recent call last):\n  File "odoo-peer", line 1, in <peer>\n${
      error.debugLine ?? `${error.pythonName.startsWith('builtins.') ? shortName : error.pythonName}: ${error.message}`
    }\n`,
    message: error.message,
    arguments: error.arguments,
    context: {},
  };
}
