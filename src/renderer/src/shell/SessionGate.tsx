import { useEffect, useRef, type ReactNode } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { isAppError } from '../../../shared/errors';
import { opQueryKey, useOp, useOpMutation, type OpOutput } from '../api/hooks';
import { LockScreen } from './LockScreen';

type Status = OpOutput<'session.status'>;
const statusKey = opQueryKey('session.status', {});
const pollMs = 10_000;
/** The host wants activity "at most every few seconds"; idle limits are minutes, so this is plenty. */
const touchEveryMs = 15_000;
/** Answers that stay in memory while locked: nothing personal in them. */
const keptWhileLocked = new Set(['session.status', 'profiles.active', 'profiles.list', 'connectivity.status', 'stores.list']);

function markLocked(queryClient: QueryClient): void {
  const previous = queryClient.getQueryData<Status>(statusKey);
  queryClient.setQueryData<Status>(statusKey, { locked: true, reason: previous?.reason ?? 'idle', lockAfterMs: previous?.lockAfterMs ?? null, passphraseSet: previous?.passphraseSet ?? true });
  // Drop every answer that may hold personal data: nothing of it stays in the page while locked.
  queryClient.removeQueries({ predicate: (q) => !keptWhileLocked.has(String(q.queryKey[0])) });
}

/**
 * The console lock (HIPAA profiles): while the host says locked, the lock screen replaces the whole
 * window. Any answer `locked` from any operation shows it at once, without waiting for the poll.
 * Activity (pointer, keyboard) is reported to the host, throttled, so it knows the user is there.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const status = useOp('session.status', {}, { refetchInterval: pollMs, staleTime: 0, refetchOnWindowFocus: true });
  const touch = useOpMutation('session.touch', { invalidates: [], onSuccess: (s) => queryClient.setQueryData(statusKey, s) });
  const lastTouch = useRef(0);
  const locked = status.data?.locked === true;
  const autoLocks = status.data?.lockAfterMs !== null && status.data?.lockAfterMs !== undefined;

  useEffect(() => {
    const onError = (error: unknown) => {
      if (isAppError(error) && error.code === 'locked') markLocked(queryClient);
    };
    const unsubQueries = queryClient.getQueryCache().subscribe((e) => {
      if (e.type === 'updated' && e.action.type === 'error') onError(e.action.error);
    });
    const unsubMutations = queryClient.getMutationCache().subscribe((e) => {
      if (e.type === 'updated' && e.action.type === 'error') onError(e.action.error);
    });
    return () => {
      unsubQueries();
      unsubMutations();
    };
  }, [queryClient]);

  const touchMutate = touch.mutate;
  useEffect(() => {
    if (locked || !autoLocks) return;
    const onActivity = () => {
      const now = Date.now();
      if (now - lastTouch.current < touchEveryMs) return;
      lastTouch.current = now;
      touchMutate({});
    };
    const events = ['pointerdown', 'pointermove', 'keydown', 'wheel'] as const;
    for (const name of events) window.addEventListener(name, onActivity, { passive: true });
    return () => {
      for (const name of events) window.removeEventListener(name, onActivity);
    };
  }, [locked, autoLocks, touchMutate]);

  if (locked && status.data) return <LockScreen status={status.data} />;
  return <>{children}</>;
}
