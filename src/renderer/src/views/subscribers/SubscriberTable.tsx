import { useRef, type KeyboardEvent } from 'react';
import { Badge, Checkbox, Group, Table, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { z } from 'zod';
import type { Subscriber } from '../../../../shared/schemas/marketing';
import { FigureLabel, formatDate, formatNumber } from '../../components';
import { ownTags } from '../../../../shared/tags';
import { SubscriberStatusBadge } from './SubscriberStatusBadge';
import { useRovingGrid } from './roving-grid';

type Row = z.infer<typeof Subscriber>;
const rowHeight = 52;
const columns = 8;
/** The columns a cell can be focused in: all but the last, an empty one for the layout. */
const focusColumns = 7;
/** About the sticky header's height: what a screenful of rows leaves out, for PageUp/PageDown. */
const headerHeight = 48;

export interface Selection {
  selected: ReadonlySet<number>;
  toggle: (id: number) => void;
  /** Select or clear every row of this page. */
  togglePage: (ids: number[], on: boolean) => void;
}

/**
 * One server page of subscribers (up to 500 rows) rendered through a virtualizer, so the DOM holds
 * only the rows in view: scrolling stays smooth whatever the page size, and a list of 100,000
 * contacts costs no more than a page of them. Spacer rows keep the table's semantics intact.
 *
 * From the keyboard it is a WAI-ARIA grid (`roving-grid.ts`): one Tab stop for the header and all
 * rows (not one per row, checkbox and ⓘ), arrows, Home/End and PageUp/PageDown to move between
 * rows, cells and the header, Space to select a row, Enter to open the subscriber; in the header,
 * Space or Enter on the select-all box selects the page (Down from it returns to the first row),
 * and the ⓘ shows what its column counts when focused, and shows and says it when pressed.
 */
export function SubscriberTable({ rows, onOpen, height, selection }: { rows: Row[]; onOpen: (row: Row) => void; height: number; selection: Selection }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // The virtualizer's methods change every render by design; this component is not memoized, so
  // skipping the React Compiler here is the intended trade-off.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    initialRect: { width: 1200, height },
  });
  const items = virtualizer.getVirtualItems();
  const allOnPage = rows.length > 0 && rows.every((r) => selection.selected.has(r.id));
  const someOnPage = rows.some((r) => selection.selected.has(r.id));
  const top = items[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);
  const grid = useRovingGrid({
    count: rows.length,
    columns: focusColumns,
    rendered: items.map((item) => item.index),
    pageRows: Math.floor((height - headerHeight) / rowHeight) - 1,
    container: scrollRef,
    scrollToIndex: (index) => virtualizer.scrollToIndex(index, { align: 'auto' }),
  });

  const cell = (row: number, col: number) => ({ 'data-col-index': col, tabIndex: grid.tabIndexOf(row, col) });

  /** Space selects and Enter opens the focused row (or its cell); in the header, the select-all box answers both. */
  const activate = (e: KeyboardEvent<HTMLElement>) => {
    const at = grid.positionOf(e.target as Element);
    if (!at) return;
    // Space on a checkbox (focused by a click, or the header's) is the checkbox's own; the ⓘ's keys are its button's.
    const native = (e.target as Element).matches('input, button');
    if (at.row < 0) {
      if (at.col === 0 && e.key === 'Enter') {
        e.preventDefault();
        selection.togglePage(rows.map((r) => r.id), !allOnPage);
      } else if (!native) {
        // A plain header cell has nothing to press; Space must not scroll the page instead.
        e.preventDefault();
      }
      return;
    }
    const s = rows[at.row];
    if (!s) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      onOpen(s);
    } else if (!native) {
      e.preventDefault();
      selection.toggle(s.id);
    }
  };

  return (
    <div ref={scrollRef} style={{ height, overflow: 'auto' }} tabIndex={-1}>
      <Table
        role="grid"
        aria-label="Subscribers"
        aria-multiselectable="true"
        stickyHeader
        miw={900}
        aria-rowcount={rows.length + 1}
        onFocus={grid.onFocus}
        onKeyDown={(e) => {
          if (grid.onKeyDown(e) || (e.key !== ' ' && e.key !== 'Enter')) return;
          activate(e);
        }}
      >
        <Table.Thead>
          <Table.Tr data-header-row>
            <Table.Th pl="md" w={44} data-col-index={0}>
              <Checkbox aria-label="Select every subscriber on this page" tabIndex={grid.tabIndexOf(-1, 0)} checked={allOnPage} indeterminate={someOnPage && !allOnPage} onChange={(e) => selection.togglePage(rows.map((r) => r.id), e.currentTarget.checked)} />
            </Table.Th>
            {['Subscriber', 'Status', 'Tags', 'Subscribed'].map((name, i) => (
              <Table.Th key={name} data-col-index={i + 1} tabIndex={grid.tabIndexOf(-1, i + 1)}>
                {name}
              </Table.Th>
            ))}
            <Table.Th ta="right" data-col-index={5}><FigureLabel label="Campaigns" meaning="campaignsReceived" tabIndex={grid.tabIndexOf(-1, 5)} /></Table.Th>
            <Table.Th data-col-index={6}><FigureLabel label="Last opened" meaning="lastOpened" tabIndex={grid.tabIndexOf(-1, 6)} /></Table.Th>
            <Table.Th w={8} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {top > 0 && (
            <tr aria-hidden="true">
              <td colSpan={columns} style={{ height: top, padding: 0, border: 0 }} />
            </tr>
          )}
          {items.map((item) => {
            const s = rows[item.index] as Row;
            const selected = selection.selected.has(s.id);
            return (
              <Table.Tr
                key={s.id}
                h={rowHeight}
                tabIndex={grid.tabIndexOf(item.index, -1)}
                data-row-index={item.index}
                aria-rowindex={item.index + 2}
                aria-selected={selected}
                style={{ cursor: 'pointer' }}
                onClick={() => onOpen(s)}
                aria-label={`${s.email}, open details`}
              >
                {/* The checkbox is for the mouse; the keyboard selects with Space anywhere on the row, so it is no Tab stop. */}
                <Table.Td pl="md" onClick={(e) => e.stopPropagation()} data-col-index={0}>
                  <Checkbox aria-label={`Select ${s.email}`} tabIndex={grid.tabIndexOf(item.index, 0)} checked={selected} onChange={() => selection.toggle(s.id)} />
                </Table.Td>
                <Table.Td maw={320} {...cell(item.index, 1)}>
                  <Text size="sm" fw={500} truncate>
                    {s.email}
                  </Text>
                  <Text size="xs" c="dimmed" truncate>
                    {s.name || '—'}
                  </Text>
                </Table.Td>
                <Table.Td {...cell(item.index, 2)}>
                  <SubscriberStatusBadge status={s.status} />
                </Table.Td>
                <Table.Td maw={220} {...cell(item.index, 3)}>
                  <Group gap={4} wrap="nowrap" style={{ overflow: 'hidden' }}>
                    {ownTags(s.tags).slice(0, 2).map((t) => (
                      <Badge key={t} color="gray" variant="outline" size="sm" tt="none">
                        {t}
                      </Badge>
                    ))}
                    {ownTags(s.tags).length > 2 && (
                      <Text size="xs" c="dimmed">
                        +{ownTags(s.tags).length - 2}
                      </Text>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td {...cell(item.index, 4)}>
                  <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    {formatDate(s.subscribed_date)}
                  </Text>
                </Table.Td>
                <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }} {...cell(item.index, 5)}>
                  {formatNumber(s.campaigns_received)}
                </Table.Td>
                <Table.Td {...cell(item.index, 6)}>
                  <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    {s.last_opened ? formatDate(s.last_opened) : 'Never'}
                  </Text>
                </Table.Td>
                <Table.Td />
              </Table.Tr>
            );
          })}
          {bottom > 0 && (
            <tr aria-hidden="true">
              <td colSpan={columns} style={{ height: bottom, padding: 0, border: 0 }} />
            </tr>
          )}
        </Table.Tbody>
      </Table>
    </div>
  );
}
