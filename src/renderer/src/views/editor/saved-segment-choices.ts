import { useQueries } from '@tanstack/react-query';
import type { z } from 'zod';
import { AppError } from '../../../../shared/errors';
import type { MailingListSummary } from '../../../../shared/schemas/marketing';
import { api } from '../../api';
import { opQueryKey, useOp, type OpOutput } from '../../api/hooks';
import { asOfText, formatNumber } from '../../components';

type Estimate = OpOutput<'marketing.campaigns.estimate'>;
type Lists = z.infer<typeof MailingListSummary>[];

/** Failures that mean Odoo was not reached (the host had no earlier count to answer with). */
const UNREACHED = new Set(['offline', 'odoo.unreachable', 'odoo.timeout']);

function countText(estimate: { data?: Estimate | undefined; error: Error | null; isPending: boolean }, now: Date): string {
  if (estimate.data) {
    const asOf = asOfText(estimate.data, now);
    return `${formatNumber(estimate.data.estimated_recipients)} here${asOf ? `, ${asOf}` : ''}`;
  }
  if (estimate.error) return estimate.error instanceof AppError && UNREACHED.has(estimate.error.code) ? 'no count: Odoo cannot be reached' : 'Odoo could not count it here';
  return estimate.isPending ? 'counting…' : 'not counted';
}

/**
 * The store's saved segments as choices for a campaign on `listId`. A segment is the store's, not
 * its list's: one built on this list shows the count the segment list gave (offline, the last one,
 * "as of"); one built on another of the store's lists is its rule applied to this list, so Odoo
 * counts it here — the same estimate the editor asks once it is picked, so both share one answer.
 * Offline, an audience never counted on this list says it has no count rather than show another
 * list's figure.
 */
export function useSavedSegmentChoices(storeId: string, listId: string | null, lists: Lists) {
  const saved = useOp('marketing.segments.list', { storeId }, { staleTime: 60_000 });
  const segments = listId ? saved.data?.segments ?? [] : [];
  const elsewhere = segments.filter((s) => String(s.list_id) !== listId);
  const counts = useQueries({
    queries: elsewhere.map((s) => {
      const input = { storeId, list_id: Number(listId), segment: `saved:${s.id}` };
      return {
        queryKey: opQueryKey('marketing.campaigns.estimate', input),
        queryFn: ({ signal }: { signal: AbortSignal }) => api.call('marketing.campaigns.estimate', input, { signal }),
        staleTime: 60_000,
      };
    }),
  });
  const now = new Date();
  const asOf = asOfText(saved.data, now);
  const items = segments.map((s) => {
    const at = elsewhere.indexOf(s);
    if (at < 0) return { value: `saved:${s.id}`, label: `${s.name} (${formatNumber(s.recipients)}${asOf ? `, ${asOf}` : ''})` };
    const builtOn = lists.find((l) => l.id === s.list_id)?.name ?? `list ${s.list_id}`;
    const count = counts[at] ?? { error: null, isPending: true };
    return { value: `saved:${s.id}`, label: `${s.name} — built on ${builtOn} (${countText(count, now)})` };
  });
  return { saved, items };
}
