import { useEffect, useRef, useState, type FocusEvent, type KeyboardEvent, type RefObject } from 'react';

/**
 * Roving tabindex over a virtualised grid (WAI-ARIA APG grid pattern, with rows also focusable as
 * in its treegrid variant): the whole table, header included, is one Tab stop.
 *
 * A position is a row (`-1` is the header row) and a column (`-1` is the body row itself, the
 * unit Up/Down move between when no cell was entered). Up/Down move between rows and into the
 * header, keeping the column (the header's select-all box stands for the header row, so Down from
 * it lands on the row itself, as APG's treegrid moves from row to row); Right from a row enters its first cell, Left from the first cell
 * goes back to the row; Home/End go to the first/last row from a row, and to the first/last cell
 * from a cell (Ctrl+Home/End to the first/last row, keeping the column); PageUp/PageDown move
 * about a screenful. A row the virtualizer has not rendered yet is scrolled to first, and focused
 * once it is.
 *
 * A cell holding one widget (a checkbox, an ⓘ button) gives focus to the widget itself, as the
 * APG advises for a cell whose widget needs no arrow keys: Space and Enter then reach it directly.
 * Rows carry `data-row-index`, the header row `data-header-row`, cells `data-col-index`.
 */
export interface GridPosition {
  row: number;
  col: number;
}

export interface RovingGrid {
  /** 0 for the one element of the grid that takes Tab, -1 for every other. */
  tabIndexOf: (row: number, col: number) => 0 | -1;
  /** Put on the table: focus by keyboard, click or Tab makes that position the active one. */
  onFocus: (event: FocusEvent<HTMLElement>) => void;
  /** Handles a movement key; true when it did (the caller then handles Space/Enter itself). */
  onKeyDown: (event: KeyboardEvent<HTMLElement>) => boolean;
  /** Where an element of the grid sits, or null outside any row. */
  positionOf: (element: Element) => GridPosition | null;
}

export interface RovingGridOptions {
  /** Body rows. */
  count: number;
  /** Columns a cell can be focused in (0 to columns - 1). */
  columns: number;
  /** Indexes of the body rows in the DOM now, in order. */
  rendered: readonly number[];
  /** How many rows a PageUp/PageDown moves: about one screenful. */
  pageRows: number;
  container: RefObject<HTMLElement | null>;
  /** Brings an index into the virtualizer's range, so its row gets rendered. */
  scrollToIndex: (index: number) => void;
}

const HEADER = -1;
const ROW = -1;

function rowElement(container: HTMLElement | null, row: number): HTMLElement | null {
  const selector = row === HEADER ? '[data-header-row]' : `[data-row-index="${row}"]`;
  return container?.querySelector<HTMLElement>(selector) ?? null;
}

/** The element that takes focus at a position: the row, the cell's one widget, or the cell. */
function focusTarget(container: HTMLElement | null, { row, col }: GridPosition): HTMLElement | null {
  const tr = rowElement(container, row);
  if (!tr || col === ROW) return tr;
  const cell = tr.querySelector<HTMLElement>(`[data-col-index="${col}"]`);
  return cell?.querySelector<HTMLElement>('input, button') ?? cell;
}

/** Focuses an element and scrolls it just into view, clear of the sticky header (as tall as the theme makes it). */
function reveal(container: HTMLElement | null, element: HTMLElement): void {
  const header = container?.querySelector('thead');
  if (container && header) container.style.scrollPaddingTop = `${header.offsetHeight}px`;
  element.focus({ preventScroll: true });
  element.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
}

