import type { Context, OdooProtocol } from './types';

/**
 * One model method call, described once and encoded by each protocol:
 * JSON-RPC puts `ids` then the `positional` values in `args` (the shape of the recordings,
 * e.g. odoo18-wire/059-write: [[9,10], {...}]); JSON-2 sends them all as named arguments
 * (`ids`, then each positional by its Python parameter name), see odoo addons/rpc/controllers/json2.py.
 */
export interface OdooCall {
  model: string;
  method: string;
  /** Record ids for record methods (read, write, unlink, copy, action_*); absent for @api.model methods. */
  ids?: number[];
  /** Leading parameters, in Python order, with their parameter names. */
  positional?: [name: string, value: unknown][];
  /** Trailing keyword parameters (same names in both protocols). */
  kwargs?: Record<string, unknown>;
  context?: Context;
  /** Whether the call may change data; mutating calls are never retried. */
  mutating: boolean;
}

export interface Credentials {
  database: string;
  login: string;
  apiKey: string;
}

export interface Transport {
  readonly protocol: OdooProtocol;
  /** Checks the key and returns the user id. */
  authenticate(): Promise<number>;
  /** Runs a method; resolves to null when Odoo sends no result. */
  execute(call: OdooCall, uid: number): Promise<unknown>;
}
