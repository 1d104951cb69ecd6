import type { DragEvent, ReactNode } from 'react';
import { Box, Stack, Text } from '@mantine/core';
import { Day, Month, WeekdaysRow, type DayProps } from '@mantine/dates';
import dayjs from 'dayjs';
import type { CalendarView } from './calendar-days';

/**
 * The calendar's grid: Mantine's own month table for the month view (@mantine/dates `Month`, its
 * days static, so each is a drop target holding the day's campaigns rather than a button), and
 * the same `Day` cells under Mantine's weekday row for the week view. Only the month's own days
 * are shown; the toolbar moves between months. (Not `__preventFocus`: the Month then cancels
 * every mousedown inside a day, and with it the start of a drag.)
 */
export interface CalendarGridProps {
  view: CalendarView;
  anchor: string;
  days: string[];
  /** The day's campaigns as the cell shows them. */
  renderEntries: (day: string) => ReactNode;
  /** How many campaigns a day holds, for its accessible name. */
  countOn: (day: string) => number;
  /** A campaign is being dragged over the day: true when it may be dropped there. */
  onDragOverDay: (day: string, event: DragEvent<HTMLElement>) => void;
  onDropOnDay: (day: string, event: DragEvent<HTMLElement>) => void;
  /** The day a dragged campaign is over, highlighted; `refused` when the move would be refused. */
  dropTarget: { day: string; refused: boolean } | null;
}

const dayStyle = { width: '100%', height: 'auto', minHeight: 112, display: 'block', padding: 6, textAlign: 'left', aspectRatio: 'auto', borderRadius: 6, border: '1px solid var(--mantine-color-default-border)', fontSize: 'var(--mantine-font-size-sm)' } as const;
const cellStyle = { verticalAlign: 'top', padding: 2, width: `${100 / 7}%` } as const;

function dayName(day: string, count: number): string {
  const name = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' }).format(dayjs(day).toDate());
  return count === 0 ? `${name}: no campaigns` : `${name}: ${count} ${count === 1 ? 'campaign' : 'campaigns'}`;
}

export function CalendarGrid(props: CalendarGridProps) {
  const { view, anchor, days, renderEntries, countOn, onDragOverDay, onDropOnDay, dropTarget } = props;
  const today = dayjs().format('YYYY-MM-DD');
  const renderDay = (day: string) => (
    <Stack gap={4}>
      <Text size="sm" fw={day === today ? 700 : 500} aria-hidden>
        {dayjs(day).date()}
        {day === today ? ' · Today' : ''}
      </Text>
      {renderEntries(day)}
    </Stack>
  );
  const dayProps = (day: string): Omit<Partial<DayProps>, 'classNames' | 'styles' | 'vars'> & { [key: `data-${string}`]: string | undefined } => {
    const over = dropTarget?.day === day;
    return {
      role: 'group',
      'aria-label': dayName(day, countOn(day)),
      'data-day': day,
      'data-drop': over ? (dropTarget.refused ? 'refused' : 'allowed') : undefined,
      onDragOver: (event: DragEvent<HTMLElement>) => onDragOverDay(day, event),
      onDrop: (event: DragEvent<HTMLElement>) => onDropOnDay(day, event),
      style: {
        ...dayStyle,
        ...(over ? { outline: `2px dashed var(--mantine-color-${dropTarget.refused ? 'red' : 'blue'}-7)`, outlineOffset: -2 } : {}),
        ...(day === today ? { borderColor: 'var(--mantine-color-blue-7)' } : {}),
      },
    };
  };

  if (view === 'month') {
    return (
      <Month
        month={dayjs(anchor).startOf('month').format('YYYY-MM-DD')}
        static
        hideOutsideDates
        weekendDays={[]}
        weekdayFormat="ddd"
        fullWidth
        withCellSpacing={false}
        renderDay={renderDay}
        getDayProps={dayProps}
        styles={{ month: { width: '100%', tableLayout: 'fixed' }, monthCell: cellStyle, weekday: { color: 'var(--mantine-color-text)' } }}
      />
    );
  }
  return (
    <Box component="table" style={{ width: '100%', tableLayout: 'fixed', borderCollapse: 'collapse' }}>
      <thead>
        <WeekdaysRow weekdayFormat="ddd" styles={{ weekday: { color: 'var(--mantine-color-text)' } }} />
      </thead>
      <tbody>
        <tr>
          {days.map((day) => {
            const props = dayProps(day);
            return (
              <td key={day} style={cellStyle}>
                <Day date={day} static tabIndex={-1} renderDay={renderDay} {...props} style={{ ...(props.style as object), minHeight: 320 }} />
              </td>
            );
          })}
        </tr>
      </tbody>
    </Box>
  );
}