/** Where a key press sends focus from `at`, or undefined for a key the grid does not move on. */
function destination(event: KeyboardEvent<HTMLElement>, at: GridPosition, count: number, columns: number, pageRows: number): GridPosition | undefined {
  if (event.altKey || event.shiftKey || event.metaKey) return undefined;
  const { row, col } = at;
  const last = count - 1;
  const step = Math.max(1, pageRows);
  // The header has no row of its own to focus: its first cell (the select-all box) stands in for
  // it, both ways. Up from a row reaches it, and Down from it reaches a row, not that row's
  // checkbox: the row is what Space selects and Enter opens, so the pair Up/Down is a round trip.
  const inColumn = (to: number): GridPosition => {
    if (to === HEADER) return { row: to, col: Math.max(col, 0) };
    return { row: to, col: row === HEADER && col === 0 ? ROW : col };
  };
  const clampRow = (to: number) => Math.max(0, Math.min(to, last));
  if (event.ctrlKey) {
    if (event.key === 'Home') return inColumn(0);
    if (event.key === 'End') return inColumn(last);
    return undefined;
  }
  switch (event.key) {
    case 'ArrowDown': return inColumn(row === HEADER ? 0 : clampRow(row + 1));
    case 'ArrowUp': return inColumn(row <= 0 ? HEADER : row - 1);
    case 'PageDown': return inColumn(clampRow(row + step));
    case 'PageUp': return inColumn(row === HEADER ? HEADER : clampRow(row - step));
    case 'ArrowRight': return { row, col: Math.min(col + 1, columns - 1) };
    case 'ArrowLeft': return { row, col: Math.max(col - 1, row === HEADER ? 0 : ROW) };
    case 'Home': return col === ROW ? { row: 0, col } : { row, col: 0 };
    case 'End': return col === ROW ? { row: last, col } : { row, col: columns - 1 };
    default: return undefined;
  }
}

export function useRovingGrid({ count, columns, rendered, pageRows, container, scrollToIndex }: RovingGridOptions): RovingGrid {
  const [active, setActive] = useState<GridPosition>({ row: 0, col: ROW });
  // Set by a key press whose row may not be rendered yet; the effect below focuses it when it is.
  const focusPending = useRef(false);
  const current: GridPosition = active.row === HEADER ? active : { row: Math.max(0, Math.min(active.row, count - 1)), col: active.col };
  const tabStop: GridPosition = current.row === HEADER || rendered.includes(current.row) ? current : { row: rendered[0] ?? HEADER, col: rendered.length ? ROW : 0 };

  // Runs after every render: the virtualizer renders the target row after its scroll.
  useEffect(() => {
    if (!focusPending.current) return;
    const target = focusTarget(container.current, current);
    if (!target) return;
    focusPending.current = false;
    // Only while focus is still in the table (or was dropped with a row the scroll took away):
    // a late render never pulls focus from a field the person moved on to.
    const focused = document.activeElement;
    if (focused && focused !== document.body && !container.current?.contains(focused)) return;
    reveal(container.current, target);
  });

  const moveTo = (next: GridPosition) => {
    setActive(next);
    focusPending.current = true;
    if (next.row !== HEADER && !rendered.includes(next.row)) {
      scrollToIndex(next.row);
      return;
    }
    // Already in the DOM: focus now, so a quick run of presses never reads a stale position.
    const target = focusTarget(container.current, next);
    if (target) {
      focusPending.current = false;
      reveal(container.current, target);
    }
  };

  const positionOf = (element: Element): GridPosition | null => {
    const tr = element.closest('tr');
    if (!tr || !container.current?.contains(tr)) return null;
    const row = tr.hasAttribute('data-header-row') ? HEADER : Number(tr.getAttribute('data-row-index') ?? Number.NaN);
    if (Number.isNaN(row)) return null;
    const cell = element.closest('[data-col-index]');
    return { row, col: cell && tr.contains(cell) ? Number(cell.getAttribute('data-col-index')) : ROW };
  };

  const onFocus = (event: FocusEvent<HTMLElement>) => {
    const at = positionOf(event.target);
    if (at) setActive(at);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLElement>): boolean => {
    const at = positionOf(event.target as Element);
    if (!at || count === 0) return false;
    const to = destination(event, at, count, columns, pageRows);
    if (!to) return false;
    event.preventDefault();
    moveTo(to);
    return true;
  };

  const tabIndexOf = (row: number, col: number): 0 | -1 => (row === tabStop.row && col === tabStop.col ? 0 : -1);

  return { tabIndexOf, onFocus, onKeyDown, positionOf };
}
