import { Menu, type MenuProps } from '@mantine/core';
import { useWindowEvent } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';

/**
 * Mantine's Menu closes on Escape only once its focus trap has moved focus into the dropdown, a
 * moment after it opens (longer on a busy machine). A keyboard user who opens a menu and presses
 * Escape at once would find it still open, so an open ActionMenu closes on Escape wherever focus is.
 *
 * The same race loses focus on the way out: the trap's deferred first focus can still land in the
 * closing dropdown after Mantine has decided where focus returns, and when the dropdown unmounts
 * focus falls to the page body. So once the dropdown is gone, focus left nowhere goes back to the
 * button that opened the menu (WCAG 2.4.3).
 * Use it like Menu, with Menu.Target and Menu.Dropdown inside.
 */
export function ActionMenu({ onChange, onExitTransitionEnd, ...props }: Omit<MenuProps, 'opened' | 'defaultOpened'>) {
  const [opened, setOpened] = useState(false);
  const opener = useRef<HTMLElement | null>(null);
  const change = (next: boolean) => {
    if (next) opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setOpened(next);
    onChange?.(next);
  };
  useWindowEvent('keydown', (event) => {
    if (opened && event.key === 'Escape') change(false);
  });
  // The dropdown leaves the DOM in the render that follows its exit transition; look once that render
  // is committed, not on a timer a busy renderer can outrun.
  const [exits, setExits] = useState(0);
  const exited = () => {
    onExitTransitionEnd?.();
    setExits((n) => n + 1);
  };
  useEffect(() => {
    const target = opener.current;
    const active = document.activeElement;
    if (exits > 0 && target?.isConnected && (active === null || active === document.body)) target.focus({ preventScroll: true });
  }, [exits]);
  return <Menu {...props} opened={opened} onChange={change} onExitTransitionEnd={exited} />;
}
