import { useId, useState, type KeyboardEvent } from 'react';
import { ActionIcon, Group, Portal, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { MEANING, type FigureMeaning } from './figure-meanings';

/**
 * A figure's name with an ⓘ that says what it counts: shown on hover and on keyboard focus, and read
 * by screen readers as the button's description.
 *
 * Pressing the ⓘ (a click, Enter or Space) also shows the meaning and keeps it shown after the pointer
 * leaves, and says it aloud through a live region: a button that does nothing when pressed is what a
 * keyboard or screen-reader user would otherwise meet. Pressing again or Escape hides it (WCAG 1.4.13:
 * content shown on hover or focus can be dismissed).
 */
export function FigureLabel({ label, meaning, children, tabIndex }: { label: string; meaning: FigureMeaning; children?: React.ReactNode; /** -1 inside a grid, whose roving tabindex decides when the ⓘ takes Tab. */ tabIndex?: 0 | -1 }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [pinned, setPinned] = useState(false);
  const close = () => {
    setOpen(false);
    setPinned(false);
  };
  const press = () => {
    if (pinned && open) return close();
    setOpen(true);
    setPinned(true);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    // Escape closes only what is open: an ⓘ with nothing shown leaves Escape to the dialog around it.
    if (event.key !== 'Escape' || !open) return;
    event.stopPropagation();
    close();
  };
  return (
    <Group gap={2} wrap="nowrap" component="span" style={{ display: 'inline-flex', verticalAlign: 'middle' }}>
      {children ?? label}
      <Tooltip label={MEANING[meaning]} multiline w={280} opened={open}>
        <ActionIcon
          variant="subtle"
          color="gray"
          size="xs"
          aria-label={`What “${label}” counts`}
          aria-describedby={id}
          aria-expanded={pinned}
          data-meaning={meaning}
          tabIndex={tabIndex}
          onClick={press}
          onKeyDown={onKeyDown}
          onFocus={() => setOpen(true)}
          onBlur={close}
          onMouseEnter={() => setOpen(true)}
          onMouseLeave={() => !pinned && setOpen(false)}
        >
          <IconInfoCircle size={14} />
        </ActionIcon>
      </Tooltip>
      {/* Hidden, yet still the button's description: not part of a column header's name, read on the button only. */}
      <span id={id} hidden>{MEANING[meaning]}</span>
      {/* Outside the label (a portal), so the spoken meaning never joins a column header's name. */}
      <Portal>
        <VisuallyHidden role="status" data-meaning-said={meaning}>{pinned ? MEANING[meaning] : ''}</VisuallyHidden>
      </Portal>
    </Group>
  );
}
