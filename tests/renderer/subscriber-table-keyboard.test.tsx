// @vitest-environment happy-dom
import { useState } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { SubscriberTable, type Selection } from '../../src/renderer/src/views/subscribers/SubscriberTable';
import { renderWithProviders } from './render';

/*
 * The subscriber table from the keyboard (issue 16, WAI-ARIA grid pattern with rows as the focus
 * unit): one Tab stop for a page of 300 rows instead of 600, and keys to move, select and open.
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
  it('is one Tab stop: the first row takes Tab, no other row and no row checkbox does', () => {
    renderWithProviders(<Table opened={[]} />);
    const grid = screen.getByRole('grid', { name: 'Subscribers' });
    const body = within(grid).getAllByRole('row').filter((r) => r.hasAttribute('data-row-index'));
    expect(body.length).toBeGreaterThan(1);
    expect(body.length).toBeLessThan(rows.length);
    expect(body.filter((r) => r.tabIndex === 0).map((r) => r.getAttribute('aria-label'))).toEqual(['person1@corner-shop.example, open details']);
    expect(within(grid).getAllByRole('checkbox', { name: /^Select person/ }).every((c) => c.tabIndex === -1)).toBe(true);
  });

  it('moves between rows with the arrows, and the Tab stop follows', () => {
    renderWithProviders(<Table opened={[]} />);
    row(1).focus();
    fireEvent.keyDown(row(1), { key: 'ArrowDown' });
    fireEvent.keyDown(row(2), { key: 'ArrowDown' });
    expect(focusedRow()).toBe('person3@corner-shop.example, open details');
    fireEvent.keyDown(row(3), { key: 'ArrowUp' });
    expect(focusedRow()).toBe('person2@corner-shop.example, open details');
    expect(row(2).tabIndex).toBe(0);
    expect(row(1).tabIndex).toBe(-1);
    fireEvent.keyDown(row(2), { key: 'ArrowUp' });
    fireEvent.keyDown(row(1), { key: 'ArrowUp' });
    expect(focusedRow()).toBe('person1@corner-shop.example, open details');
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
