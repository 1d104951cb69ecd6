import { useId } from 'react';
import { ActionIcon, Group, Tooltip } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { MEANING, type FigureMeaning } from './figure-meanings';

/**
 * A figure's name with an ⓘ that says what it counts: shown on hover and on keyboard focus, and read
 * by screen readers as the button's description.
 */
export function FigureLabel({ label, meaning, children, tabIndex }: { label: string; meaning: FigureMeaning; children?: React.ReactNode; /** -1 inside a grid, whose roving tabindex decides when the ⓘ takes Tab. */ tabIndex?: 0 | -1 }) {
  const id = useId();
  return (
    <Group gap={2} wrap="nowrap" component="span" style={{ display: 'inline-flex', verticalAlign: 'middle' }}>
      {children ?? label}
      <Tooltip label={MEANING[meaning]} multiline w={280} events={{ hover: true, focus: true, touch: true }}>
        <ActionIcon variant="subtle" color="gray" size="xs" aria-label={`What “${label}” counts`} aria-describedby={id} data-meaning={meaning} tabIndex={tabIndex}>
          <IconInfoCircle size={14} />
        </ActionIcon>
      </Tooltip>
      {/* Hidden, yet still the button's description: not part of a column header's name, read on the button only. */}
      <span id={id} hidden>{MEANING[meaning]}</span>
    </Group>
  );
}
