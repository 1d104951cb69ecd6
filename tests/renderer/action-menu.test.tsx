// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { Button, Menu } from '@mantine/core';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { ActionMenu } from '../../src/renderer/src/components';
import { renderWithProviders } from './render';

afterEach(cleanup);

function RowActions() {
  return (
    <ActionMenu position="bottom-end">
      <Menu.Target>
        <Button>More actions for Spring sale</Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item>Duplicate</Menu.Item>
      </Menu.Dropdown>
    </ActionMenu>
  );
}

describe('a row’s actions menu', () => {
  it('closes on Escape pressed the moment it opens, while focus is still on its button', async () => {
    renderWithProviders(<RowActions />);
    const more = screen.getByRole('button', { name: 'More actions for Spring sale' });
    fireEvent.click(more);
    expect(await screen.findByRole('menuitem', { name: 'Duplicate' })).toBeTruthy();
    // On a busy machine the focus trap has not yet moved focus into the menu when Escape comes.
    more.focus();
    fireEvent.keyDown(more, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('menuitem', { name: 'Duplicate' })).toBeNull());
    expect(document.activeElement).toBe(more);
  });

  it('still closes on Escape from inside the menu and gives focus back to its button', async () => {
    renderWithProviders(<RowActions />);
    const more = screen.getByRole('button', { name: 'More actions for Spring sale' });
    more.focus();
    fireEvent.click(more);
    const item = await screen.findByRole('menuitem', { name: 'Duplicate' });
    item.focus();
    fireEvent.keyDown(item, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('menuitem', { name: 'Duplicate' })).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(more));
  });
});
