// @vitest-environment happy-dom
import { useState } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { SubscriberTable, type Selection } from '../../src/renderer/src/views/subscribers/SubscriberTable';
import { MEANING } from '../../src/renderer/src/components';
import { renderWithProviders } from './render';

/*
 * The subscriber table from the keyboard (issue 16, WAI-ARIA grid pattern, rows focusable as in
 * its treegrid variant): one Tab stop for a page of 300 rows and its header instead of 603, and
 * keys to move between rows, cells and the header, select and open.
 */

const rows = Array.from({ length: 300 }, (_, i) => ({
  id: i + 1,
  email: `person${i + 1}@corner-shop.example`,
  name: `Person ${i + 1}`,
  subscribed_date: '2026-03-01T09:00:00Z',
  tags: ['vip'],
  campaigns_received: 3,
  last_opened: null,
  status: 'active' as const,
}));

function Table({ opened }: { opened: string[] }) {
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const selection: Selection = {
    selected,
    toggle: (id) => setSelected((old) => { const next = new Set(old); if (next.has(id)) next.delete(id); else next.add(id); return next; }),
    togglePage: (ids, on) => setSelected(on ? new Set(ids) : new Set()),
  };
  return <SubscriberTable rows={rows} height={420} selection={selection} onOpen={(row) => opened.push(row.email)} />;
}

const row = (n: number) => screen.getByRole('row', { name: `person${n}@corner-shop.example, open details` });
const focusedRow = () => (document.activeElement as HTMLElement | null)?.getAttribute('aria-label');
const focused = () => document.activeElement as HTMLElement;
const press = (key: string, init: { ctrlKey?: boolean } = {}) => fireEvent.keyDown(focused(), { key, ...init });
/** Every element of the grid that takes Tab now. */
const tabStops = () => [...screen.getByRole('grid', { name: 'Subscribers' }).querySelectorAll<HTMLElement>('[tabindex="0"]')];

// happy-dom lays nothing out: give the table's scroll box the height its style sets, as a browser
// would, so the virtualizer renders the rows that fit (and the overscan), not none.
const box = Object.getOwnPropertyDescriptors(HTMLElement.prototype);
beforeAll(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get(this: HTMLElement) { return Number.parseFloat(this.style.height) || 0; } });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get() { return 1200; } });
});
afterAll(() => {
  for (const key of ['clientHeight', 'clientWidth'] as const) {
    const original = box[key];
    if (original) Object.defineProperty(HTMLElement.prototype, key, original);
  }
});
afterEach(cleanup);

