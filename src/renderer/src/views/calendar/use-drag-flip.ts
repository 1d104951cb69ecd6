import { useEffect, useRef, useState, type DragEvent } from 'react';

/** How long a dragged campaign rests on "Previous"/"Next" before the view turns, and again for each further one. */
export const FLIP_AFTER_MS = 700;

type Direction = -1 | 1;

/**
 * Dragging a campaign across months (or weeks): holding it over the toolbar's "Previous" or "Next"
 * turns the view, once after a short rest and again while it stays there, so it can be dropped on a
 * day of another month; the drop then goes through the same checks as any move. The buttons take no
 * drop themselves. `dragging` says whether the drag is one of this calendar's campaigns, so a file or
 * text dragged over the buttons turns nothing. `flip` should keep its identity while the view does.
 */
export function useDragFlip(dragging: (event: DragEvent<HTMLElement>) => boolean, flip: (direction: Direction) => void) {
  const [hovering, setHovering] = useState<Direction | null>(null);
  // A drag resting on a button still sends dragover every few hundredths of a second; none for a
  // while means the drag ended somewhere no dragleave or dragend reached (its entry left with the old
  // month), or the hand is still: either way it turns no further.
  const lastOver = useRef(0);

  useEffect(() => {
    if (hovering === null) return undefined;
    // The first turn needs only the rest (a busy machine may run the timer late); each further one a dragover since.
    let turned = 0;
    const timer = setInterval(() => {
      if (turned === 0 || Date.now() - lastOver.current < 1.5 * FLIP_AFTER_MS) {
        turned += 1;
        flip(hovering);
      } else setHovering(null);
    }, FLIP_AFTER_MS);
    return () => clearInterval(timer);
  }, [hovering, flip]);

  const over = (direction: Direction) => (event: DragEvent<HTMLElement>) => {
    if (!dragging(event)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'none';
    lastOver.current = Date.now();
    setHovering(direction);
  };
  const propsFor = (direction: Direction) => ({
    onDragEnter: over(direction),
    onDragOver: over(direction),
    onDragLeave: (event: DragEvent<HTMLElement>) => {
      // Onto the button's own icon is still over the button.
      if (event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget)) return;
      setHovering(null);
    },
    onDrop: (event: DragEvent<HTMLElement>) => {
      event.preventDefault();
      setHovering(null);
    },
    'data-drag-flip': hovering === direction ? 'waiting' : undefined,
  });

  return { previous: propsFor(-1), next: propsFor(1) };
}
