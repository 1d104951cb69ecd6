import { z } from 'zod';
import { AppError, ErrorPayload, toErrorPayload } from './errors';
import { findBadText } from './text-check';

/**
 * The shape of one operation of the contract. Everything that serves or calls operations
 * (IPC, HTTP, preload, renderer client) is derived from a table of these.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type HttpRoute = `${HttpMethod} /${string}`;

export interface OpDef<
  I extends z.ZodType = z.ZodType,
  O extends z.ZodType = z.ZodType,
  E extends z.ZodType | undefined = z.ZodType | undefined,
> {
  /** One sentence: what the operation does, for people reading the API. */
  summary: string;
  input: I;
  output: O;
  /** The REST route the product spec names. Every operation, with or without one, is also served at POST /api/rpc/<name>. */
  http?: HttpRoute;
  /** Another operation this one serves under a second route and shape (the spec names both). */
  aliasOf?: string;
  /** Progress events the operation emits while it runs (exports, syncs, imports). */
  events?: E;
  /**
   * Over HTTP, this operation's own request body limit (the host's otherwise) and what a person
   * can do when a request exceeds it. Desktop IPC has no such limit.
   */
  body?: { maxBytes: number; tooLarge: string };
}

export function op<I extends z.ZodType, O extends z.ZodType, E extends z.ZodType | undefined = undefined>(
  def: OpDef<I, O, E>,
): OpDef<I, O, E> {
  return def;
}

export type Contract = Record<string, OpDef>;

export type OpInput<D extends OpDef> = z.infer<D['input']>;
export type OpOutput<D extends OpDef> = z.infer<D['output']>;
// `events` is an optional property, so its type includes undefined: strip that before asking what it is.
type EventSchemaOf<D extends OpDef> = NonNullable<D['events']>;
export type OpEvent<D extends OpDef> = [EventSchemaOf<D>] extends [never] ? never : EventSchemaOf<D> extends z.ZodType ? z.infer<EventSchemaOf<D>> : never;

export interface CallContext<D extends OpDef = OpDef> {
  /** Reports progress to the caller (IPC event, HTTP Server-Sent Event); a no-op when nobody listens. */
  emit(event: OpEvent<D>): void;
  /** Aborted when the caller cancels or disconnects. */
  signal: AbortSignal;
}

/** A handler table: a missing or mistyped handler is a compile error. */
export type Handlers<C extends Contract, S> = {
  [K in keyof C]: (input: OpInput<C[K]>, services: S, ctx: CallContext<C[K]>) => Promise<z.input<C[K]['output']>> | z.input<C[K]['output']>;
};

export const Outcome = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: ErrorPayload }),
]);
export type Outcome<T = unknown> = { ok: true; value: T } | { ok: false; error: ErrorPayload };

/** Turns a zod failure into the error the caller sees: the field paths and what is wrong with each. */
/**
 * A union whose variants rule themselves out by the input's shape (params.ruledOut, e.g. an
 * extension's credentials) has one variant left: its problems, at their full path, say more than
 * zod's "Invalid input".
 */
function chosenVariant(issue: z.core.$ZodIssue): z.core.$ZodIssue[] {
  if (issue.code !== 'invalid_union') return [issue];
  const left = issue.errors.filter((variant) => !variant.some((inner) => inner.code === 'custom' && inner.params?.['ruledOut'] === true));
  if (left.length !== 1) return [issue];
  return left[0]!.flatMap((inner) => chosenVariant({ ...inner, path: [...issue.path, ...inner.path] }));
}

export function invalidInput(error: z.ZodError, what = 'request'): AppError {
  // An unknown key is named as the field at fault, so "patch" in {"id":…,"patch":{…}} reads as such.
  const fields = error.issues.flatMap(chosenVariant).flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ field: [...issue.path.map(String), key].join('.'), problem: 'is not a field this operation accepts' }))
      : [{ field: issue.path.map(String).join('.') || '(root)', problem: issue.message }],
  );
  const first = fields[0];
  const message = first
    ? `The ${what} is not valid: ${first.field} — ${first.problem}${fields.length > 1 ? ` (and ${fields.length - 1} more)` : ''}.`
    : `The ${what} is not valid.`;
  return new AppError('input.invalid', message, { fields });
}

const noopContext: CallContext = { emit: () => undefined, signal: new AbortController().signal };

/**
 * The one place an operation is run, whatever the transport: validate the input with the contract,
 * call the handler, validate what it returns, and turn every failure into an error payload.
 * Both IPC and HTTP call this, so they cannot drift apart.
 */
export async function dispatch<C extends Contract, S>(
  contract: C,
  handlers: Handlers<C, S>,
  services: S,
  name: string,
  rawInput: unknown,
  ctx: CallContext = noopContext,
): Promise<Outcome> {
  if (!Object.hasOwn(contract, name)) {
    return { ok: false, error: { code: 'not_found', message: `There is no operation named "${name}".` } };
  }
  const def = contract[name] as OpDef;
  const handler = handlers[name as keyof C] as unknown as (i: unknown, s: S, c: CallContext) => unknown;
  const badText = findBadText(rawInput);
  if (badText) {
    const message = `The request is not valid: ${badText.field} — ${badText.problem}.`;
    return { ok: false, error: new AppError('input.invalid', message, { fields: [badText] }).toPayload() };
  }
  const parsed = def.input.safeParse(rawInput ?? {});
  if (!parsed.success) return { ok: false, error: invalidInput(parsed.error).toPayload() };
  try {
    const result = await handler(parsed.data, services, ctx);
    const checked = def.output.safeParse(result);
    if (!checked.success) {
      // A handler broke its promise: report it as our fault, never leak the raw value.
      return {
        ok: false,
        error: { code: 'internal', message: `The console produced an unexpected answer for ${name}.`, details: { issues: checked.error.issues.slice(0, 5).map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) } },
      };
    }
    return { ok: true, value: checked.data };
  } catch (error) {
    return { ok: false, error: toErrorPayload(error) };
  }
}

/** The HTTP route an operation is served at: its named REST route, or the generic RPC route. */
/** Where every operation also answers, whatever its REST route: its input is the JSON body. */
export const rpcPath = (name: string): string => `/api/rpc/${name}`;

export function routeOf(name: string, def: OpDef): { method: HttpMethod; path: string } {
  if (def.http) {
    const space = def.http.indexOf(' ');
    return { method: def.http.slice(0, space) as HttpMethod, path: def.http.slice(space + 1) };
  }
  return { method: 'POST', path: rpcPath(name) };
}
