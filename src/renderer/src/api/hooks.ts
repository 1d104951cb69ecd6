import { useMutation, useQuery, useQueryClient, type UseMutationOptions, type UseQueryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { AppContract, OpName } from '../../../shared/contract';
import type { AppError } from '../../../shared/errors';
import type { OpOutput as ContractOutput } from '../../../shared/rpc';
import { api } from './index';

type Input<N extends OpName> = z.input<AppContract[N]['input']>;
type Output<N extends OpName> = ContractOutput<AppContract[N]>;
/** What a view passes to an operation, and what it gets back: named by the operation, so a contract change shows up where it is used. */
export type OpInput<N extends OpName> = Input<N>;
export type OpOutput<N extends OpName> = Output<N>;

/** Query keys start with the operation name, so invalidating by name refreshes every input of it. */
export function opQueryKey<N extends OpName>(name: N, input?: Input<N>): readonly unknown[] {
  return input === undefined ? [name] : [name, input];
}

/** Reads an operation through React Query; the request is cancelled when the query is. */
export function useOp<N extends OpName>(
  name: N,
  input: Input<N>,
  options?: Omit<UseQueryOptions<Output<N>, AppError, Output<N>, readonly unknown[]>, 'queryKey' | 'queryFn'>,
) {
  return useQuery<Output<N>, AppError, Output<N>, readonly unknown[]>({
    ...options,
    queryKey: opQueryKey(name, input),
    queryFn: ({ signal }) => api.call(name, input, { signal }),
  });
}

/**
 * Every query showing a figure that SendGrid events, suppressions or a send can move: a mutation in
 * another feature (settings, SendGrid) that changes figures names these, since its default refreshes
 * only its own feature.
 */
export const FIGURE_QUERIES: readonly OpName[] = [
  'marketing.overview', 'marketing.lists', 'marketing.campaigns.list', 'marketing.campaigns.get', 'marketing.campaigns.report', 'marketing.subscribers.list', 'marketing.subscribers.get',
];

/**
 * Runs a changing operation. On success it refreshes the queries named in `invalidates` (by
 * operation name) — by default every query of the same feature (`marketing.campaigns.create`
 * refreshes every `marketing.*` query), since a write there can change any of its figures.
 */
export function useOpMutation<N extends OpName>(
  name: N,
  options?: Omit<UseMutationOptions<Output<N>, AppError, Input<N>>, 'mutationFn'> & { invalidates?: readonly OpName[] },
) {
  const queryClient = useQueryClient();
  const { invalidates, onSuccess, ...rest } = options ?? {};
  const feature = name.split('.')[0] ?? name;
  return useMutation<Output<N>, AppError, Input<N>>({
    ...rest,
    mutationFn: (input) => api.call(name, input),
    onSuccess: async (...args) => {
      await (invalidates
        ? Promise.all(invalidates.map((op) => queryClient.invalidateQueries({ queryKey: [op] })))
        : queryClient.invalidateQueries({ predicate: (query) => typeof query.queryKey[0] === 'string' && (query.queryKey[0] === feature || query.queryKey[0].startsWith(`${feature}.`)) }));
      return onSuccess?.(...args);
    },
  });
}
