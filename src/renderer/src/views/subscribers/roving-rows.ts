import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';

/**
 * Roving tabindex over the rows of a virtualised grid (WAI-ARIA APG grid pattern, with rows as the
 * focus unit): the whole table is one Tab stop; Up/Down, Home/End and PageUp/PageDown move between
 * rows. A row the virtualizer has not rendered yet is scrolled to first, and focused once it is.
 */
export interface RovingRows {
  /** The row that takes Tab: the active one when it is rendered, else the first rendered one. */
  tabStop: number;
  /** The row whose focus (by keyboard, click or Tab) makes it the active one. */
  onRowFocus: (index: number) => void;
  /** Handles a movement key on a row; true when it did (the caller then handles Space/Enter itself). */
  onRowKeyDown: (event: KeyboardEvent<HTMLElement>, index: number) => boolean;
}

export interface RovingRowsOptions {
  count: number;
  /** Indexes of the rows in the DOM now, in order. */
  rendered: readonly number[];
  /** How many rows a PageUp/PageDown moves: about one screenful. */
  pageRows: number;
  container: RefObject<HTMLElement | null>;
  /** Brings an index into the virtualizer's range, so its row gets rendered. */
  scrollToIndex: (index: number) => void;
}

/** The rendered row of an index; rows carry `data-row-index`. */
function rowElement(container: HTMLElement | null, index: number): HTMLElement | null {
  return container?.querySelector<HTMLElement>(`[data-row-index="${index}"]`) ?? null;
}

/** Focuses a row and scrolls it just into view, clear of the sticky header (as tall as the theme makes it). */
function reveal(container: HTMLElement | null, row: HTMLElement): void {
  const header = container?.querySelector('thead');
  if (container && header) container.style.scrollPaddingTop = `${header.offsetHeight}px`;
  row.focus({ preventScroll: true });
  row.scrollIntoView?.({ block: 'nearest' });
}

export function useRovingRows({ count, rendered, pageRows, container, scrollToIndex }: RovingRowsOptions): RovingRows {
  const [active, setActive] = useState(0);
  // Set by a key press whose row may not be rendered yet; the effect below focuses it when it is.
  const focusPending = useRef(false);
  const current = Math.max(0, Math.min(active, count - 1));
  const tabStop = rendered.includes(current) ? current : (rendered[0] ?? -1);

  // Runs after every render: the virtualizer renders the target row after its scroll.
  useEffect(() => {
    if (!focusPending.current) return;
    const row = rowElement(container.current, current);
    if (!row) return;
    focusPending.current = false;
    // Only while focus is still in the table (or was dropped with a row the scroll took away):
    // a late render never pulls focus from a field the person moved on to.
    const focused = document.activeElement;
    if (focused && focused !== document.body && !container.current?.contains(focused)) return;
    reveal(container.current, row);
  });

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(index, count - 1));
    setActive(next);
    focusPending.current = true;
    if (!rendered.includes(next)) scrollToIndex(next);
    else {
      // Already in the DOM: focus now, so a quick run of presses never reads a stale row.
      const row = rowElement(container.current, next);
      if (row) {
        focusPending.current = false;
        reveal(container.current, row);
      }
    }
  };

  const onRowKeyDown = (event: KeyboardEvent<HTMLElement>, index: number): boolean => {
    const step = Math.max(1, pageRows);
    const target: Record<string, number> = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: count - 1, PageDown: index + step, PageUp: index - step };
    const to = target[event.key];
    if (to === undefined || event.altKey || event.shiftKey) return false;
    event.preventDefault();
    moveTo(to);
    return true;
  };

  return { tabStop, onRowFocus: setActive, onRowKeyDown };
}
