import { useMemo } from 'react';
import { keepPreviousData } from '@tanstack/react-query';
import type { z } from 'zod';
import type { CampaignRow } from '../../../../shared/schemas/marketing';
import { useOp } from '../../api/hooks';
import { byDay, localDay, rangeOf, type CalendarView } from './calendar-days';

type Row = z.infer<typeof CampaignRow>;

/** As many campaigns as the list answers at once; a month rarely holds more. */
const PAGE = 200;

/**
 * The campaigns a view shows: what Odoo dates on its calendar_date (sent, sending and scheduled,
 * through the list's from/to), and the drafts that carry a date (Odoo gives drafts no calendar
 * date, so they are asked apart and kept when their date falls in the view). A/B tests come as
 * one row each from the list.
 */
export function useCalendarCampaigns(storeId: string, view: CalendarView, anchor: string) {
  const range = rangeOf(view, anchor);
  const dated = useOp('marketing.campaigns.list', { storeId, from: range.from, to: range.to, limit: PAGE, sort: 'date', direction: 'asc' }, { placeholderData: keepPreviousData });
  const drafts = useOp('marketing.campaigns.list', { storeId, status: 'draft', limit: PAGE }, { placeholderData: keepPreviousData });
  const rows = useMemo(() => {
    const first = localDay(range.from);
    const last = localDay(new Date(new Date(range.to).getTime() - 1).toISOString());
    const datedDrafts = (drafts.data?.campaigns ?? []).filter((r) => r.scheduled_for && localDay(r.scheduled_for) >= first && localDay(r.scheduled_for) <= last);
    return [...(dated.data?.campaigns ?? []), ...datedDrafts];
  }, [dated.data, drafts.data, range.from, range.to]);
  const days = useMemo(() => byDay(rows), [rows]);
  return {
    days,
    count: rows.length,
    /** More campaigns in the view than one answer holds: the view says so instead of hiding it. */
    truncated: (dated.data?.total ?? 0) > PAGE,
    isPending: dated.isPending || drafts.isPending,
    isFetching: dated.isFetching || drafts.isFetching,
    error: dated.error ?? drafts.error,
    refetch: () => Promise.all([dated.refetch(), drafts.refetch()]),
    find: (campaignId: string): Row | undefined => rows.find((r) => r.campaign_id === campaignId),
  };
}
