import { useCallback, useState } from 'react';
import { ActionIcon, Alert, Button, Card, Group, List, Modal, SegmentedControl, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconChevronLeft, IconChevronRight, IconList, IconPlus } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { ErrorState, PageHeader, userTimeZone } from '../../components';
import { hrefFor } from '../../router';
import { CalendarEntry } from './CalendarEntry';
import { CalendarGrid } from './CalendarGrid';
import { daysShown, shift, viewTitle, type CalendarView } from './calendar-days';
import { useCalendarCampaigns } from './use-calendar';
import { useDragFlip } from './use-drag-flip';
import { useCalendarMove } from './use-move';

export interface CampaignCalendarViewProps {
  storeId: string;
  view: CalendarView;
  /** The day the view opens on ('YYYY-MM-DD'); today when absent. */
  date?: string | undefined;
}

/**
 * The campaign calendar (issue 17): a month or a week of campaigns by the day they were sent or
 * are scheduled, in the person's time zone. Scheduled campaigns and dated drafts move to another
 * day by drag or by "Move to…", keeping their time of day; the server checks every move.
 */
export function CampaignCalendarView({ storeId, view: initialView, date }: CampaignCalendarViewProps) {
  const [view, setView] = useState<CalendarView>(initialView);
  const [anchor, setAnchor] = useState(date ?? dayjs().format('YYYY-MM-DD'));
  const campaigns = useCalendarCampaigns(storeId, view, anchor);
  const mover = useCalendarMove(storeId);
  const days = daysShown(view, anchor);
  const title = viewTitle(view, anchor);
  const unit = view === 'month' ? 'month' : 'week';

  // The address keeps the view and day (a reload opens the same page) without counting as a
  // navigation, which would move focus to the heading on every step.
  const go = (nextView: CalendarView, nextAnchor: string) => {
    setView(nextView);
    setAnchor(nextAnchor);
    window.history.replaceState(null, '', hrefFor({ name: 'campaign-calendar', view: nextView, date: nextAnchor }));
  };

  const turn = useCallback((direction: -1 | 1) => setAnchor((current) => {
    const next = shift(view, current, direction);
    window.history.replaceState(null, '', hrefFor({ name: 'campaign-calendar', view, date: next }));
    return next;
  }), [view]);
  const flip = useDragFlip(mover.drag.active, turn);

  return (
    <Stack gap="lg">
      <PageHeader
        title="Campaign calendar"
        description={`Sent, sending, scheduled and dated draft campaigns by day. Times are in your time zone (${userTimeZone()}).`}
        actions={
          <>
            <Button component="a" href={hrefFor({ name: 'campaigns' })} variant="default" leftSection={<IconList size={16} />}>
              List
            </Button>
            <Button component="a" href={hrefFor({ name: 'campaign-new' })} leftSection={<IconPlus size={16} />}>
              New campaign
            </Button>
          </>
        }
      />
      <Card>
        <Group justify="space-between" mb="md" wrap="wrap" gap="sm">
          <Group gap="xs" wrap="nowrap">
            <ActionIcon variant="default" size="lg" aria-label={`Previous ${unit}`} onClick={() => go(view, shift(view, anchor, -1))} {...flip.previous}>
              <IconChevronLeft size={18} />
            </ActionIcon>
            <Button variant="default" onClick={() => go(view, dayjs().format('YYYY-MM-DD'))}>
              Today
            </Button>
            <ActionIcon variant="default" size="lg" aria-label={`Next ${unit}`} onClick={() => go(view, shift(view, anchor, 1))} {...flip.next}>
              <IconChevronRight size={18} />
            </ActionIcon>
            <Title order={2} fz="lg" ml="xs" aria-live="polite">
              {title}
            </Title>
          </Group>
          <SegmentedControl aria-label="Calendar view" value={view} onChange={(v) => go(v as CalendarView, anchor)} data={[{ value: 'month', label: 'Month' }, { value: 'week', label: 'Week' }]} />
        </Group>
        <Text size="sm" mb="sm">
          Drag a scheduled campaign or a dated draft to another day (hold it over ‹ or › to reach another {unit}), or use its “Move to…” button: it keeps its time of day. Sent and sending campaigns stay where they are.
        </Text>
        {mover.refusal && (
          <Alert color="red" mb="sm" role="alert" title="Not moved" withCloseButton closeButtonLabel="Dismiss" onClose={mover.dismissRefusal}>
            {mover.refusal}
          </Alert>
        )}
        {campaigns.error ? (
          <ErrorState error={campaigns.error} title="Could not load the calendar" onRetry={() => void campaigns.refetch()} retrying={campaigns.isFetching} />
        ) : campaigns.isPending ? (
          <Stack gap="xs" aria-busy="true" aria-label="Loading the calendar">
            {Array.from({ length: view === 'month' ? 5 : 1 }, (_, i) => (
              <Skeleton key={i} height={view === 'month' ? 112 : 320} />
            ))}
          </Stack>
        ) : (
          <>
            {campaigns.count === 0 && (
              <Alert color="gray" mb="sm" title={`No campaigns in ${title}`}>
                Nothing was sent or is scheduled in this {unit}. <a href={hrefFor({ name: 'campaign-new' })}>Create a campaign</a> or go to another {unit}.
              </Alert>
            )}
            {campaigns.truncated && (
              <Alert color="yellow" mb="sm">
                This {unit} holds more campaigns than the calendar shows at once; the list view has them all.
              </Alert>
            )}
            <CalendarGrid
              view={view}
              anchor={anchor}
              days={days}
              countOn={(day) => campaigns.days.get(day)?.length ?? 0}
              dropTarget={mover.dropTarget}
              onDragOverDay={mover.drag.onDragOverDay}
              onDropOnDay={mover.drag.onDropOnDay}
              renderEntries={(day) =>
                (campaigns.days.get(day) ?? []).map((row) => (
                  <CalendarEntry key={row.campaign_id} row={row} moving={mover.movingId === row.campaign_id} onDragStart={mover.drag.onDragStart} onDragEnd={mover.drag.onDragEnd} onMoveTo={(r, d) => mover.move(r, d)} />
                ))
              }
            />
          </>
        )}
      </Card>
      <Modal opened={mover.confirming !== null} onClose={mover.cancelConfirm} title="Move this scheduled campaign?">
        <Stack>
          <Text size="sm">The pre-send check found warnings for “{mover.confirming?.row.subject}” on its new date:</Text>
          <List size="sm">
            {mover.confirming?.problems.map((p) => (
              <List.Item key={p.code}>{p.message}</List.Item>
            ))}
          </List>
          <Group justify="flex-end">
            <Button variant="default" onClick={mover.cancelConfirm}>
              Keep its date
            </Button>
            <Button onClick={mover.confirm}>Move anyway</Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
