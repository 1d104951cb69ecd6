import { useEffect, useRef, useState, type DragEvent } from 'react';
import { notifications } from '@mantine/notifications';
import type { z } from 'zod';
import type { CampaignRow } from '../../../../shared/schemas/marketing';
import type { PrecheckCode } from '../../../../shared/schemas/marketing-views';
import { useOpMutation } from '../../api/hooks';
import { formatDateTime } from '../../components';
import { moveProblem, sameTimeOn } from './calendar-days';

type Row = z.infer<typeof CampaignRow>;
type Code = z.infer<typeof PrecheckCode>;
interface Problem { code: Code; severity: 'error' | 'warning'; message: string }

/** What a dragged entry carries besides plain text, so a file or text dragged in from elsewhere moves nothing. */
const CAMPAIGN_TYPE = 'application/x-markket-campaign';
const ours = (event: DragEvent<HTMLElement>) => !event.dataTransfer || event.dataTransfer.types.includes(CAMPAIGN_TYPE);

/** Warnings of the pre-send check the person is asked to accept before a scheduled campaign moves. */
export interface MoveConfirmation { row: Row; day: string; problems: Problem[] }

/**
 * Moving a campaign by drag or by "Move to…": refused at once, with the reason, when the day is in
 * the past or the campaign went out; otherwise asked of the server, which checks it all again.
 * Warnings of the pre-send check come back as a confirmation; anything else as the sentence.
 */
export function useCalendarMove(storeId: string) {
  const dragged = useRef<Row | null>(null);
  const [dropTarget, setDropTarget] = useState<{ day: string; refused: boolean } | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<MoveConfirmation | null>(null);
  const mutation = useOpMutation('marketing.campaigns.move');

  function move(row: Row, day: string, acknowledge: Code[] = []): void {
    const problem = moveProblem(row, day, new Date());
    if (problem) {
      setRefusal(problem);
      return;
    }
    setRefusal(null);
    const schedule = sameTimeOn(row.scheduled_for as string, day);
    mutation.mutate(
      { storeId, campaignId: row.campaign_id, schedule, ...(acknowledge.length > 0 ? { acknowledge } : {}) },
      {
        onSuccess: (moved) => {
          setConfirming(null);
          notifications.show({ color: 'teal', title: 'Campaign moved', message: `“${row.subject}” is now on ${formatDateTime(moved.scheduled_for)}.` });
        },
        onError: (error) => {
          const problems = (error.details?.problems as Problem[] | undefined) ?? [];
          if (error.code === 'precheck.failed' && problems.length > 0 && problems.every((p) => p.severity === 'warning')) {
            setConfirming({ row, day, problems });
            return;
          }
          setConfirming(null);
          // The server's sentence already names each problem of the pre-send check.
          setRefusal(error.message);
        },
      },
    );
  }

  // A drag carried to another month loses its entry, and the entry's dragend, with the old month:
  // the next press of the pointer (none comes during a drag) ends what is left of it.
  useEffect(() => {
    const over = () => {
      if (!dragged.current) return;
      dragged.current = null;
      setDropTarget(null);
    };
    window.addEventListener('pointerdown', over);
    return () => window.removeEventListener('pointerdown', over);
  }, []);

  const drag = {
    /** A campaign of this calendar is being dragged (not a file or text from elsewhere). */
    active: (event: DragEvent<HTMLElement>) => dragged.current !== null && ours(event),
    onDragStart(row: Row, event: DragEvent<HTMLElement>) {
      dragged.current = row;
      event.dataTransfer?.setData('text/plain', row.campaign_id);
      event.dataTransfer?.setData(CAMPAIGN_TYPE, row.campaign_id);
      if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
    },
    onDragEnd() {
      dragged.current = null;
      setDropTarget(null);
    },
    onDragOverDay(day: string, event: DragEvent<HTMLElement>) {
      const row = dragged.current;
      if (!row || !ours(event)) return;
      // Every day takes the drop, so a refused one can say why instead of silently doing nothing.
      event.preventDefault();
      const refused = moveProblem(row, day, new Date()) !== null;
      if (event.dataTransfer) event.dataTransfer.dropEffect = refused ? 'none' : 'move';
      if (dropTarget?.day !== day || dropTarget.refused !== refused) setDropTarget({ day, refused });
    },
    onDropOnDay(day: string, event: DragEvent<HTMLElement>) {
      event.preventDefault();
      const row = dragged.current;
      dragged.current = null;
      setDropTarget(null);
      if (row && ours(event)) move(row, day);
    },
  };

  return {
    move,
    drag,
    dropTarget,
    refusal,
    dismissRefusal: () => setRefusal(null),
    confirming,
    confirm: () => confirming && move(confirming.row, confirming.day, confirming.problems.map((p) => p.code)),
    cancelConfirm: () => setConfirming(null),
    movingId: mutation.isPending ? (mutation.variables?.campaignId ?? null) : null,
  };
}
