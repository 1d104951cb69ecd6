import { useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { AppError, isAppError } from '../../../../shared/errors';
import type { BulkRunAction, BulkRunInput, BulkRunResult, SubscriberFilter } from '../../../../shared/ops/subscriber-bulk';
import { api } from '../../api';

export type BulkAction = z.infer<typeof BulkRunAction>;
export type BulkResult = z.infer<typeof BulkRunResult>;
/** Who a bulk action is for: the rows picked by hand, or everyone the filter matches (all pages). */
export type BulkTarget = { kind: 'ids'; ids: number[] } | { kind: 'filter'; filter: z.infer<typeof SubscriberFilter>; count: number };

export type BulkState =
  | { phase: 'idle' }
  | { phase: 'running'; done: number; total: number; changed: number; stopping: boolean }
  | { phase: 'finished'; result: BulkResult }
  | { phase: 'failed'; error: AppError };

const runId = () => `bulk_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;

/**
 * Runs marketing.subscribers.bulkRun with its progress shown. Stop asks the host to stop after the
 * batch under way (marketing.subscribers.bulkStop) and keeps waiting for the answer, so the report
 * says exactly how far the run got instead of guessing.
 */
export function useBulkRun(storeId: string) {
  const [state, setState] = useState<BulkState>({ phase: 'idle' });
  const current = useRef<string | null>(null);
  const queryClient = useQueryClient();

  async function start(target: BulkTarget, action: BulkAction, extra: Pick<z.input<typeof BulkRunInput>, 'tag' | 'target_list_id'>) {
    const id = runId();
    current.current = id;
    const total = target.kind === 'ids' ? target.ids.length : target.count;
    setState({ phase: 'running', done: 0, total, changed: 0, stopping: false });
    const selection = target.kind === 'ids' ? { ids: target.ids } : { filter: target.filter };
    try {
      const result = await api.call('marketing.subscribers.bulkRun', {
        storeId, selection, action, run_id: id, ...extra, ...(target.kind === 'filter' ? { confirm_count: target.count } : {}),
      }, { onEvent: (p) => setState((s) => (s.phase === 'running' ? { ...s, done: p.done, total: p.total, changed: p.changed } : s)) });
      setState({ phase: 'finished', result });
    } catch (error) {
      setState({ phase: 'failed', error: isAppError(error) ? error : new AppError('internal', 'The bulk action failed. Try again.') });
    } finally {
      current.current = null;
      // Whatever happened, some subscribers may have changed: every subscriber view reads again.
      await queryClient.invalidateQueries({ predicate: (q) => typeof q.queryKey[0] === 'string' && q.queryKey[0].startsWith('marketing.') });
    }
  }

  function stop() {
    const id = current.current;
    if (!id) return;
    setState((s) => (s.phase === 'running' ? { ...s, stopping: true } : s));
    void api.call('marketing.subscribers.bulkStop', { storeId, run_id: id }).catch(() => undefined);
  }

  return { state, start, stop, reset: () => setState({ phase: 'idle' }) };
}
