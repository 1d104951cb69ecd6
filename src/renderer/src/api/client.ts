import type { z } from 'zod';
import { contract, type AppContract } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { Outcome, type Contract, type OpDef, type OpEvent, type OpOutput } from '../../../shared/rpc';
import type { Transport } from './transport';

export interface CallOptions<D extends OpDef> {
  /** Progress events of long operations (exports, syncs). */
  onEvent?: (event: OpEvent<D>) => void;
  signal?: AbortSignal;
}

export interface Client<C extends Contract> {
  /** Runs an operation; resolves with its output (checked against the contract) or throws an AppError. */
  call<N extends keyof C & string>(name: N, input: z.input<C[N]['input']>, options?: CallOptions<C[N]>): Promise<OpOutput<C[N]>>;
}

function cancelled(): AppError {
  return new AppError('cancelled', 'The request was cancelled.');
}

/** A typed client over any contract and any transport: the same code runs over IPC and HTTP. */
export function createClient<C extends Contract>(ops: C, transport: Transport): Client<C> {
  return {
    async call(name, input, options = {}) {
      if (!Object.hasOwn(ops, name)) throw new AppError('not_found', `There is no operation named "${name}".`);
      if (options.signal?.aborted) throw cancelled();
      const def = ops[name] as OpDef;
      const raw = await transport.call({
        name,
        def,
        input,
        onEvent: options.onEvent as ((event: unknown) => void) | undefined,
        signal: options.signal,
      });
      // The answer crossed a process boundary: trust nothing about its shape.
      const outcome = Outcome.safeParse(raw);
      if (!outcome.success) throw new AppError('internal', `The console answered ${name} in a shape this window does not understand.`);
      if (!outcome.data.ok) throw AppError.fromPayload(outcome.data.error);
      const output = def.output.safeParse(outcome.data.value);
      if (!output.success) {
        throw new AppError('internal', `The console answered ${name} with data this window does not understand.`, {
          issues: output.error.issues.slice(0, 5).map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
        });
      }
      return output.data as OpOutput<C[typeof name]>;
    },
  };
}

/** The app's client: every operation of the contract. */
export function createApi(transport: Transport): Client<AppContract> {
  return createClient(contract, transport);
}
