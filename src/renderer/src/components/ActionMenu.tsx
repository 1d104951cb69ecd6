import { Menu, type MenuProps } from '@mantine/core';
import { useWindowEvent } from '@mantine/hooks';
import { useState } from 'react';

/**
 * Mantine's Menu closes on Escape only once its focus trap has moved focus into the dropdown, a
 * moment after it opens (longer on a busy machine). A keyboard user who opens a menu and presses
 * Escape at once would find it still open, so an open ActionMenu closes on Escape wherever focus is.
 * Use it like Menu, with Menu.Target and Menu.Dropdown inside.
 */
export function ActionMenu({ onChange, ...props }: Omit<MenuProps, 'opened' | 'defaultOpened'>) {
  const [opened, setOpened] = useState(false);
  const change = (next: boolean) => {
    setOpened(next);
    onChange?.(next);
  };
  useWindowEvent('keydown', (event) => {
    if (opened && event.key === 'Escape') change(false);
  });
  return <Menu {...props} opened={opened} onChange={change} />;
}
