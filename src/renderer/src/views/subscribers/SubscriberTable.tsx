import { useRef } from 'react';
import { Badge, Checkbox, Group, Table, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { z } from 'zod';
import type { Subscriber } from '../../../../shared/schemas/marketing';
import { FigureLabel, formatDate, formatNumber } from '../../components';
import { ownTags } from '../../../../shared/tags';
import { SubscriberStatusBadge } from './SubscriberStatusBadge';
import { useRovingRows } from './roving-rows';

type Row = z.infer<typeof Subscriber>;
const rowHeight = 52;
const columns = 8;
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
 * From the keyboard it is a WAI-ARIA grid with rows as the focus unit: one Tab stop for all rows
 * (not one per row and checkbox), arrows, Home/End and PageUp/PageDown to move, Space to select
 * the row, Enter to open the subscriber.
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
  const roving = useRovingRows({
    count: rows.length,
    rendered: items.map((item) => item.index),
    pageRows: Math.floor((height - headerHeight) / rowHeight) - 1,
    container: scrollRef,
    scrollToIndex: (index) => virtualizer.scrollToIndex(index, { align: 'auto' }),
  });

  return (
    <div ref={scrollRef} style={{ height, overflow: 'auto' }} tabIndex={-1}>
      <Table role="grid" aria-label="Subscribers" aria-multiselectable="true" stickyHeader miw={900} aria-rowcount={rows.length + 1}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th pl="md" w={44}>
              <Checkbox aria-label="Select every subscriber on this page" checked={allOnPage} indeterminate={someOnPage && !allOnPage} onChange={(e) => selection.togglePage(rows.map((r) => r.id), e.currentTarget.checked)} />
            </Table.Th>
            <Table.Th>Subscriber</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Tags</Table.Th>
            <Table.Th>Subscribed</Table.Th>
            <Table.Th ta="right"><FigureLabel label="Campaigns" meaning="campaignsReceived" /></Table.Th>
            <Table.Th><FigureLabel label="Last opened" meaning="lastOpened" /></Table.Th>
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
                tabIndex={item.index === roving.tabStop ? 0 : -1}
                data-row-index={item.index}
                aria-rowindex={item.index + 2}
                aria-selected={selected}
                style={{ cursor: 'pointer' }}
                onClick={() => onOpen(s)}
                onFocus={() => roving.onRowFocus(item.index)}
                onKeyDown={(e) => {
                  if (roving.onRowKeyDown(e, item.index)) return;
                  // Space and Enter on the checkbox itself (after a click on it) are the checkbox's own.
                  if (e.target !== e.currentTarget) return;
                  if (e.key === ' ') {
                    e.preventDefault();
                    selection.toggle(s.id);
                  } else if (e.key === 'Enter') {
                    e.preventDefault();
                    onOpen(s);
                  }
                }}
                aria-label={`${s.email}, open details`}
              >
                {/* The checkbox is for the mouse; the keyboard selects with Space on the row, so it is no Tab stop. */}
                <Table.Td pl="md" onClick={(e) => e.stopPropagation()}>
                  <Checkbox aria-label={`Select ${s.email}`} tabIndex={-1} checked={selected} onChange={() => selection.toggle(s.id)} />
                </Table.Td>
                <Table.Td maw={320}>
                  <Text size="sm" fw={500} truncate>
                    {s.email}
                  </Text>
                  <Text size="xs" c="dimmed" truncate>
                    {s.name || '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <SubscriberStatusBadge status={s.status} />
                </Table.Td>
                <Table.Td maw={220}>
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
                <Table.Td>
                  <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    {formatDate(s.subscribed_date)}
                  </Text>
                </Table.Td>
                <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {formatNumber(s.campaigns_received)}
                </Table.Td>
                <Table.Td>
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
