import { useState, type DragEvent } from 'react';
import { Anchor, Badge, Button, Group, Paper, Popover, Stack, Text } from '@mantine/core';
import { DatePicker } from '@mantine/dates';
import dayjs from 'dayjs';
import type { z } from 'zod';
import type { CampaignRow } from '../../../../shared/schemas/marketing';
import { CampaignStatusBadge } from '../../components';
import { hrefFor } from '../../router';
import { calendarInstant, canMove, localDay } from './calendar-days';

type Row = z.infer<typeof CampaignRow>;

export interface CalendarEntryProps {
  row: Row;
  /** A move of this campaign is on its way to Odoo. */
  moving: boolean;
  onDragStart: (row: Row, event: DragEvent<HTMLElement>) => void;
  onDragEnd: () => void;
  /** The keyboard's way to move: a day picked in "Move to…". */
  onMoveTo: (row: Row, day: string) => void;
}

const timeOf = (iso: string) => new Intl.DateTimeFormat(undefined, { timeStyle: 'short' }).format(new Date(iso));

/**
 * One campaign on the calendar: its time, subject (to its stats, or the editor for a draft), its
 * status as a word beside the colour, and an A/B test as one entry with its version count.
 * A scheduled campaign or a dated draft can be dragged to another day, or moved with "Move to…".
 */
export function CalendarEntry({ row, moving, onDragStart, onDragEnd, onMoveTo }: CalendarEntryProps) {
  const [picking, setPicking] = useState(false);
  const at = calendarInstant(row);
  const movable = canMove(row);
  const href = hrefFor(row.status === 'draft' ? { name: 'campaign-edit', campaignId: row.campaign_id } : { name: 'campaign-stats', campaignId: row.campaign_id });
  return (
    <Paper
      withBorder
      radius="sm"
      p={6}
      draggable={movable && !moving}
      onDragStart={(event) => onDragStart(row, event)}
      onDragEnd={onDragEnd}
      data-campaign-id={row.campaign_id}
      aria-busy={moving || undefined}
      style={{ cursor: movable ? 'grab' : undefined, opacity: moving ? 0.6 : 1 }}
    >
      <Stack gap={4}>
        <Group gap={4} wrap="wrap">
          <CampaignStatusBadge status={row.status} size="sm" />
          {row.ab_test && (
            <Badge size="sm" variant="outline" color="violet.9">
              A/B · {row.ab_test.versions} versions
            </Badge>
          )}
        </Group>
        <Anchor href={href} size="sm" fw={500} lineClamp={3} style={{ overflowWrap: 'anywhere' }}>
          {at ? `${timeOf(at)} ` : ''}
          {row.subject || '(no subject)'}
        </Anchor>
        {moving && <Text size="xs">Moving…</Text>}
        {movable && !moving && (
          <Popover opened={picking} onChange={setPicking} trapFocus returnFocus position="bottom-start" withArrow>
            <Popover.Target>
              <Button variant="subtle" size="compact-xs" onClick={() => setPicking((o) => !o)} aria-label={`Move “${row.subject}” to another day`}>
                Move to…
              </Button>
            </Popover.Target>
            <Popover.Dropdown>
              <Text size="sm" mb="xs" id={`move-${row.campaign_id}`}>
                Move to another day, same time
              </Text>
              <DatePicker
                aria-labelledby={`move-${row.campaign_id}`}
                minDate={dayjs().format('YYYY-MM-DD')}
                defaultDate={at ? localDay(at) : undefined}
                value={at ? localDay(at) : null}
                onChange={(day) => {
                  if (!day) return;
                  setPicking(false);
                  onMoveTo(row, day);
                }}
              />
            </Popover.Dropdown>
          </Popover>
        )}
      </Stack>
    </Paper>
  );
}