describe('the subscriber table from the keyboard', () => {
  it('is one Tab stop: the first row takes Tab; no other row, cell, row checkbox, nor the header\'s select-all box and ⓘ buttons does', () => {
    renderWithProviders(<Table opened={[]} />);
    const grid = screen.getByRole('grid', { name: 'Subscribers' });
    const body = within(grid).getAllByRole('row').filter((r) => r.hasAttribute('data-row-index'));
    expect(body.length).toBeGreaterThan(1);
    expect(body.length).toBeLessThan(rows.length);
    expect(tabStops().map((r) => r.getAttribute('aria-label'))).toEqual(['person1@corner-shop.example, open details']);
    expect(within(grid).getAllByRole('checkbox', { name: /^Select person/ }).every((c) => c.tabIndex === -1)).toBe(true);
    expect(within(grid).getByRole('checkbox', { name: 'Select every subscriber on this page' }).tabIndex).toBe(-1);
    expect(within(grid).getAllByRole('button', { name: /^What/ }).map((b) => b.tabIndex)).toEqual([-1, -1]);
  });

  it('Up from the first row reaches the header: Left/Right walk its cells, the select-all box and ⓘ buttons take focus themselves', () => {
    renderWithProviders(<Table opened={[]} />);
    row(1).focus();
    press('ArrowUp');
    expect(focused()).toBe(screen.getByRole('checkbox', { name: 'Select every subscriber on this page' }));
    press('ArrowRight');
    expect(focused()).toBe(screen.getByRole('columnheader', { name: 'Subscriber' }));
    for (let i = 0; i < 4; i++) press('ArrowRight');
    expect(focused()).toBe(screen.getByRole('button', { name: 'What “Campaigns” counts' }));
    press('ArrowRight');
    expect(focused()).toBe(screen.getByRole('button', { name: 'What “Last opened” counts' }));
    // The last column is the edge: Right stays, and the Tab stop is where focus is.
    press('ArrowRight');
    expect(focused()).toBe(screen.getByRole('button', { name: 'What “Last opened” counts' }));
    expect(tabStops()).toEqual([focused()]);
    press('Home');
    expect(focused()).toBe(screen.getByRole('checkbox', { name: 'Select every subscriber on this page' }));
    press('ArrowLeft');
    expect(focused()).toBe(screen.getByRole('checkbox', { name: 'Select every subscriber on this page' }));
  });

  it('Enter on the header\'s select-all box selects the whole page, and again clears it', () => {
    renderWithProviders(<Table opened={[]} />);
    row(1).focus();
    press('ArrowUp');
    press('Enter');
    expect(row(1).getAttribute('aria-selected')).toBe('true');
    expect(row(5).getAttribute('aria-selected')).toBe('true');
    expect((screen.getByRole('checkbox', { name: 'Select every subscriber on this page' }) as HTMLInputElement).checked).toBe(true);
    press('Enter');
    expect(row(1).getAttribute('aria-selected')).toBe('false');
  });

  it('Right from a row enters its cells, Left goes back to the row; Up/Down keep the column, into the header too', () => {
    const opened: string[] = [];
    renderWithProviders(<Table opened={opened} />);
    row(1).focus();
    press('ArrowDown');
    press('ArrowRight');
    expect(focused()).toBe(screen.getByRole('checkbox', { name: 'Select person2@corner-shop.example' }));
    press('ArrowRight');
    expect(focused().textContent).toContain('person2@corner-shop.example');
    press('End');
    expect(focused().textContent).toBe('Never');
    press('ArrowUp');
    expect(focused().textContent).toBe('Never');
    expect(focused().closest('tr')).toBe(row(1));
    press('ArrowUp');
    expect(focused()).toBe(screen.getByRole('button', { name: 'What “Last opened” counts' }));
    press('ArrowDown');
    press('ArrowDown');
    expect(focused().closest('tr')).toBe(row(2));
    // Space and Enter answer on a cell as on its row.
    press(' ');
    expect(row(2).getAttribute('aria-selected')).toBe('true');
    press('Enter');
    expect(opened).toEqual(['person2@corner-shop.example']);
    press('Home');
    press('ArrowLeft');
    expect(focused()).toBe(row(2));
    expect(tabStops()).toEqual([row(2)]);
  });

  it('moves between rows with the arrows, and the Tab stop follows', () => {
    renderWithProviders(<Table opened={[]} />);
    row(1).focus();
    fireEvent.keyDown(row(1), { key: 'ArrowDown' });
    fireEvent.keyDown(row(2), { key: 'ArrowDown' });
    expect(focusedRow()).toBe('person3@corner-shop.example, open details');
    expect(tabStops()).toEqual([row(3)]);
    fireEvent.keyDown(row(3), { key: 'ArrowUp' });
    expect(focusedRow()).toBe('person2@corner-shop.example, open details');
    expect(row(2).tabIndex).toBe(0);
    expect(row(1).tabIndex).toBe(-1);
    fireEvent.keyDown(row(2), { key: 'ArrowUp' });
    expect(focusedRow()).toBe('person1@corner-shop.example, open details');
    // Above the first row is the header (its select-all box stands for the header row); Down comes
    // back to the row itself, not its checkbox, and PageDown from there moves rows too.
    fireEvent.keyDown(row(1), { key: 'ArrowUp' });
    expect(focused()).toBe(screen.getByRole('checkbox', { name: 'Select every subscriber on this page' }));
    press('ArrowDown');
    expect(focused()).toBe(row(1));
    expect(tabStops()).toEqual([row(1)]);
    press('ArrowUp');
    press('PageDown');
    expect(focused()).toBe(row(6)); // a screenful (six rows) below the header
  });

  it('Up/Down from a row\'s checkbox keep the checkbox column, into the header and back to the row', () => {
    renderWithProviders(<Table opened={[]} />);
    row(1).focus();
    press('ArrowDown');
    press('ArrowRight');
    expect(focused()).toBe(screen.getByRole('checkbox', { name: 'Select person2@corner-shop.example' }));
    press('ArrowUp');
    expect(focused()).toBe(screen.getByRole('checkbox', { name: 'Select person1@corner-shop.example' }));
    press('ArrowUp');
    expect(focused()).toBe(screen.getByRole('checkbox', { name: 'Select every subscriber on this page' }));
    press('ArrowDown');
    expect(focused()).toBe(row(1));
  });

  it('Enter or Space on a header ⓘ shows and says what its column counts; pressing again or Escape hides it', async () => {
    renderWithProviders(<Table opened={[]} />);
    row(1).focus();
    press('ArrowUp');
    for (let i = 0; i < 5; i++) press('ArrowRight');
    const about = screen.getByRole('button', { name: 'What “Campaigns” counts' });
    expect(focused()).toBe(about);
    const said = () => document.querySelector('[data-meaning-said="campaignsReceived"]')?.textContent;
    expect(said()).toBe('');
    expect(about.getAttribute('aria-expanded')).toBe('false');
    // A button's Enter and Space end in a click (the browser's own, which happy-dom does not synthesise).
    press('Enter');
    fireEvent.click(about);
    expect(about.getAttribute('aria-expanded')).toBe('true');
    expect(said()).toBe(MEANING.campaignsReceived);
    expect((await screen.findByRole('tooltip')).textContent).toBe(MEANING.campaignsReceived);
    // The grid left the key to the button: focus and the selection stay put.
    expect(focused()).toBe(about);
    expect(screen.getByRole('checkbox', { name: 'Select every subscriber on this page' })).not.toHaveProperty('checked', true);
    press('Escape');
    expect(about.getAttribute('aria-expanded')).toBe('false');
    expect(said()).toBe('');
    press(' ');
    fireEvent.click(about);
    expect(said()).toBe(MEANING.campaignsReceived);
    fireEvent.click(about);
    expect(said()).toBe('');
  });

  it('moves a screenful with PageDown and PageUp; the rows it passes stay unrendered (End and Home, which scroll, are in e2e/keyboard.spec.ts)', () => {
    renderWithProviders(<Table opened={[]} />);
    expect(screen.queryByRole('row', { name: /^person300@/ })).toBeNull();
    row(1).focus();
    fireEvent.keyDown(row(1), { key: 'PageDown' });
    // 420 px high, a 48 px header and 52 px rows: seven rows to a screen, so a page moves six.
    expect(focusedRow()).toBe('person7@corner-shop.example, open details');
    fireEvent.keyDown(row(7), { key: 'PageUp' });
    expect(focusedRow()).toBe('person1@corner-shop.example, open details');
  });

  it('selects the focused row with Space and opens it with Enter', () => {
    const opened: string[] = [];
    renderWithProviders(<Table opened={opened} />);
    row(1).focus();
    fireEvent.keyDown(row(1), { key: 'ArrowDown' });
    fireEvent.keyDown(row(2), { key: ' ' });
    expect(row(2).getAttribute('aria-selected')).toBe('true');
    expect((screen.getByRole('checkbox', { name: 'Select person2@corner-shop.example' }) as HTMLInputElement).checked).toBe(true);
    expect(opened).toEqual([]);
    fireEvent.keyDown(row(2), { key: ' ' });
    expect(row(2).getAttribute('aria-selected')).toBe('false');
    fireEvent.keyDown(row(2), { key: 'Enter' });
    expect(opened).toEqual(['person2@corner-shop.example']);
  });
});
